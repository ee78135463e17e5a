import Dispatch
import Foundation
import ModexTestSupport
@testable import SeatMapModel
import Synchronization
import XCTest

/// Since migration 14 a hold takes a lapsed seat without touching the lapsed booking, which
/// keeps its other seats until the sweep ends it. These are the races that leaves open.
final class LapsedSeatRaceTests: XCTestCase {
    /// The sweep ending a lapsed booking waits for a hold that is taking one of its seats, and
    /// then leaves that seat to the hold: it frees only the seats still the lapsed booking's.
    func testTheSweepLeavesASeatTakenMeanwhileToTheHoldThatTookIt() throws {
        let f = try Fixture()
        let lapsed = try f.service(holdSeconds: 1).hold(seats: ["A1", "A2"], for: f.showId)
        XCTAssertTrue(try eventually(within: 5) { try ChangeFeed(database: f.db).databaseTime() > lapsed.expiresAt })
        let taker = try f.connect()
        try taker.connection.execute(script: "BEGIN")
        let taken = try taker.connection.query("SELECT booking_id FROM modex_hold($1, '{A1}', NULL, 'tester', 120, NULL)",
                                               [.int(f.showId)]).single().int("booking_id")
        let conninfo = f.conninfo
        let swept = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<ExpirySummary, Error>?>(nil)
        DispatchQueue.global().async {
            let result = Result { try ExpirySweeper(database: try Database(conninfo: conninfo)).sweep() }
            outcome.withLock { $0 = result }
            swept.signal()
        }
        XCTAssertTrue(try eventually(within: 5) {
            try f.lockWaiters() == 1
        }, "the sweep waits for the seat the hold is taking")
        try taker.connection.execute(script: "COMMIT")
        XCTAssertEqual(swept.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(try XCTUnwrap(outcome.withLock { $0 }).get(), ExpirySummary(expiredBookings: 1, freedSeats: 1))
        let seats = try f.storedSeats()
        XCTAssertEqual(seats["A1"]?.status, "RESERVED")
        XCTAssertEqual(seats["A1"]?.booking, taken)
        XCTAssertEqual(seats["A2"]?.status, "AVAILABLE")
        XCTAssertEqual(try f.service().booking(lapsed.bookingId).status, .expired)
        try f.assertClean()
    }

    /// A confirmation that finds one of its booking's seats no longer the booking's (taken as
    /// lapsed by a hold whose clock read later than the confirmation's) sells nothing: not the
    /// seats still its own, and not the booking.
    func testAConfirmationThatFindsASeatTakenSellsNothing() throws {
        let f = try Fixture()
        let service = f.service()
        let hold = try service.hold(seats: ["A5", "A6"], for: f.showId)
        let other = try service.hold(seats: ["A9"], for: f.showId)
        // What such a hold leaves behind, written directly: A6 now belongs to another booking.
        try f.db.run("UPDATE seats SET booking_id = $1 WHERE show_id = $2 AND label = 'A6'", [.int(other.bookingId), .int(f.showId)])
        assertThrows(code: "wrong_state", containing: "its hold ran out") {
            _ = try service.confirm(booking: hold.bookingId, email: "late@example.com", paidBy: .card)
        }
        assertThrows(code: "wrong_state", containing: "its hold ran out") { try service.release(booking: hold.bookingId) }
        assertThrows(code: "wrong_state", containing: "its hold ran out") { _ = try service.extend(booking: hold.bookingId) }
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM sold_seats"), 0)
        XCTAssertEqual(try f.db.run("SELECT status::text AS s FROM bookings WHERE booking_id = $1", [.int(hold.bookingId)]).single().string("s"),
                       "PENDING")
        XCTAssertEqual(try f.storedSeats()["A5"]?.status, "RESERVED")
    }
}
