import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A server that stops answering mid-statement (here its backend is stopped with SIGSTOP; in
/// life, a disk that hangs in fsync) is given up after the answer timeout: no server-side
/// limit can interrupt it, so without this a call would wait for ever.
final class HungServerTests: XCTestCase {
    func testACallToAStoppedBackendGivesUpAfterTheAnswerTimeout() throws {
        let f = try Fixture()
        let db = try f.connect()
        XCTAssertEqual(db.connection.answerTimeout, 15, "by default 5 s past the 10 s statement timeout")
        db.connection.answerTimeout = 1
        let backend = db.connection.backendPID
        XCTAssertEqual(kill(backend, SIGSTOP), 0)
        defer { kill(backend, SIGCONT) }
        let started = Date()
        assertThrows(code: "database_unreachable", containing: "the database did not answer within 1 s") {
            _ = try HoldService(database: db).hold(seats: ["A1"], for: f.showId)
        }
        let waited = Date().timeIntervalSince(started)
        XCTAssertGreaterThanOrEqual(waited, 1)
        XCTAssertLessThan(waited, 3)
        XCTAssertFalse(db.connection.isHealthy, "the connection was given up, so nothing is sent on it while the old call is pending")
        XCTAssertFalse(db.ping())
    }

    func testTheAnswerTimeoutCutsASlowStatementButNotUnboundedWork() throws {
        let f = try Fixture()
        let db = try f.connect()
        db.connection.answerTimeout = 1
        XCTAssertEqual(try db.transaction(unbounded: true) { conn in
            try conn.query("SELECT pg_sleep(1.5), current_setting('statement_timeout') AS limit").single().string("limit")
        }, "0", "unbounded work has neither limit")
        XCTAssertEqual(db.connection.answerTimeout, 1, "and the answer timeout is back afterwards")
        XCTAssertEqual(try db.run("SELECT current_setting('statement_timeout') AS limit").single().string("limit"), "10s")
        assertThrows(code: "database_unreachable", containing: "did not answer within 1 s") { _ = try db.run("SELECT pg_sleep(1.5)") }
    }

    /// The asynchronous calls behave as `PQexec` did: a script stops at its first error, whose
    /// message is the one reported, and the connection stays usable.
    func testAFailingScriptReportsItsErrorAndTheConnectionGoesOn() throws {
        let f = try Fixture()
        let db = try f.connect()
        assertThrows(code: "database_error", containing: "division by zero") {
            try db.connection.execute(script: "SELECT 1; SELECT 1/0; SELECT 2")
        }
        XCTAssertEqual(try db.run("SELECT 41 + 1 AS n").single().int("n"), 42)
    }
}
