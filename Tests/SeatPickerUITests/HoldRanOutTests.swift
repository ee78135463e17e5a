import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A hold that runs out before it is confirmed: the customer is usually still at the counter,
/// so holding the same seats again takes one key, and the email typed for them is not lost.
final class HoldRanOutTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    func map(_ state: AppState) -> SeatMapState {
        guard case .seats(let m) = state.screen else { XCTFail("not on the seat map"); return SeatMapState(map: SampleData.map("category A 1 X\nA  A")) }
        return m
    }

    func type(_ state: inout AppState, _ text: String) {
        for ch in text { _ = update(&state, .key(.character(ch))) }
    }

    func testTheSeatsStaySelectedAndEnterHoldsThemAgain() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(map(state).selection, ["C5", "C6", "D7"])
        XCTAssertEqual(map(state).look(of: map(state).seats[map(state).index(of: "C5")!], at: state.databaseNow), .selected)
        XCTAssertTrue(render(state).text.contains("No hold. Press Enter to hold the selected seats."), render(state).text)
        XCTAssertEqual(update(&state, .key(.enter)), [.hold(showId: 1, labels: ["C5", "C6", "D7"])])
    }

    func testTheEmailBeingTypedIsKeptForTheNextHold() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        type(&state, "ann@exam")
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertNil(state.prompt, "no hold left to confirm")
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 ran out. The seats are still selected: press Enter to hold them again. The email typed is kept.", isError: true))

        _ = update(&state, .key(.enter))
        _ = update(&state, .held(Hold(bookingId: 12, showId: 1, labels: ["C5", "C6", "D7"], expiresAt: SampleData.now.addingTimeInterval(220))))
        _ = update(&state, .key(.character("c")))
        XCTAssertEqual(state.prompt, .email(text: "ann@exam", error: nil))
        type(&state, "ple.com")
        XCTAssertEqual(update(&state, .key(.enter)), [], "asks how they paid")
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 12, email: "ann@example.com", paidBy: .card)])
        _ = update(&state, .confirmed(BookingDetails(
            bookingId: 12, showId: 1, status: .confirmed, seats: ["C5", "C6", "D7"], email: "ann@example.com", operatorName: "clerk",
            createdAt: SampleData.now, expiresAt: SampleData.now.addingTimeInterval(220), confirmedAt: SampleData.now)))
        XCTAssertEqual(map(state).emailDraft, "", "a booked customer's email never reaches the next one")
    }

    func testAConfirmationRefusedAtTheLastSecondKeepsTheSeatsAndTheEmail() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        type(&state, "ann@example.com")
        XCTAssertEqual(update(&state, .key(.enter)), [], "asks how they paid")
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(94.5)))
        _ = update(&state, .failed(.wrongState("Cannot confirm booking 9: its hold ran out at 12:01:35; hold the seats again")))
        XCTAssertNil(map(state).hold)
        XCTAssertFalse(map(state).busy)
        XCTAssertEqual(map(state).selection, ["C5", "C6", "D7"])
        XCTAssertEqual(state.message?.text.hasSuffix("press Enter to hold them again. The email typed is kept."), true, state.message?.text ?? "")
        XCTAssertEqual(map(state).emailDraft, "ann@example.com")
    }

    func testAConfirmationInFlightAsTheCountdownEndsIsLeftToItsAnswer() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        type(&state, "ann@example.com")
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(94.5)))
        XCTAssertEqual(update(&state, .key(.enter)), [], "asks how they paid")
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertEqual(map(state).hold?.bookingId, 9, "the database may still have taken it in time")
        XCTAssertEqual(state.message?.text, "Booking C5 C6, paid by card, for ann@example.com...")
        _ = update(&state, .confirmed(BookingDetails(
            bookingId: 9, showId: 1, status: .confirmed, seats: ["C5", "C6"], email: "ann@example.com", operatorName: "clerk",
            createdAt: SampleData.now, expiresAt: SampleData.now.addingTimeInterval(95), confirmedAt: SampleData.now)))
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(map(state).selection, ["D7"], "booked seats are never left selected")
        XCTAssertEqual(state.message?.text.hasPrefix("Booked C5 C6 (booking 9)"), true, state.message?.text ?? "")
    }

    func testAReleaseRefusedBecauseTheHoldRanOutLeavesTheSeatsUnselected() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(94.5)))
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 9)])
        _ = update(&state, .releaseFailed(bookingId: 9, .wrongState("Cannot release booking 9: its hold ran out at 12:01:35; hold the seats again")))
        XCTAssertNil(map(state).hold)
        XCTAssertFalse(map(state).busy)
        XCTAssertEqual(map(state).selection, ["D7"], "the clerk wanted them given back")
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 had run out already; the seats are free again."))
    }

    func testEscapeKeepsTheEmailAndAReleaseForgetsIt() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        type(&state, "ann@ex")
        _ = update(&state, .key(.escape))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(update(&state, .key(.character("e"))), [.extend(bookingId: 9)], "Esc, then more time")
        _ = update(&state, .extended(bookingId: 9, expiresAt: SampleData.now.addingTimeInterval(155)))
        _ = update(&state, .key(.character("c")))
        XCTAssertEqual(state.prompt, .email(text: "ann@ex", error: nil))
        _ = update(&state, .key(.escape))
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 9)])
        _ = update(&state, .released(bookingId: 9))
        XCTAssertEqual(map(state).emailDraft, "")
        XCTAssertEqual(map(state).selection, ["D7"], "released on purpose: not selected again")
    }

    func testALapsedHoldOnASelectedSeatIsNoNewsOfAnotherTerminal() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        state.message = nil
        // The change feed brings C5 as it was before the lapse (reserved by booking 9, ended).
        let theatre = SampleData.map(SampleVenues.theatre)
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(
            seats: [SampleData.seat(theatre, "C5", .reserved, booking: 9, expires: SampleData.now.addingTimeInterval(95))],
            cursor: ChangeCursor(snapshot: "300:300:"), databaseTime: SampleData.now.addingTimeInterval(96))))
        XCTAssertEqual(map(state).selection, ["C5", "C6", "D7"])
        XCTAssertNil(state.message)
        // A seat another terminal now holds is taken, as before.
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(
            seats: [SampleData.seat(theatre, "C6", .reserved, booking: 13, expires: SampleData.now.addingTimeInterval(200))],
            cursor: ChangeCursor(snapshot: "301:301:"), databaseTime: SampleData.now.addingTimeInterval(96))))
        XCTAssertEqual(map(state).selection, ["C5", "D7"])
        XCTAssertEqual(state.message, StatusMessage("C6 was just taken by another terminal", isError: true))
    }
}
