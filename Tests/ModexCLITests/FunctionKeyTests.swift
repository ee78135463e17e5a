import Foundation
import ModexTestSupport
import XCTest

/// Keys the picker has no use for, in a real terminal (tmux).
final class FunctionKeyTests: XCTestCase {
    /// F1, F5, Insert and the like, and keys whose sequence the terminal description does not
    /// name (End under TERM=xterm-256color in tmux, which sends `\e[4~`), neither quit the
    /// picker, nor cancel a prompt, nor type into it. Three F5s in a row used to pass for the
    /// end of input (a dropped session) and quit, as did three bytes that are not UTF-8; an
    /// unnamed End was Esc, and left the map.
    func testUnusedAndUnnamedKeysNeitherQuitNorCancelNorType() throws {
        var cli = try CLIRunner.withFreshDatabase()
        _ = try cli.createShow(name: "Keys", rows: 4, seatsPerRow: 10)
        cli.environment["TERM"] = "xterm-256color"
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Keys", expect: "Available 40")
        try tui.send("g")
        try tui.waitFor(text: "Go to seat:")
        try tui.send("b", literal: true)
        for key in ["F5", "F5", "F5", "F1", "F1", "F1", "Insert", "End", "Home", "F12", "S-F3"] { try tui.send(key) }
        // Bytes that are not UTF-8 (é from a Latin-1 terminal) mean nothing either.
        for _ in 0..<4 { try tui.send("-H", "e9") }
        try tui.send("3", literal: true)
        try tui.waitFor(text: "Go to seat: b3_")
        try tui.send("Enter")
        try tui.waitFor(text: "Seat B3 ")
        // Shift or Ctrl with an arrow moves as the arrow does.
        try tui.send("End", "S-Right")
        try tui.waitFor(text: "Seat B4 ")
        try tui.send("C-Down")
        try tui.waitFor(text: "Seat C4 ")
        XCTAssertNil(tui.exitStatus, "still running")
    }
}
