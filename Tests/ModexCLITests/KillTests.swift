import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// `kill -9` in the middle of holds and confirms: once the holds lapse no seat is stuck, and
/// `modex check` is clean.
final class KillTests: XCTestCase {
    func testKilledCLIAndPickerProcessesLeaveNoStuckSeats() throws {
        var cli = try CLIRunner.withFreshDatabase()
        cli.environment["MODEX_HOLD_SECONDS"] = "2"
        let showId = try cli.createShow(name: "Kill Test", rows: 2, seatsPerRow: 20)
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
        // A seat picker holding two seats, killed.
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Kill Test", expect: "Reserved ")
        try tui.send("g")
        try tui.send("B20", literal: true)
        try tui.send("Enter", "Space", "Left", "Space", "Enter")
        try tui.waitFor(text: "Your hold:")
        kill(try XCTUnwrap(tui.pid), SIGKILL)
        for pid in pids + confirms { var status: Int32 = 0; waitpid(pid, &status, 0) }

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
    }
}
