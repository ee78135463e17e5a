import Foundation
import ModexTestSupport
import SeatMapModel
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

    /// A database with bookings made at the box office is not a spare one: both benches refuse
    /// it, add no show, and run only when told to.
    func testAShowThatIsNotAGridIsBenchedOnItsOwnSeats() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let created = try cli.run(["show", "create", "--name", "Theatre", "--starts", "2099-12-01T19:30",
                                   "--layout", "venues/theatre-200.txt", "--json"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let showId = String(try XCTUnwrap(try created.object()["show_id"] as? Int))

        let mix = try cli.run(["bench", "--clients", "2", "--seconds", "1", "--show", showId, "--json"])
        XCTAssertEqual(mix.status, 0, mix.stderr)
        let result = try mix.object()
        XCTAssertEqual(result["errors"] as? Int, 0, "\(result["sample_errors"] ?? "")")
        XCTAssertGreaterThan(try XCTUnwrap(result["holds"] as? Int), 0)
        XCTAssertEqual(result["threads"] as? Int, min(ProcessInfo.processInfo.activeProcessorCount, 2), "one thread per core, at most one per client")

        // Three terminals on one thread: each waits for its own answers, none for another's.
        let shared = try cli.run(["bench", "--clients", "3", "--threads", "1", "--seconds", "1", "--show", showId, "--json"])
        XCTAssertEqual(shared.status, 0, shared.stderr)
        let sharedResult = try shared.object()
        XCTAssertEqual(sharedResult["threads"] as? Int, 1)
        XCTAssertEqual(sharedResult["errors"] as? Int, 0, "\(sharedResult["sample_errors"] ?? "")")
        XCTAssertGreaterThan(try XCTUnwrap(sharedResult["confirms"] as? Int), 0)
        XCTAssertGreaterThan(try XCTUnwrap(sharedResult["releases"] as? Int), 0)
        XCTAssertEqual(sharedResult["given_back"] as? Int, sharedResult["confirms"] as? Int)
        XCTAssertEqual(sharedResult["integrity_ok"] as? Bool, true)

        // Paced (an open loop): about the holds offered, not as many as the terminals can make.
        // Two terminals at 20 holds a second for 2 s: about 40, where the closed loop above
        // made hundreds; the bounds leave room for a slow machine, not for an unpaced run.
        let paced = try cli.run(["bench", "--clients", "2", "--seconds", "2", "--rate", "20", "--show", showId, "--json"])
        XCTAssertEqual(paced.status, 0, paced.stderr)
        let pacedResult = try paced.object()
        XCTAssertEqual(pacedResult["offered_holds_per_second"] as? Double, 20)
        XCTAssertEqual(pacedResult["errors"] as? Int, 0, "\(pacedResult["sample_errors"] ?? "")")
        let pacedHolds = try XCTUnwrap(pacedResult["holds"] as? Int) + (pacedResult["conflicts"] as? Int ?? 0)
        XCTAssertTrue((10...80).contains(pacedHolds), "\(pacedHolds) holds in 2 s at 20 a second")
        XCTAssertNil(result["offered_holds_per_second"], "the closed loop offers no rate")
        let slowTable = try cli.run(["bench", "--clients", "1", "--seconds", "0.5", "--rate", "10", "--show", showId]).stdout
        XCTAssertTrue(slowTable.contains("open loop: 10 holds/s offered at random moments"), slowTable)
        XCTAssertNotNil(slowTable.range(of: #"holds/s \d+\.\d+ "#, options: .regularExpression),
                        "a slow run's rate keeps its decimals:\n\(slowTable)")

        let hot = try cli.run(["bench", "--clients", "4", "--seconds", "1", "--show", showId, "--hot", "3", "--json"])
        XCTAssertEqual(hot.status, 0, hot.stderr)
        XCTAssertEqual(try hot.object()["winners"] as? Int, 3, "exactly the first 3 seats are fought over")
        let booked = try XCTUnwrap(try cli.run(["seats", showId, "--json"]).object()["seats"] as? [[String: Any]])
            .filter { $0["status"] as? String == "BOOKED" }.compactMap { $0["label"] as? String }
        XCTAssertEqual(booked.count, 3)

        let tooMany = try cli.run(["bench", "--clients", "1", "--seconds", "1", "--show", showId, "--hot", "500"])
        XCTAssertEqual(tooMany.status, 64)
        XCTAssertTrue(tooMany.stderr.contains("has only 200 seats, fewer than --hot 500"), tooMany.stderr)

        // A show that has been and gone sells nothing, so a bench on it is refused up front.
        try Database(conninfo: try XCTUnwrap(cli.environment["DATABASE_URL"]))
            .run("UPDATE shows SET starts_at = now() - interval '2 days' WHERE show_id = $1", [.int(Int64(showId)!)])
        let past = try cli.run(["bench", "--clients", "1", "--seconds", "1", "--show", showId])
        XCTAssertEqual(past.status, 4)
        XCTAssertTrue(past.stderr.contains("Show \(showId) started more than 12 hours ago and sells no more seats"), past.stderr)
        XCTAssertEqual(try cli.run(["hold", showId, "J1"]).status, 4, "and so is a hold")
    }

    /// Each refused option is named with its range and the value given, before any database work.
    func testBadOptionsAreNamedWithTheirRangeAndValue() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let cases: [([String], String)] = [
            (["bench", "--clients", "0"], "--clients is 1-500 (got 0)"),
            (["bench", "--threads", "0"], "--threads is 1-500 (got 0)"),
            (["bench", "--seconds", "0"], "--seconds is above 0 and at most 3600 (got 0)"),
            (["bench", "--seconds", "7200"], "--seconds is above 0 and at most 3600 (got 7200)"),
            (["bench", "--seats-per-hold", "11"], "--seats-per-hold is 1-10 (got 11)"),
            (["bench", "--venue-seats", "10"], "--venue-seats is 800-5000000 (got 10)"),
            (["bench", "--hot", "0"], "--hot is 1-10000 (got 0)"),
            (["bench", "--hot", "5", "--holds-only"], "--hot and --holds-only are different runs"),
            (["bench", "--rate", "0"], "--rate is above 0 and at most 1000000 (got 0)"),
            (["bench", "watchers", "--sessions", "0"], "--sessions is 1-1000 (got 0)"),
            (["bench", "watchers", "--changes-per-second", "0.0"], "--changes-per-second is above 0 and at most 1000 (got 0)"),
        ]
        for (args, message) in cases {
            let refused = try cli.run(args)
            XCTAssertEqual(refused.status, 64, "\(args): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains(message), "\(args): \(refused.stderr)")
        }
        XCTAssertEqual((try cli.run(["shows", "--json"]).json() as? [Any])?.count, 0, "no bench show was made")
    }

    func testAWatchersRunRemovesItsShowAndLeavesNothingForCheckToFind() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let run = try cli.run(["bench", "watchers", "--sessions", "3", "--venue-seats", "200", "--idle-seconds", "0",
                               "--seconds", "1", "--changes-per-second", "10", "--json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let result = try run.object()
        XCTAssertGreaterThan(try XCTUnwrap(result["changes"] as? Int), 0)
        XCTAssertEqual(result["deliveries"] as? Int, result["expected_deliveries"] as? Int)
        XCTAssertEqual((try cli.run(["shows", "--json"]).json() as? [Any])?.count, 0, "the watched show is gone")
        let check = try cli.run(["check", "--sweep-lag", "0", "--json"])
        XCTAssertEqual(check.status, 0, check.stdout)

        let kept = try cli.run(["bench", "watchers", "--sessions", "1", "--venue-seats", "200", "--idle-seconds", "0",
                                "--seconds", "0.5", "--keep-show"])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertEqual((try cli.run(["shows", "--json"]).json() as? [Any])?.count, 1)
    }

    func testABoxOfficeInUseIsRefusedUnlessAskedFor() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try cli.createShow(name: "Tonight", rows: 2, seatsPerRow: 800)
        let booking = try XCTUnwrap(try cli.run(["hold", String(showId), "A1", "--json"]).object()["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(booking), "--email", "fan@example.com"]).status, 0)
        func showCount() throws -> Int { try XCTUnwrap(try cli.run(["shows", "--json"]).json() as? [Any]).count }
        let showsBefore = try showCount()

        for args in [["bench", "--clients", "1", "--seconds", "0.5", "--venue-seats", "1600"],
                     ["bench", "--clients", "1", "--seconds", "0.5", "--show", String(showId), "--venue-seats", "1600"],
                     ["bench", "watchers", "--sessions", "2", "--venue-seats", "200", "--idle-seconds", "0", "--seconds", "0.5"]] {
            let refused = try cli.run(args)
            XCTAssertEqual(refused.status, 64, "\(args): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("1 confirmed booking made at the box office"), refused.stderr)
            XCTAssertTrue(refused.stderr.contains("--on-live-database"), refused.stderr)
        }
        XCTAssertEqual(try showCount(), showsBefore, "a refused bench adds no show")

        let allowed = try cli.run(["bench", "--clients", "1", "--seconds", "0.5", "--show", String(showId),
                                   "--venue-seats", "1600", "--on-live-database", "--json"])
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
        XCTAssertEqual(try allowed.object()["integrity_ok"] as? Bool, true)
        XCTAssertEqual(try cli.run(["booking", String(booking), "--json"]).object()["status"] as? String, "CONFIRMED")
    }
}
