import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A customer gives back some of a booking's seats and keeps the rest (migration 11).
final class SeatReturnTests: XCTestCase {
    func sell(_ s: HoldService, _ f: Fixture, _ seats: [String], paid: PaymentMethod? = .card) throws -> Int64 {
        let id = try s.hold(seats: seats, for: f.showId).bookingId
        _ = try s.confirm(booking: id, email: "ann@example.com", paidBy: paid)
        return id
    }

    func testSeatsGivenBackAreFreeAndRecordedApartWhileTheRestStaysBooked() throws {
        let f = try Fixture()   // 25.00 a seat
        let alice = f.service(operator: "alice"), bob = f.service(operator: "bob")
        let id = try sell(alice, f, ["A1", "A2", "A3", "A4"])
        let sold = try alice.booking(id)

        let returned = try bob.returnSeats(["a3"], of: id)
        XCTAssertNotEqual(returned.booking.bookingId, id)
        XCTAssertEqual(returned.totalCents, 2_500, "what to refund")
        XCTAssertEqual(returned.refundText, "refund 25.00 by card to ann@example.com")
        let r = returned.booking
        XCTAssertEqual([r.status], [.cancelled])
        XCTAssertEqual(r.seats, ["A3"])
        XCTAssertEqual(r.returnedFrom, id)
        XCTAssertEqual(r.endedBy, "bob")
        XCTAssertNotNil(r.endedAt)
        XCTAssertEqual(r.operatorName, "alice", "still alice's sale")
        XCTAssertEqual(r.confirmedAt, sold.confirmedAt, "sold when the booking was")
        XCTAssertEqual(r.paidBy, .card)
        XCTAssertEqual(r.email, "ann@example.com")

        let kept = try alice.bookingWithTotal(id)
        XCTAssertEqual(kept.booking.status, .confirmed)
        XCTAssertEqual(kept.booking.seats, ["A1", "A2", "A4"])
        XCTAssertEqual(kept.totalCents, 7_500)
        XCTAssertNil(kept.booking.returnedFrom)

        let seats = try f.storedSeats()
        XCTAssertEqual(seats["A3"]?.status, "AVAILABLE")
        XCTAssertEqual(seats["A1"]?.booking, id)
        XCTAssertEqual(try bob.hold(seats: ["A3"], for: f.showId).labels, ["A3"], "the seat sells again")
        try f.assertClean()
    }

