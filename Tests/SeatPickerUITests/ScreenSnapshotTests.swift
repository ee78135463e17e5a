import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// Every screen at 80x24 and 120x40, with colour off (glyphs only) and on (styles recorded).
final class ScreenSnapshotTests: XCTestCase {
    static let sizes = [ScreenSize(width: 80, height: 24), ScreenSize(width: 120, height: 40)]

    func check(_ name: String, _ make: (ScreenSize) -> AppState, glyphs: GlyphSet = .unicode, file: StaticString = #filePath, line: UInt = #line) {
        for size in Self.sizes {
            let state = make(size)
            for colour in [false, true] {
                let grid = render(state, options: RenderOptions(glyphs: glyphs, colour: colour), timeZone: SampleData.utc)
                assertSnapshot(grid, named: "\(name)-\(size.width)x\(size.height)-\(colour ? "colour" : "mono")", withStyles: colour, file: file, line: line)
            }
        }
    }

    func testShowList() {
        check("show-list") { size in
            var state = SampleData.state(size)
            _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200),
                                             SampleData.show(2, "Demo arena: Winter Concert", seats: 20_000)]))
            _ = update(&state, .key(.down))
            return state
        }
    }

    /// Thirty shows, running into next year, with two of last year's at the end: the list says
    /// which of them it shows, and dates outside this year carry their year.
    func testALongShowListSaysWhereItIsAndDatesCarryTheirYear() {
        check("long-show-list") { size in
            var state = SampleData.state(size)
            let day = 86_400.0
            var shows = (1...28).map { i in
                ShowSummary(showId: Int64(i), name: "Run \(i) of Hamlet", startsAt: SampleData.now.addingTimeInterval(Double(i) * 2 * day + 8 * 3600),
                            createdAt: SampleData.now, totalSeats: 40, available: 40 - i, reserved: 0, booked: i)
            }
            shows += [ShowSummary(showId: 29, name: "Last year's panto", startsAt: SampleData.now.addingTimeInterval(-340 * day),
                                  createdAt: SampleData.now, totalSeats: 200, available: 0, reserved: 0, booked: 200),
                      ShowSummary(showId: 30, name: "Last year's gala", startsAt: SampleData.now.addingTimeInterval(-360 * day),
                                  createdAt: SampleData.now, totalSeats: 200, available: 3, reserved: 0, booked: 197)]
            _ = update(&state, .showsLoaded(shows))
            for _ in 0..<24 { _ = update(&state, .key(.down)) }
            return state
        }
    }

    func testSeatMapWithHoldAndSelection() {
        check("seat-map", SampleData.busyTheatre)
    }

    func testSeatMapInASCII() {
        check("seat-map-ascii", SampleData.busyTheatre, glyphs: .ascii)
    }

    func testArenaScrollsToTheCursor() {
        check("arena") { size in
            var state = SampleData.state(size)
            _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert"), clockOffset: 0))
            _ = update(&state, .key(.character("g")))
            for ch in "S1-M50" { _ = update(&state, .key(.character(ch))) }
            _ = update(&state, .key(.enter))
            return state
        }
    }

    func testKeyHintsDropTheLeastImportantToFitAndAlwaysKeepHelp() {
        let seatHints = ["Space select", "Enter hold", "c confirm", "x release", "q back", "e extend", "g go to", "? help"]
        XCTAssertEqual(ScreenPainter.hintLine(seatHints, width: 120),
                       "Space select  Enter hold  c confirm  x release  q back  e extend  g go to  ? help")
        XCTAssertEqual(ScreenPainter.hintLine(seatHints, width: 80),
                       "Space select  Enter hold  c confirm  x release  q back  e extend  ? help")
        XCTAssertEqual(ScreenPainter.hintLine(seatHints, width: 40), "Space select  Enter hold  ? help")
        XCTAssertEqual(ScreenPainter.hintLine(["? help"], width: 3), "? help", "clipped by the painter, never dropped")
    }

    /// The hints are fitted to the columns the status line really has (one short of the
    /// screen's width), so "? help" is never cut to "? he…" at any width.
    func testKeyHintsAlwaysEndInAWholeHelpHint() {
        for width in minimumScreenSize.width...120 {
            for var state in [SampleData.busyTheatre(ScreenSize(width: width, height: 24)), SampleData.state(ScreenSize(width: width, height: 24))] {
                state.message = nil
                let last = render(state, timeZone: SampleData.utc).text.split(separator: "\n").last.map(String.init) ?? ""
                XCTAssertTrue(last.trimmingCharacters(in: .whitespaces).hasSuffix("? help"), "at width \(width): \(last)")
            }
        }
    }

    func testHelpStatesTheHoldLengthsThisTerminalUses() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        state.holdPolicy.holdSeconds = 300
        state.holdPolicy.extensionSeconds = 90
        state.holdPolicy.maxHoldSeconds = 600
        state.showHelp = true
        let text = render(state, options: RenderOptions(glyphs: .unicode, colour: false), timeZone: SampleData.utc).text
        XCTAssertTrue(text.contains("hold the selection (5 minutes)"), text)
        XCTAssertTrue(text.contains("extend the hold by 90 seconds,"), text)
        XCTAssertTrue(text.contains("up to 10 minutes in all"), text)
    }

    func testSalesOverTheShowList() {
        check("sales", SalesScreenTests.listWithSales)
    }

    func testHelpOverlay() {
        check("help") { size in
            var state = SampleData.busyTheatre(size)
            _ = update(&state, .key(.character("?")))
            return state
        }
    }

    /// At the smallest size the help shows what fits and says there is more.
    func testHelpOnTheSmallestScreenSaysThereIsMore() {
        var state = SampleData.busyTheatre(ScreenSize(width: 40, height: 12))
        _ = update(&state, .key(.character("?")))
        let rows = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.split(separator: "\n")
        XCTAssertTrue(rows.contains { $0.contains("│ … more keys in a taller window") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains("└───") }, "the box is closed\n" + rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains("│ Arrows or h j k l") })
    }

    /// The ruler shows seat 1 and every tenth seat in full and the rest by their last digit,
    /// and never glues two labels together: "10" then "1" read as seat 101, and seat 100 used
    /// to be labelled "10".
    func testTheRulerNeverGluesSeatNumbersTogether() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        let longRow = SampleData.map("category A 10.00 Stalls\nA " + String(repeating: "A", count: 120) + "\n", name: "Long row")
        _ = update(&state, .mapLoaded(longRow, clockOffset: 0))
        for key in [Key.character("g")] + "A105".map(Key.character) + [.enter] { _ = update(&state, .key(key)) }
        let ruler = String(render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc)
            .text.split(separator: "\n", omittingEmptySubsequences: false)[2])
        let labels = ruler.split(separator: " ").map(String.init)
        XCTAssertTrue(labels.contains("100"), ruler)
        XCTAssertTrue(labels.contains("5"), ruler)
        for label in labels {
            XCTAssertTrue(label.count == 1 || Int(label).map { $0 % 10 == 0 } == true, "glued label \(label) in \(ruler)")
        }
    }

    /// Every line of help sits inside its box: the right border is drawn on every row. (The
    /// longest line used to overwrite it.)
    func testHelpLinesStayInsideTheirBox() throws {
        for size in Self.sizes + [ScreenSize(width: 60, height: 20)] {
            for glyphs in [GlyphSet.unicode, .ascii] {
                var state = SampleData.busyTheatre(size)
                _ = update(&state, .key(.character("?")))
                let rows = render(state, options: RenderOptions(glyphs: glyphs, colour: false), timeZone: SampleData.utc)
                    .text.split(separator: "\n", omittingEmptySubsequences: false).map(Array.init)
                guard let top = rows.firstIndex(where: { String($0).contains(" Keys ") }) else { return XCTFail("no help box at \(size)") }
                let left = try XCTUnwrap(rows[top].firstIndex(of: glyphs.corners[0]), "top left corner at \(size)")
                let right = try XCTUnwrap(rows[top].lastIndex(of: glyphs.corners[1]), "top right corner at \(size)")
                XCTAssertGreaterThan(right, left + 40, "\(size)")
                let inside = rows[(top + 1)...].prefix(while: { $0[left] == glyphs.vertical })
                XCTAssertGreaterThan(inside.count, 10)
                for row in inside {
                    XCTAssertEqual(row[right], glyphs.vertical, "help row overflows its box at \(size): \(String(row))")
                }
                let bottom = rows[top + inside.count + 1]
                XCTAssertEqual([bottom[left], bottom[right]], [glyphs.corners[2], glyphs.corners[3]], "bottom corners at \(size)")
            }
        }
    }

    func testEmailPromptWithError() {
        check("email-prompt") { size in
            var state = SampleData.busyTheatre(size)
            _ = update(&state, .key(.character("c")))
            for ch in "fan@example" { _ = update(&state, .key(.character(ch))) }
            _ = update(&state, .key(.enter))
            return state
        }
    }

    /// Asked how the customer paid: the amount to take, the two answers, then the email.
    func testPaymentPrompt() {
        check("payment-prompt") { size in
            var state = SampleData.busyTheatre(size)
            _ = update(&state, .key(.character("c")))
            for ch in "fan@example.com" { _ = update(&state, .key(.character(ch))) }
            _ = update(&state, .key(.enter))
            return state
        }
    }

    /// `p` on a booked seat, once the booking is read: how it is recorded, then the answers.
    func testPaymentCorrectionPrompt() {
        check("payment-correction-prompt") { size in
            var state = SampleData.busyTheatre(size)
            SampleData.moveCursor(&state, to: "A1")
            _ = update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, PaymentCorrectionPromptTests.booking7))
            return state
        }
    }

    /// `X`, then `s`, on a booking of three seats, and a second seat typed: the seats to give
    /// back, and the refund they mean.
    func testSeatReturnPrompt() {
        check("seat-return-prompt") { size in
            var state = SeatReturnPromptTests.askedAboutThreeSeats(size)
            _ = update(&state, .key(.character("s")))
            for ch in " A3" { _ = update(&state, .key(.character(ch))) }
            return state
        }
    }

    /// The arena with a ten-seat hold (a run of eight seats and two more) while a long email
    /// is typed: the hold panel keeps its total in view ahead of the seat list, which writes the
    /// run as a range, and the prompt shows the end of the address, where the clerk is typing.
    func testALongHoldAndALongEmailKeepWhatMattersInView() {
        check("long-email", Self.longHoldAndLongEmail)
        check("long-email-ascii", Self.longHoldAndLongEmail, glyphs: .ascii)
    }

    static func longHoldAndLongEmail(_ size: ScreenSize) -> AppState {
        var state = SampleData.state(size)
        let arena = SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert")
        _ = update(&state, .mapLoaded(arena, clockOffset: 0))
        let labels = (1...8).map { "N1-A\($0)" } + ["N1-B5", "N1-B4"]
        let expires = SampleData.now.addingTimeInterval(110)
        _ = update(&state, .seatsChanged(showId: 2, SeatChanges(seats: labels.map { SampleData.seat(arena, $0, .reserved, booking: 9, expires: expires) },
                                                               cursor: ChangeCursor(snapshot: "101:101:"), databaseTime: SampleData.now)))
        _ = update(&state, .held(Hold(bookingId: 9, showId: 2, labels: labels, expiresAt: expires)))
        _ = update(&state, .key(.character("c")))
        for ch in "someone.with.a.rather.long.name.indeed@box-office.events.example-company.co.uk" { _ = update(&state, .key(.character(ch))) }
        return state
    }

    func testPromptsShowTheEndOfLongTextAndKeepTheirNote() {
        let state = SampleData.state(ScreenSize(width: 41, height: 12))
        let painter = ScreenPainter(grid: CellGrid(size: state.size), state: state, options: RenderOptions(), timeZone: SampleData.utc)
        XCTAssertEqual(painter.promptLine("Email: ", "ann@example.com", note: "  bad"), "Email: ann@example.com_  bad")
        XCTAssertEqual(painter.promptLine("Email: ", "someone.with.a.long.name@example.com", note: "  bad"),
                       "Email: …th.a.long.name@example.com_  bad", "the end, where the clerk types, stays in view")
        XCTAssertEqual(painter.promptLine("Email: ", "someone.with.a.long.name@example.com", note: "  a note far too long to leave room"),
                       "Email: …g.name@example.com_  a note far…", "the typed text keeps 20 columns")
        XCTAssertEqual(painter.promptLine("Filter: ", "東京公演東京公演東京公演東京公演東京公演", note: " "),
                       "Filter: …公演東京公演東京公演東京公演_ ", "never half a wide character")
        XCTAssertEqual(painter.clipKeepingEnd("東京公演", 4), "…演", "a wide character that does not fit is left out whole")
    }

    func testTheNewShowFormShowsTheEndOfTheFieldBeingTyped() {
        var state = Self.newShowForm(ScreenSize(width: 80, height: 24), typing: ["The Nutcracker: Christmas Eve matinee with the youth orchestra"])
        let focused = render(state, timeZone: SampleData.utc).text
        XCTAssertTrue(focused.contains("Name            …nee with the youth orchestra_ "), focused)
        _ = update(&state, .key(.tab))
        let left = render(state, timeZone: SampleData.utc).text
        XCTAssertTrue(left.contains("The Nutcracker: Christmas Eve…"), "a field not being typed in shows its start\n\(left)")
    }

    func testNewShowFormValidatesInPlace() {
        check("new-show") { Self.newShowForm($0, typing: ["Gala", "tomorrow", "500", "900"]) }
    }

    /// An empty show list with the new-show form open, `fields` typed into it in turn (Tab
    /// between them).
    static func newShowForm(_ size: ScreenSize, typing fields: [String]) -> AppState {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded([]))
        _ = update(&state, .key(.character("n")))
        for (i, field) in fields.enumerated() {
            if i > 0 { _ = update(&state, .key(.tab)) }
            for ch in field { _ = update(&state, .key(.character(ch))) }
        }
        return state
    }

    /// A layout file the engine refuses brings the form back as typed, with the whole reason
    /// and its advice over two lines.
    func testNewShowFormShowsAWholeRefusal() {
        check("new-show-refused") { size in
            var state = Self.newShowForm(size, typing: ["Panto", "2026-12-24T14:00", "", "", "", "/srv/venues/panto-stalls-and-circle.layout"])
            _ = update(&state, .key(.enter))
            _ = update(&state, .failed(.invalidInput("Layout line 2: unknown category \"X\" in row A; declare it first with `category X PRICE NAME`")))
            return state
        }
    }

    /// A show that started more than 12 hours ago says, before the clerk tries, that its seats
    /// no longer sell; one that started 11 hours ago (a late sale) does not.
    func testAShowPastItsSalesSaysSoInTheTitleAndThePanel() {
        func screen(startedHoursAgo hours: Double) -> String {
            var state = SampleData.state(ScreenSize(width: 80, height: 24))
            let plan = try! LayoutParser.parse(SampleVenues.theatre)
            let show = ShowSummary(showId: 1, name: "The Seagull", startsAt: SampleData.now.addingTimeInterval(-hours * 3600),
                                   createdAt: SampleData.now, totalSeats: 200, available: 200, reserved: 0, booked: 0)
            _ = update(&state, .mapLoaded(SeatMap(show: show, categories: plan.categories, seats: plan.availableSeatStates(),
                                                  cursor: ChangeCursor(snapshot: "100:100:"), databaseTime: SampleData.now),
                                          clockOffset: 0))
            _ = update(&state, .key(.right))
            _ = update(&state, .key(.character(" ")))
            return render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
        }
        let closed = screen(startedHoursAgo: 13)
        XCTAssertTrue(closed.contains("Sales for this show are closed: it started more than 12 hours ago."), closed)
        XCTAssertFalse(closed.contains("Selected 1"), "nothing to select on a show past its sales")
        XCTAssertTrue(closed.contains(" modex · The Seagull · Mon 30 Nov 22:30 · sales closed "), closed)
        XCTAssertTrue(closed.contains("Sales closed: the show started more than 12 hours ago."), closed)
        var list = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&list, .showsLoaded([
            ShowSummary(showId: 1, name: "Tonight", startsAt: SampleData.now.addingTimeInterval(-11 * 3600), createdAt: SampleData.now,
                        totalSeats: 10, available: 10, reserved: 0, booked: 0),
            ShowSummary(showId: 2, name: "Last night", startsAt: SampleData.now.addingTimeInterval(-13 * 3600), createdAt: SampleData.now,
                        totalSeats: 10, available: 10, reserved: 0, booked: 0)]))
        let rows = render(list, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.split(separator: "\n")
        XCTAssertTrue(rows.contains { $0.contains("10/10            Tonight ") && !$0.contains("closed") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.contains("10/10            Last night (sales closed)") }, rows.joined(separator: "\n"))
        let late = screen(startedHoursAgo: 11)
        XCTAssertFalse(late.contains("ales closed"), late)
        XCTAssertTrue(late.contains("Selected 1: total 65.00"), late)
        XCTAssertTrue(late.contains("No hold. Press Enter to hold the selected seats."), late)
    }

    func testOutageBannerAndWarningCountdown() {
        check("outage") { size in
            var state = SampleData.busyTheatre(size)
            _ = update(&state, .tick(SampleData.now.addingTimeInterval(70)))
            _ = update(&state, .connection(.unreachable("connection refused")))
            return state
        }
    }

    func testTooSmall() {
        let grid = render(AppState(operatorName: "x", now: SampleData.now, size: ScreenSize(width: 30, height: 8)))
        XCTAssertTrue(grid.text.contains("Terminal too small"))
        XCTAssertTrue(grid.text.contains("30x8, need 40x12"))
        XCTAssertTrue(grid.text.contains("Ctrl-C quits"))
    }

    /// Keys typed blind would select, hold or quit unseen: a terminal too small takes none but Ctrl-C.
    func testATerminalTooSmallTakesNoKeyButControlC() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        _ = update(&state, .resize(ScreenSize(width: 39, height: 24)))
        let before = state
        for key in [Key.character(" "), .enter, .character("x"), .character("q"), .escape, .right, .character("?")] {
            XCTAssertEqual(update(&state, .key(key)), [], "\(key)")
        }
        XCTAssertEqual(state, before)
        _ = update(&state, .resize(ScreenSize(width: 40, height: 12)))
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 9)], "taken again once it fits")
        _ = update(&state, .resize(ScreenSize(width: 80, height: 11)))
        XCTAssertEqual(update(&state, .key(.controlC)), [.release(bookingId: 9), .quit])
    }

    /// Show names in Japanese, with emoji or accents take their true width: the operator stays
    /// at the right edge, long names are clipped at the edge with an ellipsis, and an ASCII
    /// terminal gets one `?` per character it cannot show.
    static func wideNames(_ size: ScreenSize) -> AppState {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded([SampleData.show(1, "東京公演 🎭 Gala", seats: 200),
                                         SampleData.show(2, "Cafe\u{301} Ünïcødé and 中文 and a very long name that runs past the right edge 東京公演東京公演", seats: 20_000),
                                         SampleData.show(3, "The Seagull", seats: 200)]))
        return state
    }

    func testWideShowNamesInTheList() {
        check("wide-names-list", Self.wideNames)
        check("wide-names-list-ascii", Self.wideNames, glyphs: .ascii)
    }

    func testWideShowNameAboveTheSeatMap() {
        check("wide-names-map") { size in
            var state = SampleData.state(size)
            _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 1, name: "東京公演 🎭 Gala 東京公演 東京公演 東京公演 東京公演 東京公演 東京公演"), clockOffset: 0))
            return state
        }
    }

    /// A message too long for one line wraps onto a second, which takes the legend's row: the
    /// total at the end of a booking stays readable on an 80-column terminal, and the hold
    /// panel stays in view.
    func testALongMessageWrapsOntoTheLegendsRow() {
        check("long-message") { size in
            var state = SampleData.busyTheatre(size)
            state.message = StatusMessage("Booked A1 A2 A3 A4 A5 A6 A7 A8 A9 A10 (booking 123456), total 650.00, for "
                                          + "someone.with.a.rather.long.name@events.example-company.co.uk.")
            return state
        }
        check("long-outage") { size in
            var state = SampleData.state(size)
            _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200)]))
            _ = update(&state, .connection(.unreachable("connection to server on socket \"/var/lib/modex/run/.s.PGSQL.5432\" failed: "
                                                        + "No such file or directory. Is the server running locally and accepting connections on that socket? "
                                                        + "And this part is too much for two lines even on a terminal that is 120 columns wide, so it ends in an ellipsis.")))
            return state
        }
    }

    func testWrappingBreaksAtSpacesAndClipsTheRest() {
        let state = SampleData.state(ScreenSize(width: 21, height: 12))
        let painter = ScreenPainter(grid: CellGrid(size: state.size), state: state, options: RenderOptions(), timeZone: SampleData.utc)
        XCTAssertEqual(painter.wrapped("short"), ["short"])
        XCTAssertEqual(painter.wrapped("exactly twenty chars"), ["exactly twenty chars"])
        XCTAssertEqual(painter.wrapped("Booked A1 A2 A3 for fan@example.com"), ["Booked A1 A2 A3 for", "fan@example.com"])
        XCTAssertEqual(painter.wrapped("averyveryverylongwordindeed and more"), ["averyveryverylongwor", "dindeed and more"])
        XCTAssertEqual(painter.wrapped("one two three four five six seven eight nine"), ["one two three four", "five six seven eigh…"])
        XCTAssertEqual(painter.wrapped("東京公演 東京公演 東京公演 東京公演"), ["東京公演 東京公演", "東京公演 東京公演"])
        XCTAssertEqual(painter.wrapped("東京公演東京公演東京公演"), ["東京公演東京公演東京", "公演"], "never half a wide character")
    }
}

final class ShowTimeTextTests: XCTestCase {
    /// The hand-spelled dates read as DateFormatter's "EEE d MMM HH:mm" (plus the year outside
    /// this year) across two years, in zones with summer time.
    func testDatesReadAsTheFormatterWouldSpellThem() {
        for zone in ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata"] {
            let timeZone = TimeZone(identifier: zone)!
            let state = SampleData.state(ScreenSize(width: 80, height: 24))
            let painter = ScreenPainter(grid: CellGrid(size: state.size), state: state, options: RenderOptions(), timeZone: timeZone)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            for step in 0..<800 {
                let date = SampleData.now.addingTimeInterval(Double(step) * 86_400 * 0.93 - 300 * 86_400)
                let sameYear = calendar.component(.year, from: date) == calendar.component(.year, from: SampleData.now)
                formatter.dateFormat = sameYear ? "EEE d MMM HH:mm" : "EEE d MMM yyyy HH:mm"
                XCTAssertEqual(painter.date(date), formatter.string(from: date), "\(date) in \(zone)")
            }
        }
    }
}

