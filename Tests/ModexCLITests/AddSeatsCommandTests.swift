import Foundation
import XCTest

/// `modex add BOOKING SEATS...`: a script's way to give a hold more seats.
final class AddSeatsCommandTests: XCTestCase {
    func testAHoldTakesMoreSeatsAndSaysWhyNot() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "More", rows: 2, seatsPerRow: 5))
        let held = try cli.run(["hold", show, "A1", "A2", "--json"]).object()
        let id = String(try XCTUnwrap(held["booking_id"] as? Int))
        let sold = try XCTUnwrap(try cli.run(["hold", show, "B1", "--json"]).object()["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(sold), "--email", "fan@example.com"]).status, 0)

        let added = try cli.run(["add", id, "a3..A4", "--json"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let json = try added.object()
        XCTAssertEqual(json["booking_id"] as? Int, Int(id))
        XCTAssertEqual(json["seats"] as? [String], ["A1", "A2", "A3", "A4"])
        XCTAssertEqual(json["expires_at"] as? String, held["expires_at"] as? String, "the hold's time is unchanged")
        XCTAssertEqual(json["total"] as? String, "100.00")

        let taken = try cli.run(["add", id, "A5", "B1"])
        XCTAssertEqual(taken.status, 3)
        XCTAssertEqual(taken.stderr, "modex: Not added: B1 is booked (booking \(sold))\n")
        let tooMany = try cli.run(["add", id, "A5", "--max-seats", "4"])
        XCTAssertEqual(tooMany.status, 64)
        XCTAssertEqual(tooMany.stderr, "modex: A hold takes at most 4 seats; booking \(id) has 4, and these would make 5\n")
        let again = try cli.run(["add", id, "A4"]).stdout
        XCTAssertTrue(again.hasPrefix("Booking \(id) now holds A1..A4 until "), "sent again: the same; \(again)")

        XCTAssertEqual(try cli.run(["confirm", id, "--email", "fan@example.com"]).status, 0)
        let late = try cli.run(["add", id, "A5"])
        XCTAssertEqual(late.status, 4)
        XCTAssertEqual(late.stderr, "modex: Cannot add seats to booking \(id): it is already confirmed\n")
        XCTAssertEqual(try cli.run(["booking", id, "--json"]).object()["seats"] as? [String], ["A1", "A2", "A3", "A4"])
        XCTAssertEqual(try cli.run(["check"]).status, 0)
    }
}