    /// The day's sales still count one booking of four seats sold, and one return of one seat.
    func testCashingUpCountsTheSaleOnceAndTheReturnApart() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let f = try Fixture()
        let alice = f.service(operator: "alice")
        let id = try sell(alice, f, ["A1", "A2", "A3", "A4"], paid: .cash)
        _ = try alice.returnSeats(["A2", "A3"], of: id)
        let day = try f.db.run("SELECT to_char(now(), 'YYYY-MM-DD') AS d").single().string("d")
        XCTAssertEqual(try SalesReport(database: f.db).day(day), [
            .init(operatorName: "alice", sold: .init(bookings: 1, seats: 4, cents: 10_000, cashCents: 10_000),
                  refunded: .init(bookings: 1, seats: 2, cents: 5_000, cashCents: 5_000)),
        ])
    }

    func testGivingBackEverySeatCancelsTheBookingItself() throws {
        let f = try Fixture()
        let s = f.service()
        let id = try sell(s, f, ["A1", "A2"])
        let returned = try s.returnSeats(["A2", "A1", "A1"], of: id)
        XCTAssertEqual(returned.booking.bookingId, id)
        XCTAssertEqual(returned.booking.status, .cancelled)
        XCTAssertEqual(returned.booking.seats, ["A1", "A2"])
        XCTAssertNil(returned.booking.returnedFrom)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 1)
        try f.assertClean()
    }

    func testWhatCannotBeGivenBackIsRefusedWithReasons() throws {
        let f = try Fixture()
        let s = f.service()
        let id = try sell(s, f, ["A1", "A2"])
        assertThrows(.wrongState("Booking \(id) has no seat A5 A9 (its seats: A1 A2)")) { _ = try s.returnSeats(["A1", "A9", "A5"], of: id) }
        assertThrows(.invalidInput("Name the seats to give back")) { _ = try s.returnSeats([], of: id) }
        assertThrows(code: "invalid_input") { _ = try s.returnSeats(["A1;"], of: id) }
        let held = try s.hold(seats: ["A3", "A4"], for: f.showId).bookingId
        assertThrows(code: "wrong_state", containing: "it is a hold, not yet confirmed") { _ = try s.returnSeats(["A3"], of: held) }
        assertThrows(.notFound("Booking 999999 does not exist")) { _ = try s.returnSeats(["A1"], of: 999_999) }
        XCTAssertEqual(try s.booking(id).seats, ["A1", "A2"], "a refused return changes nothing")
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 2)
        try f.assertClean()
    }

    /// A booking sold under a larger MODEX_MAX_SEATS gives back a range longer than this
    /// terminal's hold limit; a range reaching past the booking is refused naming what is not
    /// its own, as ranges, not seat by seat.
    func testRangesGivenBackAreCheckedAgainstTheBookingNotTheHoldLimit() throws {
        let f = try Fixture(seatsPerRow: 20)
        let seller = f.service(maxSeats: 12), clerk = f.service()
        let id = try sell(seller, f, ["A1..A12"])
        assertThrows(.wrongState("Booking \(id) has no seat A13..A9999 (its seats: A1..A12)")) { _ = try clerk.returnSeats(["A1..A9999"], of: id) }
        assertThrows(.wrongState("Booking \(id) has no seat A13 A15 B1 (its seats: A1..A12)")) { _ = try clerk.returnSeats(["b1", "A15", "A13", "A2"], of: id) }
        XCTAssertEqual(try clerk.booking(id).seats.count, 12, "a refused return changes nothing")
        let returned = try clerk.returnSeats(["A1..A11"], of: id)
        XCTAssertEqual(returned.booking.seats.count, 11)
        XCTAssertEqual(try clerk.booking(id).seats, ["A12"])
        try f.assertClean()
    }

    /// Once managers are named, a clerk gives back seats only of their own sales, as with cancel.
    func testOnlyTheSellerOrAManagerTakesSeatsBack() throws {
        let f = try Fixture()
        let alice = f.service(operator: "alice"), bob = f.service(operator: "bob")
        try Managers(database: f.db).add("carol", by: "carol")
        let id = try sell(alice, f, ["A1", "A2"])
        assertThrows(code: "not_allowed") { _ = try bob.returnSeats(["A1"], of: id) }
        XCTAssertEqual(try alice.returnSeats(["A1"], of: id).booking.seats, ["A1"])
        XCTAssertEqual(try f.service(operator: "carol").returnSeats(["A2"], of: id).booking.bookingId, id)
        try f.assertClean()
    }

    /// Two terminals give back seats of one booking at once. Each return waits for the other's
    /// lock and then sees the seats the booking has left: no return is recorded without its
    /// seats, and no confirmed booking is left with none.
    func testReturnsOfOneBookingAtOnceEachTakeWhatIsLeft() throws {
        let f = try Fixture()
        let conninfo = f.conninfo
        for round in 0..<5 {
            let id = try sell(f.service(), f, ["A1", "A2", "A3"])
            // Half the terminals give back A2, the other half A1 and A3 (all the booking has besides A2).
            let results = race(8, setup: { _ in try Database(conninfo: conninfo) }) { i, db in
                try HoldService(database: db).returnSeats(i % 2 == 0 ? ["A2"] : ["A1", "A3"], of: id)
            }
            let won = results.compactMap { try? $0.get() }
            XCTAssertEqual(won.map(\.booking.seats).sorted { $0.joined() < $1.joined() }, [["A1", "A3"], ["A2"]], "round \(round)")
            for case .failure(let error) in results {
                guard let error = error as? BookingError, error.code == "wrong_state" else { return XCTFail("round \(round): \(error)") }
            }
            let rows = try f.db.run("SELECT coalesce(sum(cardinality(seat_ids)), 0) AS n FROM bookings WHERE booking_id = $1 OR booking_id IN "
                                    + "(SELECT booking_id FROM bookings WHERE returned_from = $1)", [.int(id)]).single().int("n")
            XCTAssertEqual(rows, 3, "every seat recorded exactly once, round \(round)")
            XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE status <> 'AVAILABLE'"), 0)
            try f.assertClean()
        }
    }
}
