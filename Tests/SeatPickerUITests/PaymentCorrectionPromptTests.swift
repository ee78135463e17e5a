import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// The clerk pressed 1 for a card: `p` on one of the booking's seats reads it, shows how it is
/// recorded, and `1` or `2` corrects it for cashing up.
final class PaymentCorrectionPromptTests: XCTestCase {
    /// Booking 7: A1, 65.00, recorded as paid in cash.
    static let booking7 = BookingLedger.Entry(
        booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1"], email: "ann@example.com",
                                operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                confirmedAt: SampleData.now, paidBy: .cash),
        totalCents: 6_500)

    /// The busy theatre (A1 booked by booking 7, this terminal holding C5 C6), cursor on `seat`.
    func theatre(cursorOn seat: String = "A1") -> AppState {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        SampleData.moveCursor(&state, to: seat)
        return state
    }

    func question(_ state: AppState) -> [String] {
        render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .split(separator: "\n").suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testPReadsTheBookingThenTwoRecordsACardPayment() {
        var state = theatre()
        XCTAssertEqual(update(&state, .key(.character("p"))), [.readBookingToCorrectPayment(showId: 1, bookingId: 7)])
        XCTAssertNil(state.prompt, "nothing is asked before the database says how the booking was paid")
        XCTAssertEqual(state.message?.text, "Reading booking 7...")

        XCTAssertEqual(update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, Self.booking7)), [])
        XCTAssertEqual(state.prompt, .correctPayment(Self.booking7))
        XCTAssertEqual(question(state), ["Booking 7: A1, 65.00, paid in cash, ann@example.com",
                                         "How was it paid? 1 cash  2 card  (n or Esc keeps it)"])
        XCTAssertEqual(update(&state, .key(.character("x"))), [], "a stray key changes nothing")
        XCTAssertEqual(state.prompt, .correctPayment(Self.booking7), "and keeps the question")

        XCTAssertEqual(update(&state, .key(.character("2"))), [.correctPayment(Self.booking7, to: .card)])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message?.text, "Recording booking 7 as paid by card...")
        XCTAssertEqual(update(&state, .paymentCorrected(Self.booking7, to: .card, was: .cash)), [])
        XCTAssertEqual(state.message, StatusMessage(
            "Booking 7 is now paid by card (was paid in cash); cashing up counts it so, and the change is kept with your name."))
        if case .seats(let map) = state.screen {
            XCTAssertFalse(map.busy, "a correction never holds up the map")
            XCTAssertEqual(map.hold?.bookingId, 9, "the clerk's own hold is untouched")
        } else {
            XCTFail("still on the map")
        }
    }

    func testTheSameWayAgainOrNOrEscChangesNothing() {
        for key in [Key.character("1"), .character("n"), .escape] {
            var state = theatre()
            _ = update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, Self.booking7))
            XCTAssertEqual(update(&state, .key(key)), [], "\(key)")
            XCTAssertNil(state.prompt)
            XCTAssertEqual(state.message?.text, key == .character("1")
                ? "Booking 7 is already recorded as paid in cash; nothing changed." : "Booking 7: payment unchanged.")
        }
        var state = theatre()
        _ = update(&state, .paymentCorrected(Self.booking7, to: .cash, was: .cash))   // another terminal was first
        XCTAssertEqual(state.message?.text, "Booking 7 is already recorded as paid in cash; nothing changed.")
    }

    /// A booking confirmed without saying how it was paid (an older script) is asked about too.
    func testAPaymentNotRecordedIsAskedAboutAndRecorded() {
        var state = theatre()
        let entry = BookingLedger.Entry(
            booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1"], email: nil,
                                    operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                    confirmedAt: SampleData.now),
            totalCents: 6_500)
        _ = update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, entry))
        XCTAssertEqual(question(state).first, "Booking 7: A1, 65.00, payment not recorded, no email")
        XCTAssertEqual(update(&state, .key(.character("1"))), [.correctPayment(entry, to: .cash)])
        _ = update(&state, .paymentCorrected(entry, to: .cash, was: nil))
        XCTAssertEqual(state.message?.text, "Booking 7 is now paid in cash (how it was paid had not been recorded); "
            + "cashing up counts it so, and the change is kept with your name.")
    }

    func testPNeedsABookedSeatUnderTheCursor() {
        var state = theatre(cursorOn: "A2")
        XCTAssertEqual(update(&state, .key(.character("p"))), [])
        XCTAssertEqual(state.message, StatusMessage(
            "p corrects how a booking was paid: put the cursor on one of its seats first (b finds a booking by email).", isError: true))
    }

    /// Refusals (not the seller, not a manager) are said before the question; a booking gone
    /// meanwhile is not asked about; a late read does not interrupt another prompt.
    func testRefusalsAndLateOrStaleReads() {
        var state = theatre()
        let why = "Only a manager can change how booking 7 was paid, which dave sold; managers: alice"
        _ = update(&state, .lookupFailed(subject: "booking 7", .notAllowed(why)))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, StatusMessage(why, isError: true))

        state = theatre()
        _ = update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, nil))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, StatusMessage(
            "Booking 7 is no longer a confirmed booking of this show: it was cancelled elsewhere.", isError: true))

        state = theatre()
        _ = update(&state, .key(.character("g")))
        _ = update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, Self.booking7))
        XCTAssertEqual(state.prompt, .goToSeat(text: "", error: nil))
        XCTAssertEqual(state.message?.text, "Booking 7's payment was not changed; press p on its seats again to change it.")

        state = theatre()
        _ = update(&state, .key(.character("q")))
        _ = update(&state, .bookingToCorrectPayment(showId: 1, bookingId: 7, Self.booking7))
        XCTAssertNil(state.prompt, "not asked on the show list")
    }

    func testAFailedOrLostCorrectionIsSaid() {
        var state = theatre()
        _ = update(&state, .paymentCorrectionFailed(bookingId: 7, .wrongState("Booking 7 was never confirmed, so nothing was paid for it")))
        XCTAssertEqual(state.message, StatusMessage("Booking 7 was never confirmed, so nothing was paid for it", isError: true))

        state = theatre()
        _ = update(&state, .connection(.unreachable("server closed the connection")))
        _ = update(&state, .paymentCorrectionFailed(bookingId: 7, .databaseUnreachable("server closed the connection")))
        XCTAssertEqual(state.connection, .unreachable("server closed the connection"), "a lost answer proves nothing about the connection")
        XCTAssertEqual(state.message, StatusMessage(
            "No answer came about booking 7's payment; once the database is back, press p on its seats to see how it is recorded.",
            isError: true))
    }
}
