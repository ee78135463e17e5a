import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Managers: once one is named, only managers create and delete shows, name managers, and cancel
/// bookings another operator sold. Until then, everyone may.
final class ManagersTests: XCTestCase {
    func testWithNoManagerEveryoneMayAndTheFirstCanBeNamedByAnyone() throws {
        let f = try Fixture()
        let managers = Managers(database: f.db)
        XCTAssertEqual(try managers.names(), [])
        XCTAssertTrue(try managers.allow("bob"))
        let catalog = ShowCatalog(database: f.db)
        let show = try catalog.createShow(name: "Anyone's", startsAt: Date(timeIntervalSinceNow: 86_400),
                                          plan: try VenuePlan.grid(rows: 1, seatsPerRow: 2), by: "bob")
        let alices = try f.service(operator: "alice").hold(seats: ["A1"], for: f.showId).bookingId
        _ = try f.service(operator: "alice").confirm(booking: alices, email: "fan@example.com")
        try f.service(operator: "bob").cancel(booking: alices)
        XCTAssertEqual(try catalog.deleteShow(show, by: "bob").showId, show)

        try managers.add("alice", by: "bob")
        XCTAssertEqual(try managers.names(), ["alice"])
        try managers.add(" alice ", by: "alice")
        XCTAssertEqual(try managers.names(), ["alice"], "naming one twice changes nothing")
    }

    func testOnceNamedOnlyManagersCreateShowsAndCancelOthersBookings() throws {
        let f = try Fixture()
        let managers = Managers(database: f.db)
        try managers.add("alice", by: "root")
        try managers.add("carol", by: "alice")
        let catalog = ShowCatalog(database: f.db)
        let plan = try VenuePlan.grid(rows: 1, seatsPerRow: 2)
        let refusal = "and bob is not one; managers: alice, carol"

        assertThrows(.notAllowed("Only a manager can create a show, \(refusal)")) {
            _ = try catalog.createShow(name: "Bob's", startsAt: Date(timeIntervalSinceNow: 86_400), plan: plan, by: "bob")
        }
        let show = try catalog.createShow(name: "Alice's", startsAt: Date(timeIntervalSinceNow: 86_400), plan: plan, by: "alice")
        assertThrows(.notAllowed("Only a manager can delete a show, \(refusal)")) { _ = try catalog.deleteShow(show, by: "bob") }
        assertThrows(.notAllowed("Only a manager can name managers, \(refusal)")) { try managers.add("bob", by: "bob") }
        assertThrows(.notAllowed("Only a manager can name managers, \(refusal)")) { try managers.remove("alice", by: "bob") }

        let bob = f.service(operator: "bob"), dave = f.service(operator: "dave"), carol = f.service(operator: "carol")
        func sold(by s: HoldService, _ seat: String) throws -> Int64 {
            let id = try s.hold(seats: [seat], for: f.showId).bookingId
            _ = try s.confirm(booking: id, email: "fan@example.com")
            return id
        }
        let bobs = try sold(by: bob, "A1"), daves = try sold(by: dave, "A2"), more = try sold(by: dave, "A3")
        assertThrows(.notAllowed("Only a manager can cancel booking \(daves), which dave sold; managers: alice, carol")) {
            try bob.cancel(booking: daves)
        }
        XCTAssertEqual(try bob.booking(daves).status, .confirmed, "nothing changed")
        try bob.cancel(booking: bobs)   // a clerk undoes their own sale
        try carol.cancel(booking: daves)
        XCTAssertEqual(try bob.booking(bobs).endedBy, "bob")
        XCTAssertEqual(try bob.booking(daves).endedBy, "carol")
        assertThrows(.notFound("Booking 424242 does not exist")) { try bob.cancel(booking: 424_242) }

        // A release is every operator's: a clerk gives back any hold, as the picker does for
        // late holds.
        let held = try dave.hold(seats: ["A4"], for: f.showId).bookingId
        try bob.release(booking: held)

        XCTAssertTrue(try managers.remove("carol", by: "alice"))
        XCTAssertFalse(try managers.remove("carol", by: "alice"), "no longer one")
        XCTAssertTrue(try managers.remove("alice", by: "alice"))
        XCTAssertEqual(try managers.names(), [])
        try bob.cancel(booking: more)   // with nobody named, everyone may again
    }

    /// From curtain-up a clerk no longer refunds even their own sale (the ticket may have been
    /// used): cancelling and giving back seats need a manager. Correcting how it was paid does
    /// not refund anything and stays the seller's. With nobody named, everyone may, as before.
    func testAfterCurtainUpOnlyAManagerRefunds() throws {
        let f = try Fixture(rows: 1, seatsPerRow: 10)
        let bob = f.service(operator: "bob"), alice = f.service(operator: "alice")
        func sold(_ seats: [String]) throws -> Int64 {
            let id = try bob.hold(seats: seats, for: f.showId).bookingId
            _ = try bob.confirm(booking: id, email: "fan@example.com", paidBy: .cash)
            return id
        }
        let early = try sold(["A1"]), pair = try sold(["A2", "A3"]), last = try sold(["A4"]), free = try sold(["A5"])
        try Managers(database: f.db).add("alice", by: "root")
        try bob.cancel(booking: early)   // before the show: the seller undoes a sale
        try f.db.run("UPDATE shows SET starts_at = now() - interval '1 minute' WHERE show_id = $1", [.int(f.showId)])

        let refusal = { (id: Int64) in "Only a manager can cancel booking \(id) once the show has begun; managers: alice" }
        assertThrows(.notAllowed(refusal(pair))) { try bob.cancel(booking: pair) }
        assertThrows(.notAllowed(refusal(pair))) { _ = try bob.returnSeats(["A3"], of: pair) }
        XCTAssertEqual(try bob.booking(pair).status, .confirmed, "nothing changed")
        XCTAssertEqual(try bob.booking(pair).seats, ["A2", "A3"])
        XCTAssertEqual(try bob.recordPayment(.card, of: pair), .cash, "a correction is no refund")

        _ = try alice.returnSeats(["A3"], of: pair)
        try alice.cancel(booking: last)
        XCTAssertEqual(try bob.booking(last).endedBy, "alice")
        XCTAssertTrue(try Managers(database: f.db).remove("alice", by: "alice"))
        try bob.cancel(booking: free)   // with nobody named, everyone may again
        try f.assertClean()
    }

    func testNamesAreLoginsAndAreChecked() throws {
        let f = try Fixture()
        for bad in ["", "two words", String(repeating: "x", count: 65), "tab\there"] {
            assertThrows(.invalidInput("\"\(bad)\" is not an operator's login name (1 to 64 characters, no spaces)")) {
                try Managers(database: f.db).add(bad, by: "root")
            }
        }
        XCTAssertEqual(try Managers(database: f.db).names(), [])
    }
}
