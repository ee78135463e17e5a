import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// "Find booking" on the map: a customer at the counter asks which seats they booked.
final class BookingSearchTests: XCTestCase {
    func theatre() -> AppState {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        return state
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { update(&state, .key(.character($0))) }
    }

    func entry(_ id: Int64, _ seats: [String], _ email: String, cents: Int, show: Int64 = 1, paidBy: PaymentMethod? = nil) -> BookingLedger.Entry {
        BookingLedger.Entry(booking: BookingDetails(bookingId: id, showId: show, status: .confirmed, seats: seats, email: email,
                                                    operatorName: "boxoffice", createdAt: SampleData.now,
                                                    expiresAt: SampleData.now, confirmedAt: SampleData.now, paidBy: paidBy),
                            totalCents: cents)
    }

    /// A customer asking for a refund: the line found says how they paid, as the cancel question
    /// will; a booking whose payment was not recorded says nothing of it.
    func testAFoundBookingSaysHowItWasPaid() {
        var state = theatre()
        _ = update(&state, .bookingsFound(showId: 1, query: "ann", [entry(7, ["C5"], "ann@example.com", cents: 6_500, paidBy: .card),
                                                                     entry(8, ["D1"], "ann@example.org", cents: 6_500)]))
        XCTAssertEqual(state.message?.text, "booking 7, C5, 65.00 paid by card, ann@example.com; booking 8, D1, 65.00, ann@example.org")
    }

    func cursorLabel(_ state: AppState) -> String? {
        guard case .seats(let map) = state.screen else { return nil }
        return map.cursor.label
    }

    func testTheClerkTypesPartOfAnEmailAndTheCursorGoesToTheSeats() {
        var state = theatre()
        _ = update(&state, .key(.character("b")))
        XCTAssertEqual(state.prompt, .findBooking(text: "", error: nil))
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(state.prompt, .findBooking(text: "", error: "type part of the customer's email, or a booking number"))
        _ = type(&state, " ann ")
        XCTAssertEqual(update(&state, .key(.enter)), [.findBookings(showId: 1, query: "ann")])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message?.text, "Looking for ann...")

