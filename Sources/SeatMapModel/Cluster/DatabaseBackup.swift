import Foundation

/// Copies of the embedded cluster's database in one file each (pg_dump's custom format), so a
/// box office can keep its bookings somewhere other than the kiosk host's disk, and put them
/// back.
public struct DatabaseBackup {
    let cluster: EmbeddedCluster

    public init(cluster: EmbeddedCluster) { self.cluster = cluster }

    /// What a database holds, counted at the moment a backup was taken or a restore finished.
    public struct Contents: Sendable, Equatable {
        public let shows: Int
        public let bookings: Int
        public let confirmedBookings: Int
    }

    /// Writes one consistent snapshot of the database to `file` while pickers go on working. The
    /// file is readable by its owner only (it holds customers' emails) and appears only once it
    /// is complete; an existing file is never overwritten.
    @discardableResult
    public func backup(to file: URL) throws -> Contents {
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw BookingError.invalidInput("\(file.path) already exists; choose another file name")
        }
        let folder = file.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw BookingError.invalidInput("There is no folder \(folder) to write \(file.lastPathComponent) into; create it or choose another place")
        }
        guard cluster.isInitialized else {
            throw BookingError.invalidInput("There is no embedded cluster in \(cluster.home.path) yet, so nothing to back up")
        }
        let db = try liveDatabase()
        let partial = file.path + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        // The counts and pg_dump read the same snapshot, so the summary describes the file.
        let contents: Contents = try db.transaction(readOnlySnapshot: true, unbounded: true) { conn in
            try conn.execute(script: "SET LOCAL idle_in_transaction_session_timeout = 0")
            let snapshot = try conn.query("SELECT pg_export_snapshot() AS s").single().string("s")
            let contents = try Self.contents(db)
            let dump = try tool("pg_dump", ["--format=custom", "--file=\(partial)", "--snapshot=\(snapshot)",
                                            "--dbname=\(cluster.conninfo())"])
            guard dump.status == 0 else {
                try? FileManager.default.removeItem(atPath: partial)
                // The file being written is ours; the user knows it by the name they gave.
                throw BookingError.internalFailure("pg_dump failed: \(dump.output.suffix(500).replacingOccurrences(of: partial, with: file.path))")
            }
            return contents
        }
        guard chmod(partial, 0o600) == 0, rename(partial, file.path) == 0 else {
            try? FileManager.default.removeItem(atPath: partial)
            throw BookingError.internalFailure("could not write \(file.path): \(String(cString: strerror(errno)))")
        }
        return contents
    }

    /// Replaces the database with the backup in `file` and returns what it now holds. A
    /// database that has bookings is replaced only `replacingBookings`, and is first backed up
    /// to `savedAs`. Open pickers lose their connection for a moment and reconnect to the
    /// restored database by themselves.
    public func restore(from file: URL, replacingBookings: Bool, savedAs: URL) throws -> Contents {
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw BookingError.invalidInput("There is no file \(file.path)")
        }
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw BookingError.invalidInput("Cannot read \(file.path): this user may not read it")
        }
        guard try tool("pg_restore", ["--list", file.path]).status == 0 else {
            throw BookingError.invalidInput("\(file.path) is not a backup made by `modex db backup`")
        }
        let current = try Self.contents(try liveDatabase())
        if current.bookings > 0 {
            guard replacingBookings else {
                throw BookingError.invalidInput("""
                    The database holds \(GroupedNumber.counted(current.bookings, "booking")), \(GroupedNumber.text(current.confirmedBookings)) of them confirmed; \
                    restoring replaces them. Run again with --replace: the current state is saved to \(savedAs.path) first.
                    """)
            }
            try backup(to: savedAs)
        }
        let staging = cluster.databaseName + "_restoring"
        let admin = try Database(conninfo: cluster.conninfo(database: "postgres"))
        try admin.run("DROP DATABASE IF EXISTS \(staging)")
        try admin.run("CREATE DATABASE \(staging)")
        do {
            let loaded = try tool("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner",
                                                 "--dbname=\(cluster.conninfo(database: staging))", file.path])
            guard loaded.status == 0 else {
                throw BookingError.invalidInput("\(file.path) could not be restored: \(loaded.output.suffix(500))")
            }
            let restored = try Database(conninfo: cluster.conninfo(database: staging))
            guard try !Migrator(database: restored).appliedVersions().isEmpty else {
                throw BookingError.invalidInput("\(file.path) is not a backup made by `modex db backup` (it has no Modex schema)")
            }
            try Migrator(database: restored).migrate()
            // Every booking carries the id of the transaction that last changed it, and watchers
            // compare those ids with their snapshots. Ids from another cluster, or from this one
            // before the backup, would read as changes forever; the restore counts as the change.
            // (Open pickers lose their connections to the swap, and read their maps again.)
            try restored.transaction(unbounded: true) { conn in
                _ = try conn.query("UPDATE bookings SET change_xid = pg_current_xact_id()")
            }
            // Holds that lapsed since the backup are tidied now, so `modex check` is clean at
            // once; should this fail, open pickers sweep them later (they are available anyway).
            _ = try? ExpirySweeper(database: restored).sweep()
            let contents = try Self.contents(restored)
            try cluster.replaceDatabase(with: staging, admin: admin) { live in
                // Booking ids handed out since the backup must not be handed out again: a
                // picker still holding booking 57 from before the restore would otherwise
                // confirm somebody else's new booking 57.
                let highest = try Migrator(database: live).appliedVersions().isEmpty ? 0 : try live.run("""
                    SELECT greatest(coalesce(pg_sequence_last_value(pg_get_serial_sequence('bookings', 'booking_id')::regclass), 0),
                                    coalesce((SELECT max(booking_id) FROM bookings), 0)) AS n
                    """).single().int("n")
                try restored.run("""
                    SELECT setval(pg_get_serial_sequence('bookings', 'booking_id'),
                                  greatest($1, coalesce((SELECT max(booking_id) FROM bookings), 0), 1))
                    """, [.int(highest)])
                restored.connection.close()
            }
            return contents
        } catch {
            _ = try? admin.run("DROP DATABASE IF EXISTS \(staging) WITH (FORCE)")
            throw error
        }
    }

    /// The database as it is: started (and created, empty, if need be) but not migrated, so a
    /// database whose schema cannot be upgraded can still be backed up or replaced.
    private func liveDatabase() throws -> Database {
        try cluster.start()
        return try Database(conninfo: cluster.conninfo())
    }

    /// What the database holds; nothing when it has no Modex schema.
    static func contents(_ db: Database) throws -> Contents {
        guard try !Migrator(database: db).appliedVersions().isEmpty else { return Contents(shows: 0, bookings: 0, confirmedBookings: 0) }
        let row = try db.run("""
            SELECT (SELECT count(*) FROM shows) AS shows, (SELECT count(*) FROM bookings) AS bookings,
                   (SELECT count(*) FROM bookings WHERE status = 'CONFIRMED') AS confirmed
            """).single()
        return Contents(shows: Int(try row.int("shows")), bookings: Int(try row.int("bookings")),
                        confirmedBookings: Int(try row.int("confirmed")))
    }

    /// Runs a PostgreSQL client program (pg_dump, pg_restore) as the current user.
    private func tool(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try Subprocess.run(try PostgresBinaries.locate().directory.appendingPathComponent(name).path, arguments)
    }
}
