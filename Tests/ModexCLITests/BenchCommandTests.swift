import Foundation
import ModexTestSupport
import XCTest

/// `modex bench` on a reused show: what a run holds or books is given back afterwards, so the
/// next run measures the same free show instead of a fuller one.
final class BenchCommandTests: XCTestCase {
    func testARunGivesBackWhatItHeldAndBookedUnlessAskedToKeepIt() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try cli.createShow(name: "Bench reuse", rows: 2, seatsPerRow: 800)
        func bench(_ extra: [String]) throws -> [String: Any] {
            let outcome = try cli.run(["bench", "--clients", "4", "--seconds", "1.5", "--show", String(showId),
                                       "--venue-seats", "1600", "--json"] + extra)
            XCTAssertEqual(outcome.status, 0, outcome.stderr)
            return try outcome.object()
        }
        func seatCounts() throws -> [String: Int] {
            let seats = try XCTUnwrap(try cli.run(["seats", String(showId), "--json"]).object()["seats"] as? [[String: Any]])
            XCTAssertEqual(seats.count, 1_600)
            return seats.reduce(into: [:]) { $0[$1["status"] as! String, default: 0] += 1 }
        }

        let mix = try bench([])
        let confirms = try XCTUnwrap(mix["confirms"] as? Int)
        XCTAssertGreaterThan(confirms, 0)
        XCTAssertEqual(mix["seats_taken_before_percent"] as? Double, 0)
        XCTAssertEqual(mix["given_back"] as? Int, confirms, "every booking the mix confirmed is cancelled afterwards")
        XCTAssertEqual(mix["not_given_back"] as? Int, 0)
        XCTAssertEqual(mix["integrity_ok"] as? Bool, true)
        XCTAssertEqual(try seatCounts(), ["AVAILABLE": 1_600])

        let kept = try bench(["--keep-bookings"])
        let keptConfirms = try XCTUnwrap(kept["confirms"] as? Int)
        XCTAssertEqual(kept["given_back"] as? Int, 0)
        XCTAssertEqual(try seatCounts(), ["AVAILABLE": 1_600 - 2 * keptConfirms, "BOOKED": 2 * keptConfirms])

        let holds = try bench(["--holds-only"])
        XCTAssertEqual(holds["seats_taken_before_percent"] as? Double, 100 * Double(2 * keptConfirms) / 1_600)
        XCTAssertEqual(holds["given_back"] as? Int, holds["holds"] as? Int, "every hold is released afterwards")
        XCTAssertEqual(try seatCounts(), ["AVAILABLE": 1_600 - 2 * keptConfirms, "BOOKED": 2 * keptConfirms])
    }
}
