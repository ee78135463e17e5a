import Foundation

/// The private PostgreSQL cluster `modex` runs when no database is configured.
///
/// It lives in `MODEX_HOME`, else `/var/lib/modex` for root (run as the `postgres` user, since
/// PostgreSQL refuses to run as root), else `$XDG_DATA_HOME/modex` or `~/.local/share/modex`.
/// It listens only on a Unix socket inside that directory.
public struct EmbeddedCluster: Sendable {
    public let home: URL
    /// Extra `-c name=value` server settings (tests turn fsync off). Room for a few hundred
    /// connections: every seat picker uses two.
    public var serverSettings: [String: String] = ["max_connections": "250"]

    public init(home: URL) { self.home = home }

    /// The cluster for this user and environment.
    public static func forCurrentUser(environment: [String: String] = ProcessInfo.processInfo.environment) -> EmbeddedCluster {
        if let dir = environment["MODEX_HOME"], !dir.isEmpty { return EmbeddedCluster(home: URL(fileURLWithPath: dir)) }
        if getuid() == 0 { return EmbeddedCluster(home: URL(fileURLWithPath: "/var/lib/modex")) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return EmbeddedCluster(home: URL(fileURLWithPath: xdg).appendingPathComponent("modex"))
        }
        let userHome = environment["HOME"] ?? NSHomeDirectory()
        return EmbeddedCluster(home: URL(fileURLWithPath: userHome).appendingPathComponent(".local/share/modex"))
    }

    public var dataDirectory: URL { home.appendingPathComponent("pg") }
    public var socketDirectory: URL { home.appendingPathComponent("run") }
    /// What the server prints while it starts; after that it logs to `serverLogDirectory`.
    public var logFile: URL { home.appendingPathComponent("postgres.log") }
    /// The server's log: one file a day (`postgres-Mon.log` ...), each emptied when its weekday
    /// comes round again, so a kiosk keeps a week of logs and they never fill the disk (a bench
    /// run alone logs about 100 MB of refused holds).
    public var serverLogDirectory: URL { dataDirectory.appendingPathComponent("log") }
    static let logSettings = ["logging_collector": "on", "log_directory": "log", "log_filename": "postgres-%a.log",
                              "log_truncate_on_rotation": "on", "log_rotation_age": "1d", "log_rotation_size": "0"]
    /// Written by `stop()`: a cluster stopped on purpose (`modex db stop`, say for a backup or an
    /// upgrade) stays stopped, although running seat pickers keep reconnecting, until
    /// `start(evenIfStoppedOnPurpose: true)` (`modex db start`).
    public var stoppedOnPurposeMarker: URL { home.appendingPathComponent("stopped-on-purpose") }
    public var isStoppedOnPurpose: Bool { FileManager.default.fileExists(atPath: stoppedOnPurposeMarker.path) }
    /// What a connection is told while the cluster is stopped on purpose.
    public static let stoppedOnPurposeMessage = "it was stopped with `modex db stop`; run `modex db start`"
    public var databaseName: String { "modex" }
    static let superuser = "modex"

    /// The conninfo for a database in this cluster.
    public func conninfo(database: String? = nil) -> String {
        "host=\(socketDirectory.path) dbname=\(database ?? databaseName) user=\(Self.superuser)"
    }

    /// True when the server answers on its socket.
    public var isRunning: Bool {
        (try? runTool("pg_ctl", ["status", "-D", dataDirectory.path]))?.status == 0
    }

    /// Whether the cluster has been created.
    public var isInitialized: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    /// Starts the cluster (creating it if needed) and connects to its database, migrated. A
    /// database created now gets the demo shows before the cluster's lock is released, so a
    /// connection opened at the same moment (the seat picker opens two) never finds it empty.
    /// `evenIfStoppedOnPurpose` as for `start`.
    public func openDatabase(loadingDemoWhenNew loadDemo: Bool = true, evenIfStoppedOnPurpose: Bool = false) throws -> Database {
        let created = try start(evenIfStoppedOnPurpose: evenIfStoppedOnPurpose, preparingNewDatabase: { db in
            try Migrator(database: db).migrate()
            if loadDemo { try DemoData.load(into: db) }
        })
        let db = try Database(conninfo: conninfo())
        if !created { try Migrator(database: db).migrate() }   // a new database was migrated under the lock
        return db
    }

