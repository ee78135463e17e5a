import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// `kill -9` in the middle of holds, confirms, cancellations and returns of one seat: once the
/// holds lapse no seat is stuck, a cancellation or return happened wholly or not at all, and
/// `modex check` is clean.
final class KillTests: XCTestCase {
    func testKilledCLIAndPickerProcessesLeaveNoStuckSeats() throws {
        var cli = try CLIRunner.withFreshDatabase()
        cli.environment["MODEX_HOLD_SECONDS"] = "2"
        let showId = try cli.createShow(name: "Kill Test", rows: 3, seatsPerRow: 20)
        var rng = SystemRandomNumberGenerator()

        // 20 holds, each killed 0-40 ms after it starts.
        var pids: [pid_t] = []
        for n in 1...20 {
            pids.append(try Subprocess.spawn(CLIRunner.executable.path, ["hold", String(showId), "A\(n)"], environment: cli.environment))
        }
        for pid in pids {
            usleep(UInt32.random(in: 0...2_000, using: &rng))
            kill(pid, SIGKILL)
        }
        // A few holds finish, then their confirms are killed mid-way.
        var confirms: [pid_t] = []
        for n in 1...6 {
            let hold = try cli.run(["hold", String(showId), "B\(n)", "--json"])
            XCTAssertEqual(hold.status, 0, hold.stderr)
            let id = try XCTUnwrap(try hold.object()["booking_id"] as? Int)
            confirms.append(try Subprocess.spawn(CLIRunner.executable.path, ["confirm", String(id), "--email", "k@example.com"], environment: cli.environment))
        }
        for pid in confirms {
            usleep(UInt32.random(in: 0...30_000, using: &rng))
            kill(pid, SIGKILL)
        }
        // Bookings whose cancellations are killed mid-way, on seats none of the killed holds
        // asked for (a hold killed late may have gone through, and lasts 2 s).
        var cancelled: [Int: [String]] = [:], cancels: [pid_t] = []
        for n in 11...14 {
            let hold = try cli.run(["hold", String(showId), "B\(n)", "C\(n + 5)", "--json"])
            XCTAssertEqual(hold.status, 0, hold.stderr)
            let id = try XCTUnwrap(try hold.object()["booking_id"] as? Int)
            XCTAssertEqual(try cli.run(["confirm", String(id), "--email", "k@example.com"]).status, 0)
            cancelled[id] = ["B\(n)", "C\(n + 5)"]
            cancels.append(try Subprocess.spawn(CLIRunner.executable.path, ["cancel", String(id)], environment: cli.environment))
        }
        for pid in cancels {
            usleep(UInt32.random(in: 0...8_000, using: &rng))
            kill(pid, SIGKILL)
        }
        // Bookings of two seats, one of which the customer gives back, killed mid-way.
        var returning: [Int: (kept: String, given: String)] = [:], returns: [pid_t] = []
        for n in [7, 9, 15, 17] {
            let hold = try cli.run(["hold", String(showId), "B\(n)", "B\(n + 1)", "--json"])
            XCTAssertEqual(hold.status, 0, hold.stderr)
            let id = try XCTUnwrap(try hold.object()["booking_id"] as? Int)
            XCTAssertEqual(try cli.run(["confirm", String(id), "--email", "k@example.com", "--paid", "cash"]).status, 0)
            returning[id] = ("B\(n)", "B\(n + 1)")
            returns.append(try Subprocess.spawn(CLIRunner.executable.path, ["cancel", String(id), "--seats", "B\(n + 1)"],
                                                environment: cli.environment))
        }
        for pid in returns {
            usleep(UInt32.random(in: 0...8_000, using: &rng))
            kill(pid, SIGKILL)
        }
        // A seat picker holding two seats, killed.
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Kill Test", expect: "Reserved ")
        try tui.send("g")
        try tui.send("B20", literal: true)
        try tui.send("Enter", "Space", "Left", "Space", "Enter")
        try tui.waitFor(text: "Your hold:")
        kill(try XCTUnwrap(tui.pid), SIGKILL)
        for pid in pids + confirms + cancels + returns { var status: Int32 = 0; waitpid(pid, &status, 0) }

        // Every hold lapses on time: only confirmed seats stay taken.
        let settled = try eventually(within: 6) {
            let seats = try cli.run(["seats", String(showId), "--json"]).object()["seats"] as? [[String: Any]] ?? []
            return !seats.isEmpty && seats.allSatisfy { $0["status"] as? String != "RESERVED" }
        }
        XCTAssertTrue(settled, "a seat is still reserved after every hold should have lapsed")
        XCTAssertEqual(try cli.run(["expire"]).status, 0)
        let check = try cli.run(["check", "--sweep-lag", "0", "--json"])
        XCTAssertEqual(check.status, 0, check.stdout)
        let seats = try XCTUnwrap(try cli.run(["seats", String(showId), "--json"]).object()["seats"] as? [[String: Any]])
        for seat in seats where seat["status"] as? String == "BOOKED" {
            let id = try XCTUnwrap(seat["booking_id"] as? Int)
            XCTAssertEqual(try cli.run(["booking", String(id), "--json"]).object()["status"] as? String, "CONFIRMED")
        }
        // Each killed cancellation either went through (both seats free) or did not (both booked).
        var outcomes: [String] = []
        for (id, labels) in cancelled.sorted(by: { $0.key < $1.key }) {
            let status = try XCTUnwrap(try cli.run(["booking", String(id), "--json"]).object()["status"] as? String)
            let expected = status == "CANCELLED" ? "AVAILABLE" : "BOOKED"
            XCTAssertTrue(["CANCELLED", "CONFIRMED"].contains(status), "booking \(id) is \(status)")
            let states = seats.filter { labels.contains($0["label"] as? String ?? "") }.map { $0["status"] as? String }
            XCTAssertEqual(states, [expected, expected], "booking \(id) is \(status) but its seats are \(states)")
            outcomes.append(status)
        }
        print("killed cancellations: \(outcomes.filter { $0 == "CANCELLED" }.count) went through, \(outcomes.filter { $0 == "CONFIRMED" }.count) did not")
        // Each killed return either went through (the seat free, recorded apart, the other kept)
        // or did not (the booking has both seats).
        var given = 0
        for (id, pair) in returning.sorted(by: { $0.key < $1.key }) {
            let booking = try cli.run(["booking", String(id), "--json"]).object()
            XCTAssertEqual(booking["status"] as? String, "CONFIRMED")
            let kept = try XCTUnwrap(booking["seats"] as? [String])
            let states = [pair.kept, pair.given].map { label in seats.first { $0["label"] as? String == label }?["status"] as? String }
            if kept == [pair.kept] {
                given += 1
                XCTAssertEqual(states, ["BOOKED", "AVAILABLE"], "booking \(id) gave back \(pair.given)")
            } else {
                XCTAssertEqual(kept, [pair.kept, pair.given].sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count })
                XCTAssertEqual(states, ["BOOKED", "BOOKED"], "booking \(id) gave nothing back")
            }
        }
        print("killed returns: \(given) went through, \(returning.count - given) did not")
    }
}
