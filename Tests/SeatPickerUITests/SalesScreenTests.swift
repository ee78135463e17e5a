import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// `s` on the show list: the day's takings per operator, for a clerk cashing up at a kiosk that
/// has no shell to run `modex sales` from.
final class SalesScreenTests: XCTestCase {
    static let lines = [
        SalesReport.Line(operatorName: "alice", sold: .init(bookings: 3, seats: 6, cents: 15_000, cashCents: 10_000, cardCents: 5_000)),
        SalesReport.Line(operatorName: "bob", sold: .init(bookings: 1, seats: 1, cents: 2_500, cardCents: 2_500),
                         refunded: .init(bookings: 1, seats: 3, cents: 7_500, cashCents: 7_500)),
    ]

    static func listWithSales(_ size: ScreenSize) -> AppState {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200)]))
        _ = update(&state, .key(.character("s")))
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, lines))
        return state
    }

    func testSReadsTheSalesAndAnyKeyClosesThemWithoutActing() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200)]))
        XCTAssertEqual(update(&state, .key(.character("s"))), [.loadSales(daysBeforeToday: 0)])
        XCTAssertEqual(state.message?.text, "Reading today's sales...")
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, Self.lines))
        XCTAssertNil(state.message)
        XCTAssertEqual(state.salesShown, SalesOverview(day: "2026-12-01", daysBeforeToday: 0, lines: Self.lines))
        let screen = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
        XCTAssertTrue(screen.contains(" Sales today, 2026-12-01 (← → other days, any other key closes) "), screen)
        XCTAssertTrue(screen.contains("bob           1   25.00     75.00  -50.00  -75.00  25.00"), screen)
        XCTAssertTrue(screen.contains("Total         7  175.00     75.00  100.00   25.00  75.00"), screen)
        XCTAssertEqual(update(&state, .key(.character("q"))), [], "the key closes the screen and does nothing else")
        XCTAssertNil(state.salesShown)
        XCTAssertFalse(state.quitting)
    }

    /// A clerk cashing up after midnight: the evening's sales are yesterday's, one key away.
    func testTheArrowsStepBetweenDaysAndStopAtToday() {
        var state = Self.listWithSales(ScreenSize(width: 80, height: 24))
        XCTAssertEqual(update(&state, .key(.left)), [.loadSales(daysBeforeToday: 1)])
        XCTAssertEqual(state.message?.text, "Reading the sales of 2026-11-30...")
        XCTAssertNotNil(state.salesShown, "today's stay on screen until the day before's arrive")
        _ = update(&state, .salesLoaded(day: "2026-11-30", daysBeforeToday: 1, []))
        XCTAssertNil(state.message)
        var screen: String { render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text }
        XCTAssertTrue(screen.contains(" Sales yesterday, 2026-11-30 (← → other days, any other key closes) "), screen)
        XCTAssertTrue(screen.contains("│ Nothing was sold or refunded."), screen)

        XCTAssertEqual(update(&state, .key(.character("h"))), [.loadSales(daysBeforeToday: 2)])
        _ = update(&state, .salesLoaded(day: "2026-11-29", daysBeforeToday: 2, Self.lines))
        XCTAssertTrue(screen.contains(" Sales on 2026-11-29 ("), screen)
        XCTAssertEqual(update(&state, .key(.right)), [.loadSales(daysBeforeToday: 1)])
        XCTAssertEqual(state.message?.text, "Reading the sales of 2026-11-30...")
        _ = update(&state, .salesLoaded(day: "2026-11-30", daysBeforeToday: 1, []))
        XCTAssertEqual(update(&state, .key(.character("l"))), [.loadSales(daysBeforeToday: 0)])
        XCTAssertEqual(state.message?.text, "Reading today's sales...")
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, Self.lines))
        XCTAssertNil(state.message)

        XCTAssertEqual(update(&state, .key(.right)), [], "no sales to read after today")
        XCTAssertEqual(state.message?.text, "These are today's sales; there are none later.")
        XCTAssertNotNil(state.salesShown)
        XCTAssertEqual(update(&state, .key(.enter)), [], "any other key closes, and does nothing else")
        XCTAssertNil(state.salesShown)
        XCTAssertNil(state.message)
    }

    /// The day before is named from the day shown; a day the picker cannot read is still left
    /// for the database thread to work out, and the message does not claim it is today.
    func testADayThatCannotBeReadIsStillSteppedFrom() {
        var state = Self.listWithSales(ScreenSize(width: 80, height: 24))
        state.salesShown?.day = "1 December"
        XCTAssertEqual(update(&state, .key(.left)), [.loadSales(daysBeforeToday: 1)])
        XCTAssertEqual(state.message?.text, "Reading the day's sales...")
        _ = update(&state, .salesLoaded(day: "2026-11-30", daysBeforeToday: 1, []))
        XCTAssertNil(state.message)
    }

    func testInASCIIThePageSaysLeftAndRight() {
        let state = Self.listWithSales(ScreenSize(width: 80, height: 24))
        let screen = render(state, options: RenderOptions(glyphs: .ascii, colour: false), timeZone: SampleData.utc).text
        XCTAssertTrue(screen.contains(" Sales today, 2026-12-01 (left/right other days, any other key closes) "), screen)
    }

    /// A day of big takings, some not said how they were paid: the full table is wider than an
    /// 80-column window, so columns are left out (and it says which) rather than Card cut.
    func testBigTakingsKeepCashAndCardWhole() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo arena", seats: 20_000)]))
        let big = SalesReport.Tally(bookings: 9_000, seats: 21_000, cents: 136_500_000, cashCents: 36_500_000, cardCents: 90_000_000)
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, [SalesReport.Line(operatorName: "alice", sold: big)]))
        let screen = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
        XCTAssertTrue(screen.contains("│ alice     1,365,000.00  1,365,000.00  365,000.00  900,000.00  100,000.00 │"), screen)
        XCTAssertTrue(screen.contains("│ Left out to fit: Seats, Refunded (a wider window shows them)."), screen)
    }

    func testALateAnswerDoesNotCoverWhatTheClerkIsDoing() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, Self.lines))
        XCTAssertNil(state.salesShown, "on a map")
        state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .key(.character("/")))
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, Self.lines))
        XCTAssertNil(state.salesShown, "typing a filter")
    }

    /// Found by the picker fuzz test: a show asked for before `s` opens while the sales are on
    /// screen; the map is not drawn under them.
    func testAShowOpeningClosesTheSales() {
        var state = Self.listWithSales(ScreenSize(width: 80, height: 24))
        XCTAssertNotNil(state.salesShown)
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        XCTAssertNil(state.salesShown)
        XCTAssertFalse(render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.contains("Sales on"))
    }

    func testAFailedReadSaysSo() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .lookupFailed(subject: "today's sales", .busy("canceling statement due to statement timeout")))
        XCTAssertEqual(state.message, StatusMessage("Could not look for today's sales: canceling statement due to statement timeout", isError: true))
    }

    func testManyOperatorsOnASmallScreenSayThereAreMore() {
        var state = SampleData.state(ScreenSize(width: 60, height: 14))
        let many = (1...20).map { SalesReport.Line(operatorName: "clerk\($0)", sold: .init(bookings: 1, seats: 1, cents: 100)) }
        _ = update(&state, .salesLoaded(day: "2026-12-01", daysBeforeToday: 0, many))
        let screen = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
        XCTAssertTrue(screen.contains("… more operators in a taller window"), screen)
        XCTAssertFalse(screen.contains("clerk20"), screen)
        let top = screen.split(separator: "\n").first { $0.contains("Sales today") }.map(String.init) ?? ""
        XCTAssertTrue(top.hasPrefix("┌─ Sales today, 2026-12-01 (← → other days, any other key…─┐"), "the title is cut inside the box: \(top)")
    }
}
