import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// The door list and the email lookup: which bookings, in which order, at what total.
final class BookingLedgerTests: XCTestCase {
    func testConfirmedBookingsOldestFirstWithTheirTotalsAndAnEmailSearch() throws {
        let f = try Fixture()
        let s = f.service()
        let ann = try s.hold(seats: ["A2", "A1"], for: f.showId).bookingId
        _ = try s.confirm(booking: ann, email: "Ann.Lee@Example.com")
        let bob = try s.hold(seats: ["A3"], for: f.showId).bookingId
        _ = try s.confirm(booking: bob, email: "bob@example.org")
        let held = try s.hold(seats: ["A4"], for: f.showId).bookingId
        let released = try s.hold(seats: ["A5"], for: f.showId).bookingId
        try s.release(booking: released)
        let ledger = BookingLedger(database: f.db)

        let door = try ledger.bookings(show: f.showId)
        XCTAssertEqual(door.map(\.booking.bookingId), [ann, bob])
        XCTAssertEqual(door.map(\.booking.seats), [["A1", "A2"], ["A3"]])
        XCTAssertEqual(door.map(\.totalCents), [5_000, 2_500])
        XCTAssertEqual(door.first?.booking, try s.booking(ann), "the same booking `modex booking` shows")

        XCTAssertEqual(try ledger.bookings(show: f.showId, emailContaining: "ann.lee@").map(\.booking.bookingId), [ann])
        XCTAssertEqual(try ledger.bookings(show: f.showId, emailContaining: "EXAMPLE").map(\.booking.bookingId), [ann, bob],
                       "case is ignored")
        XCTAssertEqual(try ledger.bookings(show: f.showId, emailContaining: "carol"), [])
        XCTAssertEqual(try ledger.bookings(show: f.showId, emailContaining: "%").count, 0, "no pattern characters")
        XCTAssertEqual(try ledger.bookings(show: f.showId, bookingId: bob).map(\.booking.bookingId), [bob])
        XCTAssertEqual(try ledger.bookings(show: f.showId, bookingId: held), [], "a hold is not a confirmed booking")

        let every = try ledger.bookings(show: f.showId, everyStatus: true)
        XCTAssertEqual(every.map(\.booking.bookingId), [ann, bob, held, released])
        XCTAssertEqual(every.map(\.booking.status), [.confirmed, .confirmed, .pending, .cancelled])
        XCTAssertEqual(every.last?.totalCents, 2_500, "a released hold still says what its seats cost")

        let other = try ShowCatalog(database: f.db).createShow(name: "Empty", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                               plan: try VenuePlan.grid(rows: 1, seatsPerRow: 2))
        XCTAssertEqual(try ledger.bookings(show: other), [], "a show with no bookings is an empty list")
        assertThrows(.notFound("Show 424242 does not exist")) { _ = try ledger.bookings(show: 424_242) }
    }

    /// A customer who does not remember which night they booked: every coming show is searched,
    /// soonest first; a show that started more than 12 hours ago is not.
    func testComingBookingsAcrossShowsSoonestFirstAndNotPastShows() throws {
        let f = try Fixture()   // its show starts in a day
        let s = f.service()
        let catalog = ShowCatalog(database: f.db)
        let sooner = try catalog.createShow(name: "Sooner", startsAt: Date(timeIntervalSinceNow: 3_600),
                                            plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let past = try catalog.createShow(name: "Last week", startsAt: Date(timeIntervalSinceNow: 3_600),
                                          plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        var booked: [Int64: Int64] = [:]
        for show in [f.showId, sooner, past] {
            let id = try s.hold(seats: ["A1", "A2"], for: show).bookingId
            _ = try s.confirm(booking: id, email: "Ann@Example.com")
            booked[show] = id
        }
        let held = try s.hold(seats: ["A3"], for: sooner).bookingId   // a hold is not a booking yet
        let bob = try s.hold(seats: ["A4"], for: sooner).bookingId
        _ = try s.confirm(booking: bob, email: "bob@example.org")
        try f.db.run("UPDATE shows SET starts_at = now() - interval '7 days' WHERE show_id = $1", [.int(past)])
        let ledger = BookingLedger(database: f.db)

        let anns = try ledger.comingBookings(emailContaining: "ann@")
        XCTAssertEqual(anns.map(\.booking.showId), [sooner, f.showId], "soonest first; last week's show is left out")
        XCTAssertEqual(anns.map(\.booking.bookingId), [booked[sooner]!, booked[f.showId]!])
        XCTAssertEqual(anns.map(\.totalCents), [5_000, 5_000])
        XCTAssertEqual(try ledger.comingBookings(emailContaining: "EXAMPLE").map(\.booking.bookingId),
                       [booked[sooner]!, bob, booked[f.showId]!], "case is ignored; one show's bookings oldest first")
        XCTAssertEqual(try ledger.comingBookings(bookingId: bob).map(\.booking.seats), [["A4"]])
        XCTAssertEqual(try ledger.comingBookings(bookingId: held), [])
        XCTAssertEqual(try ledger.comingBookings(bookingId: booked[past]!), [], "a past show's booking is not coming")
        XCTAssertEqual(try ledger.comingBookings(emailContaining: "carol"), [])
        try s.cancel(booking: booked[sooner]!)
        XCTAssertEqual(try ledger.comingBookings(emailContaining: "ann").map(\.booking.showId), [f.showId], "a cancelled booking is gone")
    }
}
