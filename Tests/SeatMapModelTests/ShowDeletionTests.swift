import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// `ShowCatalog.deleteShow`: a show that sold nothing goes, with its seats and ended bookings;
/// a show with a sale or a live hold stays, untouched.
final class ShowDeletionTests: XCTestCase {
    func rows(_ f: Fixture, _ table: String, show: Int64) throws -> Int {
        try f.count("SELECT count(*) AS n FROM \(table) WHERE show_id = \(show)")
    }

    func testAShowWithASaleOrALiveHoldIsRefusedAndKeepsEverything() throws {
        let f = try Fixture()
        let holds = f.service()
        let catalog = ShowCatalog(database: f.db)
        let sold = try holds.hold(seats: ["A1"], for: f.showId)
        try holds.confirm(booking: sold.bookingId, email: "ann@example.com")
        let held = try holds.hold(seats: ["A2", "A3"], for: f.showId)

        assertThrows(code: "wrong_state", containing: "has 1 confirmed booking (\(sold.bookingId)), and a show with sold seats is never deleted") {
            _ = try catalog.deleteShow(f.showId)
        }
        try holds.cancel(booking: sold.bookingId)
        assertThrows(code: "wrong_state", containing: "has 1 hold in progress") { _ = try catalog.deleteShow(f.showId) }
        XCTAssertEqual(try rows(f, "seats", show: f.showId), 10)
        XCTAssertEqual(try rows(f, "bookings", show: f.showId), 2)
        XCTAssertEqual(try f.storedSeats()["A2"]?.booking, held.bookingId, "the refused deletion changed nothing")
        try f.assertClean()
    }

    /// What an open show list reads again for the shows other terminals changed.
    func testSummariesOfSomeShowsLeaveOutADeletedOne() throws {
        let f = try Fixture()
        let catalog = ShowCatalog(database: f.db)
        let other = try catalog.createShow(name: "Other", startsAt: Date(timeIntervalSinceNow: 86_400),
                                           plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        _ = try f.service().hold(seats: ["A1", "A2"], for: f.showId)
        let both = try catalog.shows(ids: [f.showId, other]).sorted { $0.showId < $1.showId }
        XCTAssertEqual(both.map(\.showId), [f.showId, other])
        XCTAssertEqual(both.map(\.reserved), [2, 0])
        XCTAssertEqual(both.map(\.available), [8, 4])
        _ = try catalog.deleteShow(other)
        XCTAssertEqual(try catalog.shows(ids: [f.showId, other]).map(\.showId), [f.showId])
        XCTAssertEqual(try catalog.shows(ids: []).count, 0)
    }

    func testAShowThatSoldNothingGoesWithItsSeatsAndEndedBookingsOnly() throws {
        try checkDeletion(deletingAs: { $0.db })
    }

    /// A role that is not a superuser deletes with every foreign-key check running.
    func testAnOrdinaryRoleDeletesTheSameWay() throws {
        try checkDeletion(deletingAs: { f in
            try f.db.run("""
                DO $$ BEGIN CREATE ROLE modex_clerk LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$
                """)
            try f.db.run("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO modex_clerk")
            let clerk = try Database(conninfo: f.conninfo + " user=modex_clerk")
            XCTAssertFalse(try clerk.run("SELECT current_setting('is_superuser') = 'on' AS s").single().bool("s"))
            return clerk
        })
    }

    private func checkDeletion(deletingAs deleter: (Fixture) throws -> Database) throws {
        let f = try Fixture()
        let holds = f.service()
        let catalog = ShowCatalog(database: f.db)
        let other = try catalog.createShow(name: "Other", startsAt: Date(timeIntervalSinceNow: 86_400),
                                           plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let kept = try holds.hold(seats: ["A1"], for: other)
        try holds.confirm(booking: kept.bookingId, email: "bob@example.com")
        // Ended bookings: one released, one confirmed then cancelled, one whose hold lapsed.
        try holds.release(booking: try holds.hold(seats: ["A1"], for: f.showId).bookingId)
        let cancelled = try holds.hold(seats: ["A2"], for: f.showId)
        try holds.confirm(booking: cancelled.bookingId, email: "cy@example.com")
        try holds.cancel(booking: cancelled.bookingId)
        _ = try f.service(holdSeconds: 1).hold(seats: ["A3"], for: f.showId)
        XCTAssertTrue(try eventually(within: 5) {
            try f.count("SELECT count(*) AS n FROM bookings WHERE status = 'PENDING' AND expires_at > now()") == 0
        })

        let deleted = try ShowCatalog(database: try deleter(f)).deleteShow(f.showId)

        XCTAssertEqual(deleted, ShowCatalog.DeletedShow(showId: f.showId, name: "Test show", seats: 10, endedBookings: 3))
        for table in ["seats", "bookings", "sold_seats", "price_categories", "shows"] {
            XCTAssertEqual(try rows(f, table, show: f.showId), 0, table)
        }
        XCTAssertEqual(try rows(f, "seats", show: other), 4, "the other show is untouched")
        XCTAssertEqual(try holds.booking(kept.bookingId).status, .confirmed)
        assertThrows(.notFound("Show \(f.showId) does not exist")) { _ = try catalog.deleteShow(f.showId) }
        assertThrows(code: "not_found") { _ = try holds.hold(seats: ["A4"], for: f.showId) }
        try f.assertClean()
    }

    func testHoldsRacingADeletionEitherStopItOrFindTheShowGone() throws {
        for round in 0..<5 {
            let f = try Fixture()
            let conninfo = f.conninfo, show = f.showId
            // Worker 0 deletes; the others each try to hold one seat at the same moment.
            let results = race(9, setup: { _ in try Database(conninfo: conninfo) }) { i, db -> String in
                if i == 0 { _ = try ShowCatalog(database: db).deleteShow(show); return "deleted" }
                return "held \(try HoldService(database: db).hold(seats: ["A\(i)"], for: show).bookingId)"
            }
            let held = results.compactMap { try? $0.get() }.filter { $0.hasPrefix("held") }.count
            switch results[0] {
            case .success:
                XCTAssertEqual(held, 0, "round \(round): a hold survived its show's deletion: \(results)")
                XCTAssertEqual(try rows(f, "bookings", show: show) + rows(f, "seats", show: show), 0, "round \(round)")
                for case .failure(let error as BookingError) in results.dropFirst() {
                    XCTAssertEqual(error.code, "not_found", "round \(round): \(error)")
                }
            case .failure(let error as BookingError):
                XCTAssertEqual(error.code, "wrong_state", "round \(round): \(error)")
                XCTAssertGreaterThan(held, 0, "round \(round)")
                XCTAssertEqual(try rows(f, "seats", show: show), 10, "round \(round)")
                XCTAssertEqual(try rows(f, "bookings", show: show), held, "round \(round)")
            case .failure(let error):
                XCTFail("round \(round): \(error)")
            }
            try f.assertClean()
        }
    }
}
