import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Booking function calls are prepared once per connection, and survive a migration that
/// changes a function's result while the connection stays open.
final class PreparedCallTests: XCTestCase {
    func testACallIsPreparedOnceAndReused() throws {
        let f = try Fixture()
        let service = f.service()
        _ = try service.hold(seats: ["A1"], for: f.showId)
        _ = try service.hold(seats: ["A2"], for: f.showId)
        let prepared = try f.db.run("SELECT statement FROM pg_prepared_statements").rows.map { try $0.string("statement") }
        XCTAssertEqual(prepared.filter { $0.contains("modex_hold") }.count, 1, "\(prepared)")
    }

    func testAPreparedCallSurvivesAChangedResultType() throws {
        let f = try Fixture()
        try f.db.run("CREATE FUNCTION modex_test_answer() RETURNS TABLE (a int) LANGUAGE sql AS 'SELECT 1'")
        XCTAssertEqual(try f.db.call("SELECT * FROM modex_test_answer()").single().int("a"), 1)
        // A second prepared statement, whose name the re-prepared one must not take.
        XCTAssertEqual(try f.db.call("SELECT 7 AS seven").single().int("seven"), 7)
        try f.db.connection.execute(script: """
            DROP FUNCTION modex_test_answer();
            CREATE FUNCTION modex_test_answer() RETURNS TABLE (a int, b text) LANGUAGE sql AS 'SELECT 2, ''two''';
            """)
        let row = try f.db.call("SELECT * FROM modex_test_answer()").single()
        XCTAssertEqual(try row.int("a"), 2)
        XCTAssertEqual(try row.string("b"), "two")
        XCTAssertEqual(try f.db.call("SELECT * FROM modex_test_answer()").single().int("a"), 2, "prepared again, then reused")
        XCTAssertEqual(try f.db.call("SELECT 7 AS seven").single().int("seven"), 7)
    }
}
