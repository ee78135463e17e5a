/// Applies pending migrations inside one transaction, serialized by an advisory lock so two
/// `modex migrate` runs at once are safe. Running it again changes nothing.
public struct Migrator {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Applies every migration not yet recorded; returns the versions it applied.
    @discardableResult
    public func migrate(_ migrations: [Migration] = Migration.all) throws -> [Int] {
        try database.transaction { conn in
            try conn.query("SELECT pg_advisory_xact_lock(4242001)")
            try conn.execute(script: """
                CREATE TABLE IF NOT EXISTS modex_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            let done = Set(try conn.query("SELECT version FROM modex_migrations").rows.map { try $0.int("version") })
            var applied: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !done.contains(Int64(migration.version)) {
                do {
                    try conn.execute(script: migration.sql)
                } catch let error as BookingError where !error.isTransient {
                    // Not a database without a schema (the hint `Database` adds to such errors):
                    // a migration that does not fit this database's schema.
                    throw BookingError.internalFailure(
                        "Could not upgrade the database schema to version \(migration.version) (\(migration.name)); nothing was changed: \(error.message)")
                }
                try conn.query("INSERT INTO modex_migrations (version, name) VALUES ($1, $2)",
                               [.int(Int64(migration.version)), .text(migration.name)])
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// The versions recorded as applied, or an empty list on a database never migrated.
    public func appliedVersions() throws -> [Int] {
        let exists = try database.run("SELECT to_regclass('modex_migrations') IS NOT NULL AS present").first?.bool("present") ?? false
        guard exists else { return [] }
        return try database.run("SELECT version FROM modex_migrations ORDER BY version").rows.map { Int(try $0.int("version")) }
    }
}
