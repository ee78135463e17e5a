import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A clerk holding seats goes back to the list (to look at another night for the same
/// customer) and opens the show again: the hold is theirs to confirm, not "held elsewhere".
final class KeptHoldTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    private func map(_ state: AppState) -> SeatMapState? {
        if case .seats(let m) = state.screen { m } else { nil }
    }

    /// The theatre as the database reads it again, with `changes` applied (C5 C6 still held by
    /// booking 9, unless the test says otherwise).
    private func theatre(_ changes: [(String, SeatStatus, Int64?, Date?)] = [
        ("C5", .reserved, 9, SampleData.now.addingTimeInterval(95)), ("C6", .reserved, 9, SampleData.now.addingTimeInterval(95)),
    ]) -> SeatMap {
        let plain = SampleData.map(SampleVenues.theatre)
        let seats = plain.seats.map { seat in
            changes.first { $0.0 == seat.label }.map { seat.with(status: $0.1, bookingId: $0.2, holdExpiresAt: $0.3) } ?? seat
        }
        return SeatMap(show: plain.show, categories: plain.categories, seats: seats, cursor: plain.cursor, databaseTime: SampleData.now)
    }

    /// The busy theatre (holding C5 C6 as booking 9, the email half typed), left for the list.
    private func leftWithAHold() -> AppState {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "ann@exam" { _ = update(&state, .key(.character(ch))) }
        _ = update(&state, .key(.escape))
        XCTAssertEqual(update(&state, .key(.character("q"))), [.watch(nil), .loadShows])
        return state
    }

    func testTheHoldIsTheClerksAgainWhenTheShowIsOpenedAgain() throws {
        var state = leftWithAHold()
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 is kept: open the show again to confirm it."))
        XCTAssertEqual(state.keptHolds[1]?.hold.bookingId, 9)

        _ = update(&state, .tick(SampleData.now.addingTimeInterval(30)))
        _ = update(&state, .mapLoaded(theatre(), clockOffset: 0))
        let reopened = try XCTUnwrap(map(state))
        XCTAssertEqual(reopened.hold?.bookingId, 9)
        XCTAssertEqual(reopened.look(of: reopened.seats[reopened.index(of: "C5")!], at: state.databaseNow), .mine,
                       "not 'held elsewhere'")
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 is back: press c to confirm, x to release, e for more time."))
        XCTAssertEqual(reopened.cursor.label, "C5", "the map opens at the hold")
        XCTAssertTrue(state.keptHolds.isEmpty)
        XCTAssertTrue(render(state).text.contains("Your hold: 1:05 left"), render(state).text)

        _ = update(&state, .key(.character("c")))
        XCTAssertEqual(state.prompt, .email(text: "ann@exam", error: nil), "the email typed for it comes back too")
        _ = update(&state, .key(.escape))
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 9)])
    }

    /// Opened at a booking found from the list, the map keeps its cursor there.
    func testABookingFoundOpensTheMapAtTheBookingNotTheHold() throws {
        var state = leftWithAHold()
        state.seatToOpenAt = SeatPlace(showId: 1, label: "A1")
        _ = update(&state, .mapLoaded(theatre(), clockOffset: 0))
        XCTAssertEqual(map(state)?.cursor.label, "A1")
        XCTAssertEqual(map(state)?.hold?.bookingId, 9)
    }

    /// The show list marks the show with the kept hold, and counts it down, so the clerk finds
    /// the way back; a hold that ran out is no longer shown.
    func testTheListShowsWhereAHoldIsKept() throws {
        var state = leftWithAHold()
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200), SampleData.show(2, "Winter Concert", seats: 20_000)]))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(10)))
        let lines = render(state, timeZone: SampleData.utc).text.split(separator: "\n").map(String.init)
        let seagull = try XCTUnwrap(lines.first { $0.contains("The Seagull") })
        XCTAssertTrue(seagull.hasPrefix("◆ 1 "), seagull)
        XCTAssertTrue(seagull.hasSuffix("The Seagull · your hold 1:25") || seagull.contains("The Seagull · your hold 1:25 "), seagull)
        XCTAssertFalse(try XCTUnwrap(lines.first { $0.contains("Winter Concert") }).contains("your hold"))
        XCTAssertTrue(render(state, options: RenderOptions(glyphs: .ascii), timeZone: SampleData.utc).text.contains("The Seagull - your hold 1:25"))

        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertFalse(render(state, timeZone: SampleData.utc).text.contains("· your hold"))
    }

    /// On 80 columns a long show name gives way to the countdown, not the other way round.
    func testALongNameGivesWayToTheCountdown() throws {
        var state = leftWithAHold()
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull, with the long subtitle", seats: 200)]))
        let line = try XCTUnwrap(render(state, timeZone: SampleData.utc).text.split(separator: "\n").first { $0.hasPrefix("◆") })
        XCTAssertTrue(line.hasSuffix("Demo theatre: The S… · your hold 1:35"), String(line))
        XCTAssertEqual(line.count, 80)
    }

    func testAnotherShowOpenedMeanwhileLeavesTheHoldKept() throws {
        var state = leftWithAHold()
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert"), clockOffset: 0))
        XCTAssertNil(try XCTUnwrap(map(state)).hold)
        XCTAssertEqual(state.keptHolds[1]?.hold.labels, ["C5", "C6"])
        _ = update(&state, .key(.character("q")))
        _ = update(&state, .mapLoaded(theatre(), clockOffset: 0))
        XCTAssertEqual(map(state)?.hold?.bookingId, 9)
    }

    /// The clerk is told when a kept hold runs out, wherever they are, and it is forgotten.
    func testAKeptHoldThatRunsOutIsToldAndForgotten() throws {
        var state = leftWithAHold()
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(94)))
        XCTAssertEqual(state.keptHolds.count, 1)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 of The Seagull ran out; its seats are free again.", isError: true))
        XCTAssertTrue(state.keptHolds.isEmpty)
        _ = update(&state, .mapLoaded(theatre([]), clockOffset: 0))
        let reopened = try XCTUnwrap(map(state))
        XCTAssertNil(reopened.hold)
        XCTAssertEqual(reopened.selection, [], "its seats may be anyone's by now")
    }

    /// One that ran out between the last tick and the map's answer is only reported.
    func testAHoldThatRanOutJustBeforeTheMapOpensIsOnlyReported() throws {
        var state = leftWithAHold()
        state.now = SampleData.now.addingTimeInterval(100)
        _ = update(&state, .mapLoaded(theatre([]), clockOffset: 0))
        XCTAssertNil(try XCTUnwrap(map(state)).hold)
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 ran out after you left the show.", isError: true))
        XCTAssertTrue(state.keptHolds.isEmpty)
    }

    func testAHoldBookedOrReleasedElsewhereMeanwhileSaysSo() {
        var state = leftWithAHold()
        _ = update(&state, .mapLoaded(theatre([("C5", .booked, 9, nil), ("C6", .booked, 9, nil)]), clockOffset: 0))
        XCTAssertNil(map(state)?.hold)
        XCTAssertEqual(state.message, StatusMessage("Booked C5 C6 (booking 9): the database has it as confirmed."))

        state = leftWithAHold()
        _ = update(&state, .mapLoaded(theatre([]), clockOffset: 0))
        XCTAssertNil(map(state)?.hold)
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 has ended: it was released outside this terminal.", isError: true))
    }

    /// Left with its confirmation unanswered, the hold may be a booking already: the map read
    /// afresh says which, so nothing is kept.
    func testAHoldWhoseConfirmationIsUnansweredIsNotKept() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "ann@example.com" { _ = update(&state, .key(.character(ch))) }
        _ = update(&state, .key(.enter))
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
        _ = update(&state, .failed(.databaseUnreachable("no answer")))
        _ = update(&state, .key(.character("q")))
        XCTAssertTrue(state.keptHolds.isEmpty)
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.hasPrefix("No answer came about booking 9 (C5 C6)") == true, state.message?.text ?? "")
    }
}