    /// Creates the cluster and its database if needed and starts it if stopped. Returns true when
    /// the database was created now; `prepare` then runs on it before anyone else gets past
    /// the lock file that serializes starts and stops (two first runs at once do not collide).
    /// A cluster stopped on purpose is started only `evenIfStoppedOnPurpose`; otherwise this
    /// throws `.databaseUnreachable` saying how to start it.
    @discardableResult
    public func start(evenIfStoppedOnPurpose: Bool = false, preparingNewDatabase prepare: ((Database) throws -> Void)? = nil) throws -> Bool {
        let binaries = try PostgresBinaries.locate()
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return try withLockFile(lockFile) {
            if isStoppedOnPurpose {
                guard evenIfStoppedOnPurpose || isRunning else { throw BookingError.databaseUnreachable(Self.stoppedOnPurposeMessage) }
                try FileManager.default.removeItem(at: stoppedOnPurposeMarker)
            }
            var created = false
            if !isInitialized {
                try prepareDirectories()
                let result = try runTool("initdb", initdbArguments, binaries: binaries)
                guard result.status == 0 else {
                    throw BookingError.databaseUnreachable("initdb failed: \(result.output.suffix(500))")
                }
                created = true
            }
            if !isRunning {
                var options = "-k \(socketDirectory.path) -c listen_addresses='' -c unix_socket_permissions=0700"
                let settings = Self.logSettings.merging(serverSettings) { _, chosen in chosen }
                for (key, value) in settings.sorted(by: { $0.key < $1.key }) { options += " -c \(key)=\(value)" }
                let failure = ServerStartFailure(logFiles: serverLogFiles)
                let result = try runTool("pg_ctl", ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "30", "-o", options],
                                         binaries: binaries)
                guard result.status == 0 else {
                    throw BookingError.databaseUnreachable(failure.explanation(
                        logFiles: serverLogFiles, pgCtlOutput: result.output, home: home, logDirectory: serverLogDirectory))
                }
            }
            let admin = try Database(conninfo: conninfo(database: "postgres"))
            let exists = try admin.run("SELECT 1 FROM pg_database WHERE datname = $1", [.text(databaseName)]).first != nil
            if !exists { try admin.run("CREATE DATABASE \(databaseName)") }
            if created || !exists, let prepare { try prepare(try Database(conninfo: conninfo())) }
            return created || !exists
        }
    }

    /// Stops the server (fast shutdown) and keeps it stopped: later connections, including
    /// running seat pickers that reconnect, are refused with `stoppedOnPurposeMessage` instead of
    /// starting it again.
    public func stop() throws {
        guard isInitialized else { return }
        try withLockFile(lockFile) {
            _ = FileManager.default.createFile(atPath: stoppedOnPurposeMarker.path, contents: nil)
            guard isRunning else { return }
            let result = try runTool("pg_ctl", ["stop", "-D", dataDirectory.path, "-m", "fast", "-w"])
            guard result.status == 0 else { throw BookingError.internalFailure("pg_ctl stop failed: \(result.output)") }
        }
    }

    var lockFile: URL { home.appendingPathComponent("cluster.lock") }

    /// Everything the server logs to: its start-up file and the files a day.
    var serverLogFiles: [URL] {
        [logFile] + ((try? FileManager.default.contentsOfDirectory(at: serverLogDirectory, includingPropertiesForKeys: nil)) ?? [])
    }

    /// initdb writes the new cluster's catalog straight to its files, outside the WAL, so it
    /// must sync them: a power cut soon after the first run could otherwise leave a cluster
    /// that cannot start, bookings and all. Only a cluster run with `fsync` off (tests) skips it.
    var initdbArguments: [String] {
        ["-D", dataDirectory.path, "-U", Self.superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]
            + (serverSettings["fsync"] == "off" ? ["--no-sync"] : [])
    }

    /// Puts database `replacement` of this cluster in the place of the Modex database, holding
    /// the lock that serializes starts, so no `modex` starting meanwhile creates a new empty
    /// one. Connections to the old database are ended (pickers reconnect); `lastLook` then reads
    /// it on the only connection left, so nothing changes it any more; then it is dropped.
    func replaceDatabase(with replacement: String, admin: Database, lastLook: (Database) throws -> Void) throws {
        let name = databaseName, old = databaseName + "_replaced"
        try withLockFile(lockFile) {
            try admin.run("DROP DATABASE IF EXISTS \(old)")
            let live = try Database(conninfo: conninfo())
            try admin.run("ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
            do {
                try endConnections(to: name, sparing: live.connection.backendPID, admin: admin)
                try lastLook(live)
                live.connection.close()
                try endConnections(to: name, sparing: nil, admin: admin)
                try admin.run("ALTER DATABASE \(name) RENAME TO \(old)")
            } catch {
                _ = try? admin.run("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
                throw error
            }
            do {
                try admin.run("ALTER DATABASE \(replacement) RENAME TO \(name)")
            } catch {
                _ = try? admin.run("ALTER DATABASE \(old) RENAME TO \(name)")
                _ = try? admin.run("ALTER DATABASE \(name) ALLOW_CONNECTIONS true")
                throw error
            }
            try admin.run("DROP DATABASE \(old)")
        }
    }

    /// Ends every connection to `database` but `sparing` and waits (up to 10 s) until they are
    /// gone. An ended connection looks like an outage to a picker, which reconnects.
    private func endConnections(to database: String, sparing: Int32?, admin: Database) throws {
        let deadline = Date().addingTimeInterval(10)
        while try admin.run("""
            SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
             WHERE datname = $1 AND pid <> pg_backend_pid() AND pid <> $2
            """, [.text(database), .int(Int64(sparing ?? 0))]).single().int("n") > 0 {
            guard Date() < deadline else { throw BookingError.internalFailure("connections to the database did not end") }
            usleep(50_000)
        }
    }

    private func prepareDirectories() throws {
        for dir in [dataDirectory, socketDirectory] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        if getuid() == 0 {
            // The server runs as `postgres`, which must own its directories and reach them.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: home.path)
            for path in [dataDirectory.path, socketDirectory.path] {
                guard chownToPostgres(path) else { throw BookingError.internalFailure("could not give \(path) to the postgres user") }
            }
            _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
            _ = chownToPostgres(logFile.path)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
    }

    private func chownToPostgres(_ path: String) -> Bool {
        guard let pw = getpwnam("postgres") else { return false }
        return chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) == 0
    }

    func runTool(_ tool: String, _ arguments: [String], binaries: PostgresBinaries? = nil) throws -> (status: Int32, output: String) {
        let bin = try binaries ?? PostgresBinaries.locate()
        let executable = bin.directory.appendingPathComponent(tool).path
        if getuid() == 0 {
            guard getpwnam("postgres") != nil else {
                throw BookingError.internalFailure("running as root needs the `postgres` user, which the postgresql-15 package creates")
            }
            return try Subprocess.run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        }
        return try Subprocess.run(executable, arguments)
    }
}

/// Where PostgreSQL's server programs are installed.
public struct PostgresBinaries: Sendable {
    public let directory: URL

    /// Finds PostgreSQL 15 (or the newest installed version) under /usr/lib/postgresql.
    public static func locate(root: String = "/usr/lib/postgresql") throws -> PostgresBinaries {
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        let preferred = versions.contains(15) ? [15] + versions : versions
        for version in preferred {
            let dir = URL(fileURLWithPath: "\(root)/\(version)/bin")
            if FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("initdb").path) {
                return PostgresBinaries(directory: dir)
            }
        }
        throw BookingError.databaseUnreachable(
            "PostgreSQL's server programs are not installed, and no DATABASE_URL or PGHOST is set. Install them with: sudo apt-get install -y postgresql-15")
    }
}
