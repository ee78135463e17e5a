import Foundation
@testable import SeatMapModel
import XCTest

final class UnreachableDatabaseTests: XCTestCase {
    func testClosedPortFailsFastWithAClearError() {
        let start = Date()
        assertThrows(code: "database_unreachable", containing: "unreachable") {
            _ = try Database(conninfo: "postgresql://127.0.0.1:1/modex")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(BookingError.databaseUnreachable("x").exitCode, 69)
    }

    /// A server that accepts the TCP connection and never answers must not hang the caller.
    func testSilentServerTimesOutWithinTenSeconds() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(listener, 0)
        defer { close(listener) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        XCTAssertEqual(bound, 0)
        XCTAssertEqual(listen(listener, 8), 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = UInt16(bigEndian: addr.sin_port)

        var limits = SessionLimits()
        limits.connectTimeoutSeconds = 2
        let start = Date()
        assertThrows(code: "database_unreachable") { _ = try Database(conninfo: "host=127.0.0.1 port=\(port) dbname=x", limits: limits) }
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertLessThan(elapsed, 10)
        XCTAssertGreaterThanOrEqual(elapsed, 1.5, "the error came from the timeout, not a refusal")
    }
}

final class EmbeddedClusterSetupTests: XCTestCase {
    func testMissingServerProgramsNameTheAptCommand() {
        assertThrows(code: "database_unreachable", containing: "sudo apt-get install -y postgresql-15") {
            _ = try PostgresBinaries.locate(root: "/nonexistent/postgresql")
        }
    }

    func testOnlyAClusterWithoutFsyncSkipsSyncingItsNewFiles() {
        var cluster = EmbeddedCluster(home: URL(fileURLWithPath: "/srv/mx"))
        XCTAssertFalse(cluster.initdbArguments.contains("--no-sync"), "a kiosk's cluster is synced to disk when created")
        cluster.serverSettings["fsync"] = "off"
        XCTAssertTrue(cluster.initdbArguments.contains("--no-sync"))
    }

    func testLocationPrecedence() {
        XCTAssertEqual(DatabaseLocation.resolve(option: "postgresql://x/y", environment: ["DATABASE_URL": "z"]), .conninfo("postgresql://x/y"))
        XCTAssertEqual(DatabaseLocation.resolve(option: nil, environment: ["DATABASE_URL": "z", "PGHOST": "h"]), .conninfo("z"))
        XCTAssertEqual(DatabaseLocation.resolve(option: nil, environment: ["PGHOST": "h"]), .conninfo(""))
        XCTAssertEqual(DatabaseLocation.resolve(option: nil, environment: ["HOME": "/root"]), .embedded)
        XCTAssertEqual(EmbeddedCluster.forCurrentUser(environment: ["MODEX_HOME": "/srv/mx"]).home.path, "/srv/mx")
    }
}

/// What `modex` says when the embedded server does not start: read from what the server logged
/// during that start only.
final class ServerStartFailureTests: XCTestCase {
    func testOnlyWhatThisStartLoggedIsReadAndAFullDiskIsNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("start-failure-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("postgres-Wed.log")
        try "2026-11-25 23:50:01.000 UTC [100] FATAL:  terminating connection due to administrator command\n"
            .write(to: log, atomically: true, encoding: .utf8)
        func append(_ text: String) throws {
            let handle = try FileHandle(forWritingTo: log)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        let home = URL(fileURLWithPath: "/srv/modex")
        let quiet = ServerStartFailure(logFiles: [log])
        try append("2026-11-25 23:55:03.103 UTC [157] LOG:  starting PostgreSQL 15.18\n")
        XCTAssertEqual(quiet.explanation(logFiles: [log], pgCtlOutput: "pg_ctl: could not start server", home: home, logDirectory: dir),
                       "the embedded PostgreSQL did not start (see \(dir.path)): pg_ctl: could not start server",
                       "an earlier session's complaint is not this start's")

        let full = ServerStartFailure(logFiles: [log])
        try append("""
            2026-11-25 23:55:03.119 UTC [159] LOG:  redo starts at 0/1500788
            2026-11-25 23:55:03.170 UTC [159] FATAL:  could not write to file "pg_wal/xlogtemp.159": No space left on device
            2026-11-25 23:55:03.174 UTC [157] LOG:  startup process (PID 159) exited with exit code 1

            """)
        XCTAssertEqual(full.explanation(logFiles: [log], pgCtlOutput: "", home: home, logDirectory: dir),
                       "the disk is full where it lives (/srv/modex): could not write to file \"pg_wal/xlogtemp.159\": No space left on device. "
                       + "Free some space there and it starts again by itself")

        let other = ServerStartFailure(logFiles: [log])
        let newDay = dir.appendingPathComponent("postgres-Thu.log")
        try "2026-11-26 00:00:01.000 UTC [160] FATAL:  data directory \"/srv/modex/pg\" has invalid permissions\n"
            .write(to: newDay, atomically: true, encoding: .utf8)
        XCTAssertEqual(other.explanation(logFiles: [log, newDay], pgCtlOutput: "", home: home, logDirectory: dir),
                       "the embedded PostgreSQL did not start: data directory \"/srv/modex/pg\" has invalid permissions (see \(dir.path))",
                       "a log file begun during the start is read from its beginning")
    }
}