        _ = update(&state, .bookingsFound(showId: 1, query: "ann", [entry(7, ["C6", "C5"], "ann@example.com", cents: 13_000)]))
        XCTAssertEqual(cursorLabel(state), "C5", "the first seat of the booking")
        XCTAssertEqual(state.message, StatusMessage("booking 7, C5 C6, 130.00, ann@example.com"))
        XCTAssertTrue(render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .contains("Seat C5 · Premium stalls 65.00"), "the seat line names the seat found")
    }

    func testManyMatchesAreCountedAndNoneSaysSo() {
        var state = theatre()
        let found = (1...5).map { entry(Int64($0), ["J\($0)"], "fan\($0)@example.com", cents: 4_000) }
        _ = update(&state, .bookingsFound(showId: 1, query: "fan", found))
        XCTAssertEqual(state.message?.text, "booking 1, J1, 40.00, fan1@example.com; booking 2, J2, 40.00, fan2@example.com; "
                       + "booking 3, J3, 40.00, fan3@example.com; 2 more: type more of the email")
        _ = update(&state, .bookingsFound(showId: 1, query: "zed", []))
        XCTAssertEqual(state.message, StatusMessage("This show has no confirmed booking with an email containing \"zed\".", isError: true))
        _ = update(&state, .bookingsFound(showId: 1, query: "42", []))
        XCTAssertEqual(state.message?.text, "This show has no confirmed booking 42.")
    }

    /// A search that fails says so, and leaves alone a confirmation whose answer was lost: that
    /// booking may exist already, so its hold must not be called run out.
    func testAFailedSearchLeavesAConfirmationInDoubtAlone() {
        var state = theatre()
        _ = update(&state, .held(Hold(bookingId: 9, showId: 1, labels: ["C5"], expiresAt: SampleData.now.addingTimeInterval(100))))
        _ = update(&state, .key(.character("c")))
        _ = type(&state, "ann@example.com")
        XCTAssertEqual(update(&state, .key(.enter)), [], "asks how they paid")
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
        _ = update(&state, .failed(.databaseUnreachable("server closed the connection")))
        _ = update(&state, .connection(.online))
        _ = update(&state, .lookupFailed(subject: "ann", .busy("canceling statement due to statement timeout")))
        XCTAssertEqual(state.message, StatusMessage("Could not look for ann: canceling statement due to statement timeout", isError: true))
        guard case .seats(let map) = state.screen else { return XCTFail("left the map") }
        XCTAssertEqual(map.confirming, 9, "the confirmation is still in doubt")
        XCTAssertEqual(map.hold?.bookingId, 9)
    }

    func testAnAnswerForAnotherShowIsIgnored() {
        var state = theatre()
        state.message = nil
        _ = update(&state, .bookingsFound(showId: 2, query: "ann", [entry(7, ["C5"], "ann@example.com", cents: 6_500)]))
        XCTAssertEqual(cursorLabel(state), "A1")
        XCTAssertNil(state.message)
        _ = update(&state, .key(.character("b")))
        _ = type(&state, "ann")
        _ = update(&state, .key(.escape))
        XCTAssertNil(state.prompt, "Esc closes the prompt")
    }

    /// On the show list, `b` looks through every coming show; the cursor goes to the show of the
    /// first booking found, and opening it puts the map's cursor on that booking's first seat.
    func testOnTheShowListTheBookingsShowIsFoundAndOpensAtItsSeats() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200),
                                         SampleData.show(2, "The Seagull, matinee", seats: 200)]))
        _ = update(&state, .key(.character("/")))
        _ = type(&state, "Demo")
        _ = update(&state, .key(.enter))
        _ = update(&state, .key(.character("b")))
        XCTAssertEqual(state.prompt, .findBooking(text: "", error: nil))
        _ = type(&state, "ann")
        XCTAssertTrue(render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .contains("Find booking in coming shows (email or number): ann_"))
        XCTAssertEqual(update(&state, .key(.enter)), [.findComingBookings(query: "ann")])

        let found = entry(7, ["C5", "C6"], "ann@example.com", cents: 13_000, show: 2)
        let big = entry(3, ["A4", "A1", "A3", "A2", "B9"], "joanne@example.com", cents: 32_500)
        _ = update(&state, .comingBookingsFound(query: "ann", [found, big]))
        XCTAssertEqual(state.message?.text, "Enter opens show 2 at booking 7; booking 7 (show 2, The Seagull, matinee): C5 C6, 130.00, "
                       + "ann@example.com; booking 3 (show 1, Demo theatre: The Seagull): A1..A4 B9, 325.00, joanne@example.com",
                       "without a map, a row's run of seats still reads as a range")
        guard case .shows(let list) = state.screen else { return XCTFail("left the list") }
        XCTAssertEqual(list.filter, "", "the filter that hid the show is cleared")
        XCTAssertEqual(list.showAtCursor, 2)
        XCTAssertEqual(update(&state, .key(.enter)), [.openShow(2)])
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 2, name: "The Seagull, matinee"), clockOffset: 0))
        XCTAssertEqual(cursorLabel(state), "C5", "the map opens at the booking's first seat")
        XCTAssertNil(state.seatToOpenAt)

        // Another show opened later opens at its first seat as usual.
        _ = update(&state, .key(.character("q")))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 2, name: "The Seagull, matinee"), clockOffset: 0))
        XCTAssertEqual(cursorLabel(state), "A1")
    }

    /// A booking of a show created elsewhere since the list was read: Enter would open another
    /// show, so the message does not promise it.
    func testOnTheShowListABookingOfAShowNotListedYetSaysSo() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200)]))
        _ = update(&state, .comingBookingsFound(query: "ann", [entry(7, ["C5"], "ann@example.com", cents: 6_500, show: 9)]))
        XCTAssertEqual(state.message?.text, "Show 9 is not in this list yet (r reads it again); "
                       + "booking 7 (show 9, a show not in this list yet): C5, 65.00, ann@example.com")
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200), SampleData.show(9, "New", seats: 10)]))
        XCTAssertEqual(update(&state, .key(.enter)), [.openShow(1)], "the cursor stayed where it was")
    }

    func testOnTheShowListNoneFoundSaysSoAndALateAnswerIsIgnored() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .showsLoaded([SampleData.show(1, "Demo theatre: The Seagull", seats: 200)]))
        _ = update(&state, .comingBookingsFound(query: "zed", []))
        XCTAssertEqual(state.message, StatusMessage("No coming show has a confirmed booking with an email containing \"zed\".", isError: true))
        _ = update(&state, .comingBookingsFound(query: "42", []))
        XCTAssertEqual(state.message?.text, "No coming show has a confirmed booking 42.")

        state = theatre()
        state.message = nil
        _ = update(&state, .comingBookingsFound(query: "ann", [entry(7, ["C5"], "ann@example.com", cents: 6_500)]))
        XCTAssertNil(state.message, "the clerk opened a show meanwhile")
        XCTAssertNil(state.seatToOpenAt)
    }
}
