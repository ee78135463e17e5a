import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// The seat picker in a real terminal (tmux), against a real database.
final class SeatPickerEndToEndTests: XCTestCase {
    func makeShow(_ cli: CLIRunner) throws -> Int {
        try cli.createShow(name: "Terminal Test", rows: 4, seatsPerRow: 10)
    }

    func testHoldCountdownLiveUpdateConfirmResizeAndQuit() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }

        try tui.openShow("Terminal Test", expect: "Available 40  Reserved 0  Booked 0")

        // Select A1 and A2, hold them, and watch the countdown run.
        try tui.send("Space", "Right", "Space", "Enter")
        // The countdown starts from the database's expiry and the current time: a 2-minute
        // hold never shows more than 2:00, not even in the frame that first shows it.
        let panel = try tui.waitFor("the hold panel") { $0.contains("Your hold: ") }
        let firstTime = panel.range(of: #"Your hold: \d:\d\d"#, options: .regularExpression).map { String(panel[$0].suffix(4)) }
        XCTAssertTrue(firstTime == "2:00" || firstTime?.hasPrefix("1:5") == true, "first countdown shown: \(firstTime ?? "none")")
        try tui.waitFor("the hold of A1 A2 with its price") { $0.contains("Your hold: 1:5") && $0.contains(" A1 A2 ") && $0.contains(" total ") }
        let first = try tui.waitFor("a countdown") { $0.range(of: #"1:5\d left"#, options: .regularExpression) != nil }
        let shown = first.range(of: #"1:5\d"#, options: .regularExpression).map { String(first[$0]) }
        try tui.waitFor("the countdown to tick", within: 4) { screen in
            guard let r = screen.range(of: #"1:5\d"#, options: .regularExpression) else { return false }
            return String(screen[r]) != shown
        }
        XCTAssertTrue(try tui.screen().contains("Reserved 2"))

        // A hold made by the CLI in another process appears within a second.
        let other = try cli.run(["hold", String(showId), "D9", "D10", "--json"])
        XCTAssertEqual(other.status, 0, other.stderr)
        try tui.waitFor(text: "Reserved 4", within: 1)
        XCTAssertTrue(try tui.screen().contains("D ○ ○ ○ ○ ○ ○ ○ ○ ▒ ▒"))

        // Confirm with an email, paid in cash.
        try tui.send("c")
        try tui.waitFor(text: "Customer email:")
        try tui.send("fan@example.com", literal: true)
        try tui.send("Enter")
        try tui.waitFor(text: "How was 50.00 paid? 1 cash  2 card")
        try tui.send("1")
        try tui.waitFor("the booking with its number, total, payment and email") {
            $0.contains("Booked A1 A2 (booking ") && $0.contains(", total 50.00 paid in cash, for fan@example.com.")
        }
        try tui.waitFor(text: "Booked 2")
        let bookings = try XCTUnwrap(try cli.run(["seats", String(showId), "--json"]).object()["seats"] as? [[String: Any]])
        XCTAssertEqual(bookings.filter { $0["status"] as? String == "BOOKED" }.compactMap { $0["label"] as? String }.sorted(), ["A1", "A2"])

        // The customer comes back: find the booking by part of the email from another seat.
        try tui.send("Down", "Down", "b")
        try tui.waitFor(text: "Find booking (email or number):")
        try tui.send("FAN@", literal: true)
        try tui.send("Enter")
        try tui.waitFor("the booking found, with the cursor on its first seat") {
            $0.range(of: #"booking \d+, A1 A2, [0-9.]+ paid in cash, fan@example\.com"#, options: .regularExpression) != nil
                && $0.contains("Seat A1 ") && $0.contains("booked (booking ")
        }

        // The clerk pressed 1 for a card: p on the booking's seat asks, 2 records a card payment.
        try tui.send("p")
        let paid = try tui.waitFor("the payment question naming the booking") {
            $0.range(of: #"Booking \d+: A1 A2, 50\.00, paid in cash, fan@example\.com"#, options: .regularExpression) != nil
                && $0.contains("How was it paid? 1 cash  2 card  (n or Esc keeps it)")
        }
        let paidId = try XCTUnwrap(paid.range(of: #"Booking \d+:"#, options: .regularExpression).map { paid[$0].dropFirst(8).dropLast() })
        try tui.send("2")
        try tui.waitFor(text: "Booking \(paidId) is now paid by card (was paid in cash)")
        let corrected = try cli.run(["booking", String(paidId), "--json"]).object()
        XCTAssertEqual(corrected["paid_by"] as? String, "card")
        XCTAssertEqual((corrected["payment_corrections"] as? [[String: Any]])?.count, 1)

        // The customer gives back one ticket: X on the booking's seat asks, 1 gives back that seat.
        try tui.send("X")
        let asked = try tui.waitFor("the question naming the booking") {
            $0.range(of: #"Cancel booking \d+: A1 A2, 50\.00 paid by card, fan@example\.com\?"#, options: .regularExpression) != nil
                && $0.contains("y cancels all of it; 1 gives back only A1 (25.00); s some seats; n or Esc keeps it")
        }
        let cancelledId = try XCTUnwrap(asked.range(of: #"Cancel booking \d+"#, options: .regularExpression).map { asked[$0].split(separator: " ").last! })
        // `s` asks which seats, the one under the cursor filled in, and says the refund; Esc keeps it all.
        try tui.send("s")
        try tui.waitFor("the seats to give back") {
            $0.contains("Give back which seats of booking \(cancelledId) (A1 A2)? A1_")
                && $0.contains("Enter gives back A1: refund 25.00 by card; Esc keeps the booking")
        }
        try tui.send("Escape")
        try tui.waitFor(text: "Booking \(cancelledId) kept.")
        try tui.send("X")
        try tui.waitFor(text: "y cancels all of it; 1 gives back only A1 (25.00); s some seats; n or Esc keeps it")
        try tui.send("1")
        try tui.waitFor(text: "Booking \(cancelledId): A1 given back and free again; A2 stays booked; refund 25.00 by card to fan@example.com.")
        try tui.waitFor(text: "Booked 1")
        // Then the other: X on A2, y cancels what is left of the booking.
        try tui.send("Right", "X")
        try tui.waitFor(text: "y cancels it and frees its seats; n or Esc keeps it")
        try tui.send("y")
        try tui.waitFor(text: "Cancelled booking \(cancelledId): A2 free again; refund 25.00 by card to fan@example.com.")
        try tui.waitFor(text: "Booked 0")
        let ended = try cli.run(["booking", String(cancelledId), "--json"]).object()
        XCTAssertEqual(ended["status"] as? String, "CANCELLED")
        XCTAssertEqual(ended["ended_by"] as? String, OperatorIdentity.current)
        XCTAssertEqual(ended["paid_by"] as? String, "card")

        // Resize small and back.
        try tui.resize(width: 30, height: 10)
        try tui.waitFor(text: "Terminal too small")
        try tui.resize(width: 100, height: 30)
        try tui.waitFor(text: "Available 38")

        // Quit: back to the list, then out, with status 0 and the terminal restored. On the way,
        // the day's sales: the booking sold and refunded by card (in two returns) by this operator.
        try tui.send("q")
        try tui.waitFor(text: "Available/Total")
        try tui.send("s")
        try tui.waitFor("today's sales") {
            $0.contains("Sales today, ") && $0.range(of: #"Total +2 +50\.00 +50\.00 +0\.00 +0\.00 +0\.00"#, options: .regularExpression) != nil
        }
        try tui.send("Left")
        try tui.waitFor("yesterday's sales") { $0.contains("Sales yesterday, ") && $0.contains("Nothing was sold or refunded.") }
        try tui.send("Space")
        try tui.waitFor("the sales screen to close") { !$0.contains("Sales yesterday, ") }
        try tui.send("q")
        try tui.waitFor(text: "MODEX-EXITED")
        XCTAssertEqual(tui.exitStatus, 0)
        XCTAssertTrue(tui.sttyRestored, "stty settings differ after modex exited")
    }

    /// The show list is current while it is open: a sale made elsewhere shows within seconds.
    func testTheShowListFollowsSalesMadeElsewhere() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.waitFor(text: "40/40")
        XCTAssertEqual(try cli.run(["hold", String(showId), "A1", "A2", "A3"]).status, 0)
        try tui.waitFor(text: "37/40", within: 5)
    }

    func testHoldRunsOutOnScreen() throws {
        var cli = try CLIRunner.withFreshDatabase()
        cli.environment["MODEX_HOLD_SECONDS"] = "3"
        let showId = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Terminal Test", expect: "Available 40")
        try tui.send("Space", "Enter")
        try tui.waitFor("the countdown's last seconds") { $0.contains("Your hold: 0:0") && $0.contains(" A1 ") && $0.contains(" total ") }
        try tui.waitFor(text: "Your hold on A1 ran out.", within: 5)
        XCTAssertTrue(try tui.screen().contains("Available 40"))
        // Still selected, so one key holds it again.
        try tui.send("Enter")
        try tui.waitFor(text: "Held A1.")
        XCTAssertEqual(try cli.reservedSeats(of: showId), 1, "A1 is held again")
    }

    /// A manager deletes the show a clerk has open: the picker goes back to the list by itself
    /// and says why, and the list no longer has the show.
    func testAShowDeletedWhileOpenSendsThePickerBackToTheList() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        _ = try cli.createShow(name: "Other Show", rows: 1, seatsPerRow: 5)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Terminal Test", expect: "Available 40")
        try tui.send("Space")
        // A hold and its release seen on screen prove the picker follows the show by its
        // announcements, whose safety-net check runs only every 10 s.
        let bookingId = try XCTUnwrap(try cli.run(["hold", String(showId), "D9", "--json"]).object()["booking_id"] as? Int)
        try tui.waitFor(text: "Reserved 1", within: 2)
        XCTAssertEqual(try cli.run(["release", String(bookingId)]).status, 0)
        try tui.waitFor(text: "Reserved 0", within: 2)
        let deleted = try cli.run(["show", "delete", String(showId)])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        try tui.waitFor(text: "Terminal Test (show \(showId)) was deleted by a manager; pick another show.", within: 2)
        let list = try tui.waitFor("the list without the deleted show") { $0.contains("Available/Total") && $0.contains("Other Show") }
        XCTAssertEqual(list.components(separatedBy: "Terminal Test").count - 1, 1, "only the message names it:\n\(list)")
    }

    /// A script confirms the clerk's hold: the picker's hold panel gives way to the booking
    /// instead of counting down a hold that no longer exists.
    func testAHoldConfirmedElsewhereLeavesTheHoldPanel() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Terminal Test", expect: "Available 40")
        try tui.send("Space", "Enter")
        try tui.waitFor("the hold of A1") { $0.contains("Your hold: ") && $0.contains(" A1 ") }
        let seats = try XCTUnwrap(try cli.run(["seats", String(showId), "--json"]).object()["seats"] as? [[String: Any]])
        let bookingId = try XCTUnwrap(seats.first { $0["label"] as? String == "A1" }?["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(bookingId), "--email", "desk@example.com"]).status, 0)
        try tui.waitFor(text: "Booked A1 (booking \(bookingId)): the database has it as confirmed.", within: 2)
        XCTAssertFalse(try tui.screen().contains("Your hold: "))
    }

    /// Quitting gives back this terminal's holds before the process ends: the one kept on a map
    /// left for the list (q, q), and the map's own (Ctrl-C). Their seats are free at once, not
    /// in two minutes.
    func testQuittingReleasesTheTerminalsHolds() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        for quit in [["q", "q"], ["C-c"]] {
            let tui = try TmuxSession.start(environment: cli.environment)
            defer { tui.close() }
            try tui.openShow("Terminal Test", expect: "Available 40")
            try tui.send("Space", "Right", "Space", "Enter")
            try tui.waitFor(text: "Held A1 A2.")
            XCTAssertEqual(try cli.reservedSeats(of: showId), 2)
            for key in quit { try tui.send(key) }
            try tui.waitFor(text: "MODEX-EXITED", within: 3)
            XCTAssertEqual(tui.exitStatus, 0)
            XCTAssertEqual(try cli.reservedSeats(of: showId), 0, "released before the picker ended (\(quit))")
        }
    }

    func testHangupRestoresTheTerminalAndExits() throws {
        let cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.waitFor(text: "Terminal Test")
        let pid = try XCTUnwrap(tui.pid)
        kill(pid, SIGHUP)
        try tui.waitFor(text: "MODEX-EXITED", within: 2)
        XCTAssertEqual(tui.exitStatus, 128 + SIGHUP)
        XCTAssertTrue(tui.sttyRestored)
    }

    /// SIGTERM (a `kill`, the host shutting down) and SIGQUIT end the picker as Ctrl-C does,
    /// giving back its hold first, while a hang-up leaves the hold to run out.
    func testTerminationReleasesTheHoldAndAHangupDoesNot() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        for (sig, left) in [(SIGTERM, 0), (SIGQUIT, 0), (SIGHUP, 2)] {
            let tui = try TmuxSession.start(environment: cli.environment)
            defer { tui.close() }
            try tui.openShow("Terminal Test", expect: "Available 40")
            try tui.send("Down", "Down", "Space", "Right", "Space", "Enter")
            try tui.waitFor(text: "Held C1 C2.")
            kill(try XCTUnwrap(tui.pid), sig)
            try tui.waitFor(text: "MODEX-EXITED", within: 2)
            XCTAssertEqual(tui.exitStatus, 128 + sig)
            XCTAssertTrue(tui.sttyRestored, "signal \(sig): \(tui.sttyChange)")
            XCTAssertEqual(try cli.reservedSeats(of: showId), left, "signal \(sig)")
        }
    }

    /// A crash (a bug: a Swift trap is SIGILL here, a bad pointer SIGSEGV, abort() SIGABRT) still
    /// leaves the clerk's terminal as it found it, says so, writes the stack to the log, and
    /// the process dies of the signal. Swift's interactive backtracer, which offers a debugger,
    /// never runs unasked.
    func testACrashRestoresTheTerminal() throws {
        let cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        for signal in [SIGILL, SIGSEGV, SIGABRT] {
            let tui = try TmuxSession.start(environment: cli.environment)
            defer { tui.close() }
            try tui.waitFor(text: "Terminal Test")
            try tui.send("Enter")
            try tui.waitFor(text: "Available 40")
            kill(try XCTUnwrap(tui.pid), signal)
            let screen = try tui.waitFor("modex to die of signal \(signal)", within: 10) { $0.contains("MODEX-EXITED") }
            XCTAssertEqual(tui.exitStatus, 128 + signal, "signal \(signal)")
            XCTAssertTrue(tui.sttyRestored, "signal \(signal): the terminal settings were not restored")
            XCTAssertTrue(screen.contains("modex stopped on an internal error; the terminal was restored."), screen)
            XCTAssertFalse(screen.contains("Available 40"), "signal \(signal): the seat map was left on screen:\n\(screen)")
            XCTAssertFalse(screen.contains("Program crashed"), "signal \(signal): Swift's backtracer ran unasked:\n\(screen)")
            let log = try String(contentsOf: tui.workDir.appendingPathComponent("modex.log"), encoding: .utf8)
            XCTAssertTrue(log.contains(String(format: "modex crashed on signal %02d; stack:\n", signal)), log)
        }
    }

    /// With SWIFT_BACKTRACE set (the kiosk wrapper sets it), Swift's backtrace follows, on a
    /// terminal already restored, and then the process dies of the signal. Swift's backtracer
    /// returns once it has printed, so a signal another process sent with kill() (an operator's
    /// `kill -ABRT` for a core dump) used to leave the picker running on a terminal out of
    /// curses mode.
    func testACrashShowsSwiftsBacktraceWhenAskedFor() throws {
        let cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        var environment = cli.environment
        environment["SWIFT_BACKTRACE"] = "interactive=no"
        for signal in [SIGSEGV, SIGABRT] {
            let tui = try TmuxSession.start(environment: environment)
            defer { tui.close() }
            try tui.waitFor(text: "Terminal Test")
            kill(try XCTUnwrap(tui.pid), signal)
            // The backtrace may scroll the sentence away: read the history too.
            var history = ""
            XCTAssertTrue(try eventually(within: 20) {
                history = try tui.tmux(["capture-pane", "-p", "-S", "-1000", "-t", tui.name]).stdout
                return history.contains("Backtrace took")
            }, "signal \(signal):\n\(history)")
            let restored = try XCTUnwrap(history.range(of: "modex stopped on an internal error; the terminal was restored."), history)
            let crashed = try XCTUnwrap(history.range(of: "Program crashed"), history)
            XCTAssertLessThan(restored.lowerBound, crashed.lowerBound, "signal \(signal): the terminal is restored first")
            XCTAssertFalse(history.contains("Terminal Test"), "signal \(signal): the show list was left on screen:\n\(history)")
            XCTAssertTrue(try eventually(within: 10) {
                try tui.tmux(["capture-pane", "-p", "-S", "-1000", "-t", tui.name]).stdout.contains("MODEX-EXITED")
            }, "signal \(signal): modex still runs after the backtrace")
            XCTAssertEqual(tui.exitStatus, 128 + signal, "signal \(signal)")
            XCTAssertTrue(tui.sttyRestored, "signal \(signal): the terminal settings were not restored: \(tui.sttyChange)")
        }
    }

    func testASCIIGlyphsWithoutAUTF8LocaleAndNoColour() throws {
        var cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        cli.environment["LANG"] = "C"
        cli.environment["NO_COLOR"] = "1"
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Terminal Test", expect: "o available  * selected  H your hold  r held elsewhere  X booked")
        try tui.send("Space")
        try tui.waitFor(text: "A *<o o")
    }

    /// A show name in Japanese with an emoji takes two columns a character. Drawn as one, it
    /// pushed the operator's name off the title bar; in an ASCII locale ncurses spelled each
    /// byte out as `~]`-like pairs. Now the title keeps its operator and ASCII gets one `?` each.
    func testWideShowNamesKeepTheTitleBarInPlace() throws {
        var cli = try CLIRunner.withFreshDatabase()
        _ = try cli.createShow(name: "東京公演 🎭 Gala", rows: 4, seatsPerRow: 10)
        for (locale, shown) in [("C.UTF-8", "東京公演 🎭 Gala"), ("C", "???? ? Gala")] {
            cli.environment["LANG"] = locale
            cli.environment["LC_ALL"] = locale
            let tui = try TmuxSession.start(environment: cli.environment, width: 80, height: 24)
            defer { tui.close() }
            try tui.waitFor(text: "40/40            \(shown)")
            let listTitle = try XCTUnwrap(try tui.screen().split(separator: "\n").first)
            let operatorName = try XCTUnwrap(listTitle.split(separator: " ").last, "the operator ends the list's title bar")
            try tui.openShow(shown, expect: "Available 40  Reserved 0  Booked 0")
            let title = try XCTUnwrap(try tui.screen().split(separator: "\n").first).trimmingCharacters(in: .whitespaces)
            XCTAssertTrue(title.hasPrefix("modex \(locale == "C" ? "-" : "·") \(shown) "), "\(locale): \(title)")
            XCTAssertTrue(title.hasSuffix(" \(operatorName)"), "\(locale): the operator stays at the right edge: \(title)")
            XCTAssertFalse(title.contains("~"), "\(locale): \(title)")
        }
    }

    /// A terminal type this host has no terminfo entry for (kitty, foot, ... over SSH) still
    /// gets a working picker, drawn for xterm-256color, instead of "Error opening terminal".
    func testAnUnknownTerminalTypeFallsBackToXterm() throws {
        var cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        cli.environment["TERM"] = "no-such-terminal"
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Terminal Test", expect: "Available 40")
        try tui.send("Space", "Enter")
        try tui.waitFor("the hold of A1") { $0.contains("Your hold: ") && $0.contains(" A1 ") }
        try tui.send("x")
        try tui.waitFor(text: "Hold released")
        try tui.send("q", "q")
        try tui.waitFor(text: "MODEX-EXITED")
        XCTAssertEqual(tui.exitStatus, 0)
        let log = try String(contentsOf: tui.workDir.appendingPathComponent("modex.log"), encoding: .utf8)
        XCTAssertTrue(log.contains("TERM=no-such-terminal is unknown on this host (install ncurses-term); drawing for xterm-256color"), log)
    }

    /// TERM=dumb (an editor's shell buffer) cannot place text: the picker says so and exits
    /// instead of scrolling a garbled screen, and leaves the terminal as it was.
    func testADumbTerminalIsToldWhyInsteadOfGarbled() throws {
        var cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        cli.environment["TERM"] = "dumb"
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.waitFor(text: "MODEX-EXITED")
        XCTAssertEqual(tui.exitStatus, 1)
        let screen = try tui.screen()
        XCTAssertTrue(screen.contains("this terminal (TERM=dumb) cannot move the cursor"), screen)
        XCTAssertFalse(screen.contains("Terminal Test"), "nothing was drawn: \(screen)")
        XCTAssertTrue(tui.sttyRestored)
    }

    func testUnreachableDatabaseShowsABannerAndKeysStillWork() throws {
        var cli = try CLIRunner.withFreshDatabase()
        cli.environment["DATABASE_URL"] = "postgresql://127.0.0.1:1/modex?connect_timeout=2"
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.waitFor(text: "Database unreachable, retrying")
        try tui.send("?")
        try tui.waitFor(text: "Keys", within: 0.5)
        try tui.send("Escape")
        try tui.send("C-c")
        try tui.waitFor(text: "MODEX-EXITED", within: 2)
        XCTAssertEqual(tui.exitStatus, 0)
        XCTAssertTrue(tui.sttyRestored)
    }
}

/// The terminal stays usable when the database is slow or the session is cut.
final class SeatPickerResilienceTests: XCTestCase {
    func makeShow(_ cli: CLIRunner) throws -> Int {
        try cli.createShow(name: "Locked Test", rows: 2, seatsPerRow: 5)
    }

    /// Another session holds A1's row lock (psql `SELECT ... FOR UPDATE` left open): keys still
    /// redraw at once, and the hold fails after the lock timeout with "busy, try again".
    func testLockedSeatKeepsTheScreenResponsive() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        let locker = try Database(conninfo: try XCTUnwrap(cli.environment["DATABASE_URL"]))
        try locker.connection.execute(script: "BEGIN")
        try locker.connection.query("SELECT * FROM seats WHERE show_id = $1 AND label = 'A1' FOR UPDATE", [.int(Int64(showId))])
        defer { try? locker.connection.execute(script: "ROLLBACK") }

        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Locked Test", expect: "Available 10")
        try tui.send("Space", "Enter")
        try tui.waitFor(text: "Holding A1")
        let pressed = Date()
        try tui.send("?")
        try tui.waitFor(text: "this help (any key closes it)", within: 0.5)
        XCTAssertLessThan(Date().timeIntervalSince(pressed), 0.5)
        try tui.send("Escape")
        try tui.waitFor(text: "busy in another terminal; try again", within: 4)
        XCTAssertTrue(try tui.screen().contains("No hold."))
    }

    /// Quitting while another session has the held seats' rows locked: the picker says it is
    /// releasing the hold and waits (up to 2 s) for the database, instead of ending with the
    /// release unsent.
    func testQuittingWaitsForASlowRelease() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Locked Test", expect: "Available 10")
        try tui.send("Space", "Enter")
        try tui.waitFor(text: "Held A1.")
        let locker = try Database(conninfo: try XCTUnwrap(cli.environment["DATABASE_URL"]))
        try locker.connection.execute(script: "BEGIN")
        try locker.connection.query("SELECT * FROM seats WHERE show_id = $1 AND label = 'A1' FOR UPDATE", [.int(Int64(showId))])
        try tui.send("C-c")
        try tui.waitFor(text: "Releasing your hold on A1 before quitting...", within: 1)
        XCTAssertNil(tui.exitStatus, "still waiting for the release")
        try locker.connection.execute(script: "ROLLBACK")
        try tui.waitFor(text: "MODEX-EXITED", within: 3)
        XCTAssertEqual(tui.exitStatus, 0)
        XCTAssertEqual(try cli.reservedSeats(of: showId), 0)
    }

    /// The server drops the picker's connections (as in a restart): it reconnects by itself,
    /// keeps following changes, and the next hold works.
    func testReconnectsAfterItsConnectionsAreTerminated() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.openShow("Locked Test", expect: "Available 10")
        let admin = try Database(conninfo: try XCTUnwrap(cli.environment["DATABASE_URL"]))
        let killed = try admin.run("""
            SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'modex' AND pid <> pg_backend_pid()
            """).single().int("n")
        XCTAssertEqual(killed, 2, "the picker's request and watcher connections")
        XCTAssertEqual(try cli.run(["hold", String(showId), "B5"]).status, 0)
        try tui.waitFor(text: "Reserved 1", within: 5)
        XCTAssertFalse(try tui.screen().contains("unreachable"))
        try tui.send("Space", "Enter")
        try tui.waitFor("the hold of A1", within: 3) { $0.contains("Your hold: ") && $0.contains(" A1 ") }
    }

    /// Killing the terminal (as a dropped SSH connection does) ends modex promptly, without
    /// spinning.
    func testLosingTheTerminalEndsTheProcess() throws {
        let cli = try CLIRunner.withFreshDatabase()
        _ = try makeShow(cli)
        let tui = try TmuxSession.start(environment: cli.environment)
        defer { tui.close() }
        try tui.waitFor(text: "Locked Test")
        let pid = try XCTUnwrap(tui.pid)
        try tui.tmux(["kill-server"])
        let gone = eventually(within: 2) { TmuxSession.hasExited(pid) }
        XCTAssertTrue(gone, "modex \(pid) still runs 2 s after its terminal went away")
    }

    /// An open picker sweeps lapsed holds by itself (every MODEX_SWEEP_SECONDS, 10 s by default),
    /// so a default installation keeps stored state tidy and `modex check` clean without a
    /// separate `modex expire --watch`.
    func testAnOpenPickerSweepsLapsedHolds() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try makeShow(cli)
        XCTAssertEqual(try cli.run(["hold", String(showId), "B2", "B3", "--hold-seconds", "1"]).status, 0)
        XCTAssertTrue(try eventually(within: 5, every: 0.2) {
            (try cli.run(["check", "--sweep-lag", "0", "--json"]).object()["ok"] as? Bool) == false
        }, "with nobody sweeping, the lapsed hold stays PENDING")

        var env = cli.environment
        env["MODEX_SWEEP_SECONDS"] = "1"
        let tui = try TmuxSession.start(environment: env)
        defer { tui.close() }
        try tui.waitFor(text: "Locked Test")
        XCTAssertTrue(try eventually(within: 10, every: 0.2) {
            (try cli.run(["check", "--sweep-lag", "0", "--json"]).object()["ok"] as? Bool) == true
        }, "the picker did not sweep the lapsed hold")
        let seats = try XCTUnwrap(try cli.run(["seats", String(showId), "--json"]).object()["seats"] as? [[String: Any]])
        XCTAssertEqual(seats.filter { ["B2", "B3"].contains($0["label"] as? String) }.map { $0["status"] as? String }, ["AVAILABLE", "AVAILABLE"])
    }
}
