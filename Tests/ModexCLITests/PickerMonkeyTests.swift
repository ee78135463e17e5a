import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// The real seat picker in a real terminal (tmux) against a real database, given random keys
/// (and now and then what a clerk types, so holds are confirmed, cancelled, given back and
/// their payments corrected) while another terminal holds and
/// releases seats through the CLI. Whenever a random `q` quits it, it must have exited with
/// status 0 and the terminal restored, and it is started again. At the end it must still
/// answer Ctrl-C at once, and `modex check` must find every invariant holding. The key
/// sequence is seeded; the timing is the machine's.
final class PickerMonkeyTests: XCTestCase {
    static let keys = ["Up", "Down", "Left", "Right", "PageUp", "PageDown", "Space", "Space", "Enter", "Enter", "Escape", "BSpace",
                       "Tab", "c", "x", "e", "a", "g", "b", "X", "p", "y", "n", "1", "2", "3", "s", "r", "/", "?", "q", "h", "j", "k",
                       "l", "A", "7", "@", ".",
                       // Keys it has no use for, and keys whose sequence a terminal description may not name.
                       "F1", "F5", "Insert", "End", "Home", "S-Right", "C-Left"]

    /// A sale from wherever the picker is: Escapes close any prompt and lead back to the list,
    /// Enter opens the show under the cursor, `a` selects `seats` free seats together near the
    /// cursor, and they are held and confirmed.
    static func sale(_ seats: Int) -> [String] {
        ["Escape", "Escape", "Escape", "Enter", "a", "C-u", String(seats), "Enter", "Enter", "c", "C-u", "fan@example.com", "Enter"]
    }
    static let phrases = [sale(1) + ["1"], sale(1) + ["2"], sale(3) + ["1"], ["Space", "Right", "Space", "Enter"], ["X", "y"],
                          ["X", "1"], ["X", "s", "Enter"], ["p", "2"], ["p", "1"], ["b", "fan@", "Enter"]]

    func testRandomKeysNeverCrashHangOrBreakAnInvariant() throws {
        awayFromMidnight()   // counts the day's sales at the end
        let cli = try CLIRunner.withFreshDatabase()
        let show = try cli.createShow(name: "Monkey", rows: 3, seatsPerRow: 8)
        _ = try cli.createShow(name: "Other", rows: 1, seatsPerRow: 4)
        var rng = SeededGenerator(seed: 20_261_126)
        let batches = Int(ProcessInfo.processInfo.environment["MONKEY_BATCHES"] ?? "") ?? 40
        var tui = try TmuxSession.start(environment: cli.environment, width: 80, height: 24)
        defer { tui.close() }
        try tui.waitFor(text: "Monkey")
        var sent = 0, restarts = 0
        for batch in 0..<batches {
            for _ in 0..<25 {
                // Mostly single keys; now and then what a clerk types, so holds are confirmed,
                // cancelled, given back and their payments corrected.
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    for key in Self.phrases.randomElement(using: &rng)! {
                        try tui.send(key, literal: key.contains("@"))
                        sent += 1
                        // As a clerk would, let the answer come before the next key (keys that
                        // need the database are refused while one is awaited).
                        guard ["Enter", "y", "1", "2"].contains(key) else { continue }
                        var last = ""
                        _ = eventually(within: 1, every: 0.05) {
                            let now = (try? tui.screen()) ?? ""
                            defer { last = now }
                            return now == last && !now.contains("...")
                        }
                    }
                } else {
                    try tui.send(Self.keys.randomElement(using: &rng)!)
                    sent += 1
                }
            }
            // Another terminal changes seats meanwhile.
            let seat = "\(["A", "B", "C"].randomElement(using: &rng)!)\(Int.random(in: 1...8, using: &rng))"
            if let held = try cli.run(["hold", String(show), seat, "--json"]).json() as? [String: Any], let id = held["booking_id"] as? Int,
               Bool.random(using: &rng) {
                XCTAssertEqual(try cli.run(["release", String(id)]).status, 0)
            }
            // The picker draws something, and if a `q` quit it, it quit cleanly.
            let screen = try tui.waitFor("batch \(batch) to be drawn") { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            if screen.contains("MODEX-EXITED") {
                XCTAssertEqual(tui.exitStatus, 0, "batch \(batch): modex exited with \(tui.exitStatus.map(String.init) ?? "?")")
                XCTAssertTrue(tui.sttyRestored, "batch \(batch): the terminal settings were not restored")
                tui.close()
                tui = try TmuxSession.start(environment: cli.environment, width: 80, height: 24)
                try tui.waitFor(text: "Monkey")
                restarts += 1
            }
        }
        // Still responsive: Ctrl-C quits from anywhere, at once, cleanly.
        let pid = try XCTUnwrap(tui.pid)
        try tui.send("C-c")
        XCTAssertTrue(eventually(within: 5) { TmuxSession.hasExited(pid) }, "modex answered Ctrl-C")
        try tui.waitFor(text: "MODEX-EXITED")
        XCTAssertEqual(tui.exitStatus, 0)
        XCTAssertTrue(tui.sttyRestored)

        XCTAssertEqual(try cli.run(["expire"]).status, 0)
        let check = try cli.run(["check"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let sales = try cli.run(["sales", "--json"]).object()["operators"] as? [[String: Any]] ?? []
        let sold = sales.compactMap { ($0["sold"] as? [String: Any])?["bookings"] as? Int }.reduce(0, +)
        let refunded = sales.compactMap { ($0["refunded"] as? [String: Any])?["bookings"] as? Int }.reduce(0, +)
        XCTAssertGreaterThan(sold, 0, "some holds should have been confirmed")
        print("picker monkey: \(sent) keys in \(batches) batches, \(restarts) restarts after a q, \(sold) bookings confirmed and "
            + "\(refunded) refunded; modex check: \(check.stdout.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
