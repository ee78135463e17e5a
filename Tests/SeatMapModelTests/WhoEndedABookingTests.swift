import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A released hold or a cancelled booking says who ended it and when (migration 8), so a manager
/// can tell who gave a customer's money back; a hold that ran out names no one.
final class WhoEndedABookingTests: XCTestCase {
    func testReleaseAndCancelRecordTheOperatorAndARunOutHoldNoOne() throws {
        let f = try Fixture()
        let clerk = f.service(operator: "clerk1"), manager = f.service(operator: "manager")
        let released = try clerk.hold(seats: ["A1"], for: f.showId).bookingId
        let sold = try clerk.hold(seats: ["A2", "A3"], for: f.showId).bookingId
        _ = try clerk.confirm(booking: sold, email: "ann@example.com")
        let lapsed = try f.service(holdSeconds: 1, operator: "clerk1").hold(seats: ["A4"], for: f.showId).bookingId
        let before = try f.db.run("SELECT extract(epoch FROM now())::float8 AS t").single().date("t")

        try clerk.release(booking: released)
        try manager.cancel(booking: sold)
        XCTAssertTrue(try eventually(within: 5) { try ExpirySweeper(database: f.db).sweep().expiredBookings == 1 })

        let r = try clerk.booking(released), c = try clerk.booking(sold), e = try clerk.booking(lapsed)
        XCTAssertEqual([r.status, c.status, e.status], [.cancelled, .cancelled, .expired])
        XCTAssertEqual(r.endedBy, "clerk1")
        XCTAssertEqual(c.endedBy, "manager", "the one who cancelled, not the one who sold")
        XCTAssertEqual(c.operatorName, "clerk1")
        XCTAssertNil(e.endedBy, "nobody ended a hold that ran out")
        for ended in [r, c, e] {
            let at = try XCTUnwrap(ended.endedAt, "booking \(ended.bookingId) says when it ended")
            XCTAssertGreaterThanOrEqual(at.timeIntervalSince(before), -0.001)
            XCTAssertLessThan(at.timeIntervalSince(before), 5)
        }
        XCTAssertNil(try clerk.booking(try clerk.hold(seats: ["A6"], for: f.showId).bookingId).endedAt, "a hold in force has not ended")
        XCTAssertTrue(try IntegrityChecker(database: f.db).check(sweepLagSeconds: 3_600).isClean)
    }

    /// A picker of the previous version, still running while the schema is upgraded, releases
    /// and cancels with the three-argument call: that still works, and records no one.
    func testThePreviousVersionsEndCallStillWorksAfterTheUpgrade() throws {
        let f = try Fixture()
        let (db, drop) = try f.databaseAt(migration: 7)
        defer { drop() }
        let show = try ShowCatalog(database: db).createShow(name: "Upgrade", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                            plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let holds = HoldService(database: db)
        let endedBefore = try holds.hold(seats: ["A1"], for: show).bookingId
        try db.run("SELECT modex_end_booking($1, 'PENDING', 'release')", [.int(endedBefore)])
        XCTAssertEqual(try Migrator(database: db).migrate(Array(Migration.all.prefix { $0.version <= 8 })), [8])

        let old = try holds.hold(seats: ["A2"], for: show).bookingId
        try db.run("SELECT modex_end_booking($1, 'PENDING', 'release')", [.int(old)])
        _ = try Migrator(database: db).migrate()   // the rest, which this version reads bookings with
        for id in [endedBefore, old] {
            let b = try holds.booking(id)
            XCTAssertEqual(b.status, .cancelled)
            XCTAssertNil(b.endedBy)
            XCTAssertNotNil(b.endedAt)
        }
        XCTAssertEqual(try holds.hold(seats: ["A1", "A2"], for: show).labels, ["A1", "A2"], "their seats are free")
        XCTAssertTrue(try IntegrityChecker(database: db).check(sweepLagSeconds: 3_600).isClean)
    }
}
