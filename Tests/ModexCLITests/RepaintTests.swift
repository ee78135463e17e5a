import Foundation
import ModexTestSupport
import XCTest

/// Ctrl-L draws the whole screen again, in a real terminal (tmux).
final class RepaintTests: XCTestCase {
    /// A message written to the terminal by another program (`wall`, a cron job's mail notice)
    /// lands over the picker, which does not know; Ctrl-L clears it and draws every cell again.
    func testControlLDrawsOverWhatAnotherProgramWrote() throws {
        let cli = try CLIRunner.withFreshDatabase()
        _ = try cli.createShow(name: "Repaint", rows: 4, seatsPerRow: 10)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Repaint", expect: "Available 40")
        let tty = try tui.tmux(["display-message", "-p", "-t", tui.name, "#{pane_tty}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let terminal = try XCTUnwrap(FileHandle(forWritingAtPath: tty), tty)
        terminal.write(Data("\u{1B}[5;1HBroadcast message from root: SYSTEM GOING DOWN\r\n".utf8))
        try terminal.close()
        try tui.waitFor(text: "SYSTEM GOING DOWN")
        try tui.send("C-l")
        try tui.waitFor("the map drawn again") { !$0.contains("SYSTEM GOING DOWN") && $0.contains("Available 40") && $0.contains("B ") }
        XCTAssertNil(tui.exitStatus, "still running")
    }
}
