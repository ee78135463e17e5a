import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// This terminal's hold ends without an answer here (the answer was lost in an outage, or a
/// script confirmed or released it): the seats say what happened, and the hold panel follows.
final class HoldReconciliationTests: XCTestCase {
    let size = ScreenSize(width: 100, height: 30)
    let theatre = SampleData.map(SampleVenues.theatre)

    func hold(_ state: AppState) -> Hold? {
        guard case .seats(let map) = state.screen else { XCTFail("not on the seat map"); return nil }
        return map.hold
    }

    func changes(_ seats: [SeatState]) -> Msg {
        .seatsChanged(showId: 1, SeatChanges(seats: seats, cursor: ChangeCursor(snapshot: "200:200:"), databaseTime: SampleData.now))
    }

    /// C5 C6 confirmed for ann@example.com, and the answer lost in an outage.
    func confirmationWithLostAnswer() -> AppState {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "ann@example.com" { _ = update(&state, .key(.character(ch))) }
        XCTAssertEqual(update(&state, .key(.enter)), [], "asks how they paid")
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
        _ = update(&state, .connection(.unreachable("server closed the connection unexpectedly")))
        _ = update(&state, .failed(.databaseUnreachable("server closed the connection unexpectedly")))
        return state
    }

    func testAConfirmationWhoseAnswerWasLostShowsAsBookedAfterTheOutage() {
        var state = confirmationWithLostAnswer()
        XCTAssertEqual(hold(state)?.bookingId, 9, "no answer yet: the hold is still shown")
        XCTAssertEqual(update(&state, .connection(.online)), [.openShow(1)])

        // The confirmation had committed: the map read after the outage has C5 C6 booked by 9.
        var map = theatre
        map = SeatMap(show: map.show, categories: map.categories, seats: map.seats.map { seat in
            ["C5", "C6"].contains(seat.label) ? seat.with(status: .booked, bookingId: 9, holdExpiresAt: nil) : seat
        }, cursor: ChangeCursor(snapshot: "300:300:"), databaseTime: SampleData.now)
        _ = update(&state, .mapLoaded(map, clockOffset: 0))
        XCTAssertNil(hold(state))
        XCTAssertEqual(state.message, StatusMessage("Booked C5 C6 (booking 9): the database has it as confirmed."))
        XCTAssertFalse(render(state).text.contains("Your hold"), render(state).text)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(200)))
        XCTAssertFalse(state.message?.text.contains("ran out") ?? false, "a booked hold is never reported as run out")
    }

    /// A confirmation whose answer was lost, the outage lasting until `seconds` (the hold's
    /// countdown ends at 95 s), and the database back.
    func lostConfirmation(outageUntil seconds: TimeInterval) -> AppState {
        var state = confirmationWithLostAnswer()
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(seconds)))
        XCTAssertEqual(update(&state, .connection(.online)), [.openShow(1)])
        return state
    }

    func mapWith(_ status: SeatStatus, booking: Int64?, expires: Date? = nil) -> SeatMap {
        SeatMap(show: theatre.show, categories: theatre.categories, seats: theatre.seats.map { seat in
            ["C5", "C6"].contains(seat.label) ? seat.with(status: status, bookingId: booking, holdExpiresAt: expires) : seat
        }, cursor: ChangeCursor(snapshot: "300:300:"), databaseTime: SampleData.now)
    }

    func testALostConfirmationIsNotCalledRunOutBeforeTheDatabaseSays() {
        var state = lostConfirmation(outageUntil: 120)
        XCTAssertEqual(hold(state)?.bookingId, 9, "past the countdown, but it may be a booking")
        XCTAssertTrue(render(state).text.contains("Your hold: confirmation not answered yet"), render(state).text)
        XCTAssertFalse(state.message?.text.contains("ran out") ?? false, state.message?.text ?? "")
        _ = update(&state, .mapLoaded(mapWith(.booked, booking: 9), clockOffset: 0))
        XCTAssertNil(hold(state))
        XCTAssertEqual(state.message, StatusMessage("Booked C5 C6 (booking 9): the database has it as confirmed."))
        guard case .seats(let map) = state.screen else { return XCTFail("not on the seat map") }
        XCTAssertEqual(map.selection, ["D7"])
        XCTAssertNil(map.confirming)
    }

    func testALostConfirmationThatDidNotGoThroughRanOutOnceTheDatabaseSaysSo() {
        var state = lostConfirmation(outageUntil: 120)
        _ = update(&state, .mapLoaded(mapWith(.available, booking: nil), clockOffset: 0))
        XCTAssertNil(hold(state))
        XCTAssertEqual(state.message?.text.hasPrefix("Your hold on C5 C6 ran out."), true, state.message?.text ?? "")
        guard case .seats(let map) = state.screen else { return XCTFail("not on the seat map") }
        XCTAssertEqual(map.selection, ["C5", "C6", "D7"])
        XCTAssertEqual(map.emailDraft, "ann@example.com")
    }

    func testALostConfirmationOfAHoldStillPendingCanBeSentAgain() {
        var state = lostConfirmation(outageUntil: 30)
        _ = update(&state, .mapLoaded(mapWith(.reserved, booking: 9, expires: SampleData.now.addingTimeInterval(95)), clockOffset: 0))
        XCTAssertEqual(hold(state)?.bookingId, 9)
        XCTAssertEqual(state.message, StatusMessage("Booking 9 (C5 C6) was not confirmed: no answer came before the outage. Press c to confirm it again.", isError: true))
        _ = update(&state, .key(.character("c")))
        XCTAssertEqual(state.prompt, .email(text: "ann@example.com", error: nil))
        // Its countdown runs out as any other's.
        _ = update(&state, .key(.escape))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertEqual(state.message?.text.hasPrefix("Your hold on C5 C6 ran out."), true, state.message?.text ?? "")
    }

    func testAfterALostConfirmationIsReleasedTheNextHoldRunsOutAsAnyOther() {
        // Released while still in doubt, before the map is read again.
        var state = lostConfirmation(outageUntil: 30)
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 9)])
        _ = update(&state, .released(bookingId: 9))
        XCTAssertEqual(update(&state, .key(.enter)), [.hold(showId: 1, labels: ["D7"])])
        _ = update(&state, .held(Hold(bookingId: 14, showId: 1, labels: ["D7"], expiresAt: SampleData.now.addingTimeInterval(150))))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(151)))
        XCTAssertNil(hold(state))
        XCTAssertEqual(state.message?.text.hasPrefix("Your hold on D7 ran out."), true, state.message?.text ?? "")
    }

    func testLeavingWithAConfirmationUnansweredSaysHowToFindOut() {
        var state = lostConfirmation(outageUntil: 30)
        XCTAssertEqual(update(&state, .key(.character("q"))), [.watch(nil), .loadShows])
        XCTAssertEqual(state.message, StatusMessage("No answer came about booking 9 (C5 C6); open the show again to see whether it was booked.", isError: true))
    }

    /// After leaving with a confirmation unanswered, the show opened again names the booking of
    /// each booked seat under the cursor.
    func testTheSeatLineNamesTheBookingOfABookedSeat() {
        var state = SampleData.state(size)
        _ = update(&state, .mapLoaded(mapWith(.booked, booking: 9), clockOffset: 0))
        _ = update(&state, .key(.character("g")))
        for key in [Key.character("c"), .character("5"), .enter] { _ = update(&state, .key(key)) }
        XCTAssertTrue(render(state).text.contains("Seat C5 · Premium stalls 65.00 · booked (booking 9: X cancels, p payment)"), render(state).text)
        var busy = SampleData.busyTheatre(size)
        _ = update(&busy, .key(.up))
        _ = update(&busy, .key(.up))
        XCTAssertTrue(render(busy).text.contains("Seat B7 · Premium stalls 65.00"), render(busy).text)
        for _ in 0..<4 { _ = update(&busy, .key(.left)) }
        XCTAssertTrue(render(busy).text.contains("Seat B3 · Premium stalls 65.00 · held elsewhere"), render(busy).text)
    }

    func testAHoldReleasedByAScriptLeavesThePanel() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        _ = update(&state, changes([SampleData.seat(theatre, "C5", .available), SampleData.seat(theatre, "C6", .available)]))
        XCTAssertNil(hold(state))
        XCTAssertNil(state.prompt, "the email prompt for the ended hold is closed")
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 has ended: it was released outside this terminal.", isError: true))
        XCTAssertEqual(SeatMapState.isTaken(SampleData.seat(theatre, "C5", .available), at: SampleData.now), false)
        guard case .seats(let map) = state.screen else { return XCTFail("not on the seat map") }
        XCTAssertEqual(map.selection, ["D7"], "a hold released elsewhere is not picked up again")
    }

    func testAHoldTheSweepEndedAtItsTimeIsSaidToHaveRunOut() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(94.5)))
        XCTAssertNotNil(hold(state), "half a second left by this terminal's clock")
        _ = update(&state, changes([SampleData.seat(theatre, "C5", .available), SampleData.seat(theatre, "C6", .available)]))
        XCTAssertNil(hold(state))
        XCTAssertEqual(state.message?.text.hasPrefix("Your hold on C5 C6 ran out."), true, state.message?.text ?? "")
    }

    func testWhileARequestIsInFlightItsAnswerSaysWhatHappened() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "ann@example.com" { _ = update(&state, .key(.character(ch))) }
        _ = update(&state, .key(.enter))
        _ = update(&state, .key(.character("1")))
        // The change feed can bring the booked seats before the answer to the confirmation.
        _ = update(&state, changes([SampleData.seat(theatre, "C5", .booked, booking: 9), SampleData.seat(theatre, "C6", .booked, booking: 9)]))
        XCTAssertEqual(hold(state)?.bookingId, 9)
        XCTAssertEqual(state.message?.text, "Booking C5 C6, paid in cash, for ann@example.com...")
        // Its own seats reserved by the hold are no reason to drop it either.
        var other = SampleData.busyTheatre(size)
        _ = update(&other, changes([SampleData.seat(theatre, "C5", .reserved, booking: 9, expires: SampleData.now.addingTimeInterval(95))]))
        XCTAssertEqual(hold(other)?.bookingId, 9)
    }
}
