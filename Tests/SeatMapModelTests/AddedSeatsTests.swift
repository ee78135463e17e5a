import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A hold takes more seats while the customer is at the counter (migration 13).
final class AddedSeatsTests: XCTestCase {
    func testAHoldTakesMoreSeatsKeepingItsNumberAndExpiry() throws {
        let f = try Fixture()
        let s = f.service()
        let hold = try s.hold(seats: ["A1", "A2"], for: f.showId)
        let grown = try s.add(seats: ["a3"], to: hold.bookingId)
        XCTAssertEqual(grown.bookingId, hold.bookingId)
        XCTAssertEqual(grown.labels, ["A1", "A2", "A3"])
        XCTAssertEqual(grown.expiresAt.timeIntervalSince1970, hold.expiresAt.timeIntervalSince1970, accuracy: 0.001, "the hold's time is unchanged")
        XCTAssertEqual(grown.longestExpiry, hold.longestExpiry)
        let stored = try f.storedSeats()
        XCTAssertEqual(stored["A3"]?.status, "RESERVED")
        XCTAssertEqual(stored["A3"]?.booking, hold.bookingId)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE status = 'RESERVED' AND hold_expires_at = "
                                   + "(SELECT expires_at FROM bookings WHERE booking_id = \(hold.bookingId))"), 3)

        let booked = try s.confirm(booking: hold.bookingId, email: "ann@example.com")
        XCTAssertEqual(booked.seats, ["A1", "A2", "A3"], "the confirmation sells every seat of the hold")
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE status = 'BOOKED'"), 3)
        try f.assertClean()
    }

    func testAddingIsAllOrNothingAndSafeToSendAgain() throws {
        let f = try Fixture()
        let s = f.service(maxSeats: 4)
        let other = try f.service().hold(seats: ["A5"], for: f.showId)
        let id = try s.hold(seats: ["A1", "A2"], for: f.showId).bookingId
        assertThrows(.seatsUnavailable(["A5"])) { _ = try s.add(seats: ["A4", "A5"], to: id) }
        assertThrows(code: "not_found", containing: "has no seat Z9") { _ = try s.add(seats: ["A4", "Z9"], to: id) }
        assertThrows(.invalidInput("A hold takes at most 4 seats; booking \(id) has 2, and these would make 5")) {
            _ = try s.add(seats: ["A3", "A4", "A6"], to: id)
        }
        XCTAssertEqual(try f.storedSeats()["A4"]?.status, "AVAILABLE", "nothing was added")
        XCTAssertEqual(try s.booking(id).seats, ["A1", "A2"])

        XCTAssertEqual(try s.add(seats: ["A2", "A3"], to: id).labels, ["A1", "A2", "A3"])
        XCTAssertEqual(try s.add(seats: ["A2", "A3"], to: id).labels, ["A1", "A2", "A3"], "sent again: nothing changes")
        XCTAssertEqual(try f.count("SELECT cardinality(seat_ids) AS n FROM bookings WHERE booking_id = \(id)"), 3)
        XCTAssertEqual(try f.storedSeats()["A5"]?.booking, other.bookingId)
        try f.assertClean()
    }

    func testOnlyAHeldBookingTakesMoreSeats() throws {
        let f = try Fixture()
        let s = f.service()
        let sold = try s.hold(seats: ["A1"], for: f.showId).bookingId
        _ = try s.confirm(booking: sold, email: "ann@example.com")
        assertThrows(.wrongState("Cannot add seats to booking \(sold): it is already confirmed")) { _ = try s.add(seats: ["A2"], to: sold) }
        let released = try s.hold(seats: ["A3"], for: f.showId).bookingId
        try s.release(booking: released)
        assertThrows(code: "wrong_state", containing: "Cannot add seats to booking \(released):") { _ = try s.add(seats: ["A4"], to: released) }
        let lapsed = try f.service(holdSeconds: 1).hold(seats: ["A5"], for: f.showId).bookingId
        XCTAssertTrue(eventually(within: 5) { (try? f.count("SELECT count(*) AS n FROM bookings WHERE booking_id = \(lapsed) AND expires_at <= now()")) == 1 })
        assertThrows(code: "wrong_state", containing: "its hold ran out at") { _ = try s.add(seats: ["A6"], to: lapsed) }
        assertThrows(.notFound("Booking 999999 does not exist")) { _ = try s.add(seats: ["A7"], to: 999_999) }
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE label IN ('A2', 'A4', 'A6', 'A7') AND status <> 'AVAILABLE'"), 0)
        try f.assertClean()
    }

    /// A seat whose hold ran out is free: the hold takes it, and the lapsed booking ends.
    func testASeatOfALapsedHoldIsTaken() throws {
        let f = try Fixture()
        let lapsed = try f.service(holdSeconds: 1).hold(seats: ["A5", "A6"], for: f.showId).bookingId
        XCTAssertTrue(eventually(within: 5) { (try? f.count("SELECT count(*) AS n FROM bookings WHERE booking_id = \(lapsed) AND expires_at <= now()")) == 1 })
        let s = f.service()
        let id = try s.hold(seats: ["A4"], for: f.showId).bookingId
        XCTAssertEqual(try s.add(seats: ["A5"], to: id).labels, ["A4", "A5"])
        XCTAssertEqual(try s.booking(lapsed).status, .expired)
        XCTAssertEqual(try f.storedSeats()["A5"]?.booking, id)
    }

    /// Two holds reach for the same seat: exactly one gets it, the other is told who was first,
    /// and keeps what it had.
    func testTwoHoldsAddingOneSeatGetItOnce() throws {
        let f = try Fixture()
        let conninfo = f.conninfo
        for round in 0..<5 {
            let seat = "A\(round + 3)"
            let ids = try ["A1", "A2"].map { try f.service().hold(seats: [$0], for: f.showId).bookingId }
            let results = race(2, setup: { _ in try Database(conninfo: conninfo) }) { i, db in
                try HoldService(database: db).add(seats: [seat], to: ids[i])
            }
            XCTAssertEqual(results.filter { (try? $0.get()) != nil }.count, 1, "round \(round)")
            for case .failure(let error) in results { XCTAssertEqual(error as? BookingError, .seatsUnavailable([seat]), "round \(round)") }
            XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings WHERE status = 'PENDING' AND "
                                       + "(SELECT seat_id FROM seats WHERE label = '\(seat)') = ANY (seat_ids)"), 1)
            for id in ids { try f.service().release(booking: id) }
            try f.assertClean()
        }
    }

    /// A confirmation racing the hold's additions (two clients on one booking): whatever order
    /// the database takes them in, every seat the booking has is sold with it, and an addition
    /// that comes after the confirmation is refused. Before migration 13's change to
    /// `modex_lock_booking`, a confirmation that waited for an addition sold the seats it had
    /// read before, and left the added one held under a confirmed booking.
    func testAConfirmationSellsEverySeatAddedBeforeIt() throws {
        let f = try Fixture(seatsPerRow: 20)
        let conninfo = f.conninfo
        for round in 0..<8 {
            let id = try f.service().hold(seats: ["A1"], for: f.showId).bookingId
            let results = race(6, setup: { _ in try Database(conninfo: conninfo) }) { i, db -> [String] in
                let s = HoldService(database: db)
                if i == 0 { return try s.confirm(booking: id, email: "ann@example.com").seats }
                return try s.add(seats: ["A\(i + 1)"], to: id).labels
            }
            let sold = try XCTUnwrap(try? results[0].get(), "round \(round): \(results[0])")
            for case .failure(let error) in results.dropFirst() {
                XCTAssertEqual((error as? BookingError)?.code, "wrong_state", "round \(round): \(error)")
            }
            XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE booking_id = \(id) AND status = 'RESERVED'"), 0,
                           "round \(round): no seat left held under the confirmed booking")
            XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE booking_id = \(id) AND status = 'BOOKED'"), sold.count)
            XCTAssertEqual(try s(f).booking(id).seats, sold, "round \(round)")
            try f.assertClean()
            _ = try f.service().cancel(booking: id)
        }
    }

    private func s(_ f: Fixture) -> HoldService { f.service() }
}
