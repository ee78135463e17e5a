import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A customer returns their tickets: `X` on a booked seat, the booking read and shown, `y`
/// cancels it and the seats are free again.
final class BookingCancellationTests: XCTestCase {
    /// The busy theatre (A1 booked by booking 7, this terminal holding C5 C6) with the cursor on A1.
    func theatreOnBookedSeat() -> AppState {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        SampleData.moveCursor(&state, to: "A1")
        return state
    }

    func map(_ state: AppState) -> SeatMapState? {
        if case .seats(let map) = state.screen { map } else { nil }
    }

    let booking7 = BookingLedger.Entry(
        booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1"], email: "ann@example.com",
                                operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                confirmedAt: SampleData.now),
        totalCents: 6_500)

    func screenText(_ state: AppState) -> String {
        render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
    }

    func testXReadsTheBookingThenYCancelsItAndFreesTheSeats() {
        var state = theatreOnBookedSeat()
        XCTAssertTrue(screenText(state).contains("Seat A1 · Premium stalls 65.00 · booked (booking 7: X cancels, p payment)"))
        XCTAssertEqual(update(&state, .key(.character("X"))), [.readBookingToCancel(showId: 1, bookingId: 7)])
        XCTAssertNil(state.prompt, "nothing is asked before the database says what the booking is")
        XCTAssertEqual(state.message?.text, "Reading booking 7...")

        XCTAssertEqual(update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7)), [])
        XCTAssertEqual(state.prompt, .cancelBooking(booking7))
        let asked = screenText(state).split(separator: "\n").suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(asked, ["Cancel booking 7: A1, 65.00, ann@example.com?", "y cancels it and frees its seats; n or Esc keeps it"])

        XCTAssertEqual(update(&state, .key(.character("y"))), [.cancelBooking(booking7)])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(map(state)?.busy, true)
        XCTAssertEqual(map(state)?.cancelling, 7)
        XCTAssertEqual(update(&state, .key(.character("X"))), [], "no second request while the first is unanswered")

        XCTAssertEqual(update(&state, .cancelled(booking7)), [])
        XCTAssertEqual(state.message, StatusMessage("Cancelled booking 7: A1 free again; refund 65.00 to ann@example.com."))
        let after = map(state)!
        XCTAssertFalse(after.busy)
        XCTAssertNil(after.cancelling)
        XCTAssertEqual(after.look(of: after.cursor, at: state.databaseNow), .available)
        XCTAssertEqual(after.hold?.bookingId, 9, "the clerk's own hold is untouched")
    }

    func testNOrEscKeepsTheBookingAndOtherKeysAreIgnored() {
        for keep in [Key.character("n"), .escape] {
            var state = theatreOnBookedSeat()
            _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
            for stray in [Key.character("x"), .enter, .character(" "), .character("q")] {
                XCTAssertEqual(update(&state, .key(stray)), [], "\(stray)")
                XCTAssertEqual(state.prompt, .cancelBooking(booking7), "\(stray) neither cancels nor closes the question")
            }
            XCTAssertEqual(update(&state, .key(keep)), [])
            XCTAssertNil(state.prompt)
            XCTAssertEqual(state.message?.text, "Booking 7 kept.")
            XCTAssertEqual(map(state).map { $0.look(of: $0.cursor, at: state.databaseNow) }, .booked)
        }
    }

    func testXOnASeatThatIsNotBookedSaysWhatItIsFor() {
        var state = theatreOnBookedSeat()
        for label in ["D7", "B3", "C5", "J1"] {   // selected, held elsewhere, in this hold, free
            SampleData.moveCursor(&state, to: label)
            XCTAssertEqual(update(&state, .key(.character("X"))), [], label)
            XCTAssertEqual(state.message, StatusMessage(
                "X cancels a booking: put the cursor on one of its seats first (b finds a booking by email).", isError: true))
        }
    }

    /// A clerk who is not a manager is told before asking the customer, not after.
    func testAClerkWhoMayNotCancelIsToldAtOnce() {
        var state = theatreOnBookedSeat()
        let why = "Only a manager can cancel booking 7, which dave sold; managers: alice"
        _ = update(&state, .lookupFailed(subject: "booking 7", .notAllowed(why)))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, StatusMessage(why, isError: true))
    }

    func testABookingCancelledElsewhereMeanwhileIsNotAskedAbout() {
        var state = theatreOnBookedSeat()
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, nil))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, StatusMessage(
            "Booking 7 is no longer a confirmed booking of this show: it was cancelled elsewhere.", isError: true))
    }

    /// The answer to the read comes after the clerk opened another prompt or left the show: the
    /// question is not put over what they are doing now.
    func testALateReadDoesNotInterrupt() {
        var state = theatreOnBookedSeat()
        _ = update(&state, .key(.character("g")))
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        XCTAssertEqual(state.prompt, .goToSeat(text: "", error: nil))
        XCTAssertEqual(state.message?.text, "Booking 7 was not cancelled; press X on its seats again to cancel it.")

        state = theatreOnBookedSeat()
        _ = update(&state, .key(.character("q")))
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        XCTAssertNil(state.prompt)
    }

    /// `y` while a hold is still unanswered waits, keeping the question, so the hold's answer
    /// still reaches the map that asked.
    func testYWaitsForARequestInFlight() {
        var state = theatreOnBookedSeat()
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        if case .seats(var m) = state.screen { m.busy = true; state.screen = .seats(m) }
        XCTAssertEqual(update(&state, .key(.character("y"))), [])
        XCTAssertEqual(state.prompt, .cancelBooking(booking7))
        XCTAssertEqual(state.message?.text, "Still waiting for the database to answer the last request; try again once it has.")
        let shown = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.split(separator: "\n").suffix(2)
        XCTAssertEqual(shown.first?.trimmingCharacters(in: .whitespaces),
                       "Booking 7: waiting for the database to answer the last request first...",
                       "the question says why y did nothing, since it hides the message line")
        if case .seats(var m) = state.screen { m.busy = false; state.screen = .seats(m) }
        XCTAssertEqual(update(&state, .key(.character("y"))), [.cancelBooking(booking7)])
    }

    func testARefusalIsSaidAndALostAnswerSaysTheMapWillTell() {
        var state = theatreOnBookedSeat()
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        _ = update(&state, .key(.character("y")))
        _ = update(&state, .cancelFailed(bookingId: 7, .wrongState("Cannot cancel booking 7: it was already cancelled")))
        XCTAssertEqual(state.message, StatusMessage("Cannot cancel booking 7: it was already cancelled", isError: true))
        XCTAssertEqual(map(state)?.busy, false)
        XCTAssertNil(map(state)?.cancelling)

        state = theatreOnBookedSeat()
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        _ = update(&state, .key(.character("y")))
        _ = update(&state, .connection(.unreachable("server closed the connection")))
        _ = update(&state, .cancelFailed(bookingId: 7, .databaseUnreachable("server closed the connection")))
        XCTAssertEqual(state.message, StatusMessage(
            "No answer came about cancelling booking 7; once the database is back, the map shows whether its seats are free.",
            isError: true))
        XCTAssertEqual(map(state)?.busy, false)
        XCTAssertEqual(update(&state, .connection(.online)), [.openShow(1)], "the map is read again")
    }

    /// A confirmation whose answer was lost is still in doubt when a cancellation of another
    /// booking fails: that hold may be a booking already, so it must not be called run out.
    func testAFailedCancellationLeavesAConfirmationInDoubtAlone() {
        var state = theatreOnBookedSeat()
        _ = update(&state, .key(.character("c")))
        for ch in "bob@example.com" { _ = update(&state, .key(.character(ch))) }
        XCTAssertEqual(update(&state, .key(.enter)), [], "asks how they paid")
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "bob@example.com", paidBy: .card)])
        _ = update(&state, .connection(.unreachable("server closed the connection")))
        _ = update(&state, .failed(.databaseUnreachable("server closed the connection")))
        _ = update(&state, .connection(.online))
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        XCTAssertEqual(update(&state, .key(.character("y"))), [.cancelBooking(booking7)])
        _ = update(&state, .cancelFailed(bookingId: 7, .busy("Seat A1 is busy in another terminal; try again")))
        XCTAssertEqual(state.message, StatusMessage("Seat A1 is busy in another terminal; try again", isError: true))
        XCTAssertEqual(map(state)?.confirming, 9, "the confirmation is still in doubt")
        XCTAssertEqual(map(state)?.hold?.bookingId, 9)
        XCTAssertEqual(map(state)?.busy, false)
    }

    /// Cancelled after the clerk left the map: the refund is still said.
    func testTheRefundIsSaidEvenOffTheMap() {
        var state = theatreOnBookedSeat()
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7))
        _ = update(&state, .key(.character("y")))
        if case .seats(var m) = state.screen { m.busy = false; state.screen = .seats(m) }   // as after an outage
        _ = update(&state, .key(.character("q")))
        _ = update(&state, .cancelled(booking7))
        XCTAssertEqual(state.message?.text, "Cancelled booking 7: A1 free again; refund 65.00 to ann@example.com.")
    }

    func testTheQuestionKeepsItsAnswersInViewWithALongEmail() {
        var state = theatreOnBookedSeat()
        let long = BookingLedger.Entry(
            booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1"],
                                    email: String(repeating: "a", count: 90) + "@example.com", operatorName: "boxoffice",
                                    createdAt: SampleData.now, expiresAt: SampleData.now, confirmedAt: SampleData.now),
            totalCents: 6_500)
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, long))
        let lines = screenText(state).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(lines[22].hasPrefix("Cancel booking 7: A1, 65.00, aaaa"))
        XCTAssertTrue(lines[22].trimmingCharacters(in: .whitespaces).hasSuffix("…"))
        XCTAssertEqual(lines[23].trimmingCharacters(in: .whitespaces), "y cancels it and frees its seats; n or Esc keeps it")
    }
}
