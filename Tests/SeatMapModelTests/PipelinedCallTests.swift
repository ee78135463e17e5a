import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Calls sent without waiting for their answers (`PGConnection.sendPrepared`), as `modex bench`
/// keeps many connections busy from one thread: each answer arrives on its own connection, a
/// call stuck behind a lock holds up no other, and refusals read as they do when waiting.
final class PipelinedCallTests: XCTestCase {
    func testOneThreadWaitsOnTwoConnectionsAndALockedCallHoldsUpNeither() throws {
        let f = try Fixture()
        let first = try f.connect(), second = try f.connect(), blocker = try f.connect()
        let firstHolds = HoldService(database: first), secondHolds = HoldService(database: second)
        try blocker.connection.execute(script: "BEGIN")
        try blocker.run("SELECT 1 FROM seats WHERE show_id = $1 AND label = 'A1' FOR UPDATE", [.int(f.showId)])

        let stuck = try firstHolds.holdCall(seats: ["A1"], for: f.showId)
        try first.connection.sendPrepared(stuck.sql, stuck.parameters)
        let free = try secondHolds.holdCall(seats: ["A2"], for: f.showId)
        try second.connection.sendPrepared(free.sql, free.parameters)

        var sockets = [pollfd(fd: first.connection.socket, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: second.connection.socket, events: Int16(POLLIN), revents: 0)]
        XCTAssertTrue(try eventually(within: 1.5, every: 0) {
            sockets[0].revents = 0
            sockets[1].revents = 0
            PGConnection.waitForReadable(&sockets, nanoseconds: 50_000_000)
            return try sockets[1].revents != 0 && second.connection.answerArrived()
        }, "the free seat's answer arrived")
        let held = try free.answer(from: try second.connection.takeAnswer())
        XCTAssertEqual(held.labels, ["A2"])
        XCTAssertFalse(try first.connection.answerArrived(), "the locked seat's call is still waiting")

        try blocker.connection.execute(script: "ROLLBACK")
        XCTAssertTrue(try eventually(within: 2) { try first.connection.answerArrived() })
        XCTAssertEqual(try stuck.answer(from: try first.connection.takeAnswer()).labels, ["A1"])

        let taken = try secondHolds.holdCall(seats: ["A1"], for: f.showId)
        try second.connection.sendPrepared(taken.sql, taken.parameters)
        XCTAssertTrue(try eventually(within: 2) { try second.connection.answerArrived() })
        assertThrows(.seatsUnavailable(["A1"])) { _ = try second.connection.takeAnswer() }
        XCTAssertEqual(try second.run("SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE '%modex_hold%'")
                       .single().int("n"), 1, "prepared once on the connection, and reused")
        XCTAssertEqual(try f.storedSeats()["A1"]?.status, "RESERVED")
        XCTAssertEqual(try f.storedSeats()["A2"]?.status, "RESERVED")
    }

    /// A function whose result changed since it was prepared is refused once; the refusal
    /// forgets the statement, and the next send prepares it again.
    func testARefusedStaleStatementIsPreparedAgainOnTheNextSend() throws {
        let f = try Fixture()
        try f.db.run("CREATE FUNCTION modex_test_answer() RETURNS TABLE (a int) LANGUAGE sql AS 'SELECT 1'")
        let sql = "SELECT * FROM modex_test_answer()"
        func answer() throws -> PGRows {
            try f.db.connection.sendPrepared(sql)
            return try f.db.connection.takeAnswer()
        }
        XCTAssertEqual(try answer().single().int("a"), 1)
        try f.db.connection.execute(script: """
            DROP FUNCTION modex_test_answer();
            CREATE FUNCTION modex_test_answer() RETURNS TABLE (a int, b text) LANGUAGE sql AS 'SELECT 2, ''two''';
            """)
        XCTAssertThrowsError(try answer()) { error in
            XCTAssertTrue(PGConnection.needsPreparingAgain(try! XCTUnwrap(error as? BookingError)), "\(error)")
        }
        XCTAssertEqual(try answer().single().string("b"), "two")
    }
}
