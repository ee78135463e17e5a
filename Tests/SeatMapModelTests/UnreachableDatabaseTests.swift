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
