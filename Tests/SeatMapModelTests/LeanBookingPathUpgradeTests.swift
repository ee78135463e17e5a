import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Migration 14 moves a booking's seats from `booking_seats` rows into `bookings.seat_ids` and
/// records sales in `sold_seats`. A database with holds, sales, a partial return and a release
/// made by migration 13's functions keeps every one of them, and goes on working.
final class LeanBookingPathUpgradeTests: XCTestCase {
    func testAnUpgradeKeepsEveryBookingsSeatsAndSales() throws {
        let f = try Fixture()
        let (old, drop) = try f.databaseAt(migration: 13)
        defer { drop() }
        let show = try ShowCatalog(database: old).createShow(name: "Upgrade", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                             plan: try VenuePlan.grid(rows: 1, seatsPerRow: 10))
        func hold(_ labels: String) throws -> Int64 {
            try old.run("SELECT booking_id FROM modex_hold($1, $2::text[], NULL, 'old', 120, NULL)",
                        [.int(show), .text("{\(labels)}")]).single().int("booking_id")
        }
        func confirm(_ booking: Int64) throws {
            try old.run("SELECT * FROM modex_confirm($1, 'c@example.com', 'card')", [.int(booking)])
        }
        let held = try hold("A1,A2")
        let sold = try hold("A3,A4")
        try confirm(sold)
        let kept = try hold("A5,A6,A7")
        try confirm(kept)
        let returned = try old.run("SELECT returned_booking FROM modex_return_seats($1, '{A6}', 'old')", [.int(kept)])
            .single().int("returned_booking")
        let released = try hold("A8")
        try old.run("SELECT modex_end_booking($1, 'PENDING', 'release', 'old')", [.int(released)])

        XCTAssertEqual(try Migrator(database: old).migrate(), [14])

        let labels = try old.run("""
            SELECT b.booking_id, ARRAY(SELECT s.label FROM seats s WHERE s.show_id = b.show_id AND s.seat_id = ANY (b.seat_ids)
                                        ORDER BY s.seat_id) AS labels
              FROM bookings b WHERE b.show_id = $1
            """, [.int(show)]).rows.reduce(into: [Int64: [String]]()) { $0[try $1.int("booking_id")] = try $1.textArray("labels") }
        XCTAssertEqual(labels, [held: ["A1", "A2"], sold: ["A3", "A4"], kept: ["A5", "A7"], returned: ["A6"], released: ["A8"]])
        let sales = try old.run("""
            SELECT s.label, o.booking_id FROM sold_seats o JOIN seats s USING (show_id, seat_id) ORDER BY s.label
            """).rows.map { "\(try $0.string("label"))=\(try $0.int("booking_id"))" }
        XCTAssertEqual(sales, ["A3=\(sold)", "A4=\(sold)", "A5=\(kept)", "A7=\(kept)"])
        XCTAssertTrue(try IntegrityChecker(database: old).check(sweepLagSeconds: 3_600).isClean)

        // The bookings made before the upgrade go on: the hold is sold, a sale is refunded.
        let service = HoldService(database: old)
        XCTAssertEqual(try service.confirm(booking: held, email: "late@example.com").seats, ["A1", "A2"])
        try service.cancel(booking: sold)
        XCTAssertEqual(try service.booking(returned).seats, ["A6"])
        XCTAssertEqual(try service.booking(kept).seats, ["A5", "A7"])
        let seats = try ShowCatalog(database: old).seatMap(show: show).seats.reduce(into: [String: SeatStatus]()) { $0[$1.label] = $1.status }
        XCTAssertEqual(seats.filter { $0.value != .available }.keys.sorted(), ["A1", "A2", "A5", "A7"])
        XCTAssertTrue(try IntegrityChecker(database: old).check(sweepLagSeconds: 3_600).isClean)
    }
}
