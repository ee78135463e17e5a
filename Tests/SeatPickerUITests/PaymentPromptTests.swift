import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// Confirming asks how the customer paid once their email is accepted (1 cash, 2 card), and the
/// answers say it, so that cashing up knows what should be in the drawer.
final class PaymentPromptTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    func map(_ state: AppState) -> SeatMapState? {
        if case .seats(let map) = state.screen { map } else { nil }
    }

    func statusLine(_ state: AppState) -> String {
        render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// The busy theatre (this terminal holding C5 C6, booking 9) asked how they paid for ann.
    func askedHowTheyPaid() -> AppState {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "ann@example.com" { _ = update(&state, .key(.character(ch))) }
        XCTAssertEqual(update(&state, .key(.enter)), [], "nothing is booked before the clerk says how they paid")
        return state
    }

    func testAfterTheEmailTheClerkSaysHowTheyPaid() {
        var state = askedHowTheyPaid()
        XCTAssertEqual(state.prompt, .payment(email: "ann@example.com"))
        XCTAssertEqual(statusLine(state), "How was 130.00 paid? 1 cash  2 card  (Esc: back to the email)  ann@example.com")
        for stray in [Key.enter, .character("c"), .character("3"), .character("y"), .backspace] {
            XCTAssertEqual(update(&state, .key(stray)), [], "\(stray) neither books nor loses the question")
            XCTAssertEqual(state.prompt, .payment(email: "ann@example.com"))
        }
        XCTAssertEqual(map(state)?.busy, false)

        XCTAssertEqual(update(&state, .key(.character("1"))), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .cash)])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(map(state)?.busy, true)
        XCTAssertEqual(map(state)?.confirming, 9)
        XCTAssertEqual(state.message?.text, "Booking C5 C6, paid in cash, for ann@example.com...")

        _ = update(&state, .confirmed(BookingDetails(
            bookingId: 9, showId: 1, status: .confirmed, seats: ["C5", "C6"], email: "ann@example.com", operatorName: "boxoffice",
            createdAt: SampleData.now, expiresAt: SampleData.now.addingTimeInterval(95), confirmedAt: SampleData.now, paidBy: .cash)))
        XCTAssertEqual(state.message?.text, "Booked C5 C6 (booking 9), total 130.00 paid in cash, for ann@example.com.")
    }

    /// The email is checked here before it is booked, so a long one is not cut to make room.
    func testALongEmailHasALineOfItsOwn() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "jonathan.smith-jones@example-company.co.uk" { _ = update(&state, .key(.character(ch))) }
        _ = update(&state, .key(.enter))
        let lines = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .split(separator: "\n").suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines, ["How was 130.00 paid? 1 cash  2 card  (Esc: back to the email)",
                               "for jonathan.smith-jones@example-company.co.uk"])
    }

    func testEscGoesBackToTheEmailToCorrectIt() {
        var state = askedHowTheyPaid()
        XCTAssertEqual(update(&state, .key(.escape)), [])
        XCTAssertEqual(state.prompt, .email(text: "ann@example.com", error: nil))
        for _ in 0..<3 { _ = update(&state, .key(.backspace)) }
        for ch in "org" { _ = update(&state, .key(.character(ch))) }
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(update(&state, .key(.character("2"))), [.confirm(bookingId: 9, email: "ann@example.org", paidBy: .card)])
    }

    /// A hold that runs out while the clerk is asked keeps the email for the next hold, as it
    /// does while the email is typed; a hold ended elsewhere closes the question.
    func testTheQuestionGoesWithTheHold() {
        var state = askedHowTheyPaid()
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(96)))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(map(state)?.emailDraft, "ann@example.com")
        XCTAssertEqual(state.message?.text.hasSuffix("The email typed is kept."), true, state.message?.text ?? "")

        var released = askedHowTheyPaid()
        let theatre = SampleData.map(SampleVenues.theatre)
        _ = update(&released, .seatsChanged(showId: 1, SeatChanges(
            seats: [SampleData.seat(theatre, "C5", .available), SampleData.seat(theatre, "C6", .available)],
            cursor: ChangeCursor(snapshot: "200:200:"), databaseTime: SampleData.now)))
        XCTAssertNil(released.prompt)
        XCTAssertEqual(update(&released, .key(.character("1"))), [], "no confirmation of a hold that is gone")
    }

    /// Found by the picker fuzz: an answer that ends the hold (a release, or a confirmation the
    /// clerk did not just make) used to leave the question open over a hold that was gone.
    func testAnAnswerThatEndsTheHoldClosesTheQuestion() {
        var released = askedHowTheyPaid()
        _ = update(&released, .released(bookingId: 9))
        XCTAssertNil(released.prompt)
        XCTAssertNil(map(released)?.hold)

        var confirmed = askedHowTheyPaid()
        _ = update(&confirmed, .confirmed(BookingDetails(
            bookingId: 9, showId: 1, status: .confirmed, seats: ["C5", "C6"], email: "bob@example.com", operatorName: "boxoffice",
            createdAt: SampleData.now, expiresAt: SampleData.now.addingTimeInterval(95), confirmedAt: SampleData.now)))
        XCTAssertNil(confirmed.prompt)
        XCTAssertEqual(confirmed.message?.text, "Booked C5 C6 (booking 9), total 130.00, for bob@example.com.")
    }

    func testReturnsSayHowTheMoneyGoesBack() {
        let entry = { (paid: PaymentMethod?) in
            BookingLedger.Entry(booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1"], email: "ann@example.com",
                                                        operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                                        confirmedAt: SampleData.now, paidBy: paid),
                                totalCents: 6_500)
        }
        XCTAssertEqual(cancelQuestion(entry(.card), seatList: "A1").first, "Cancel booking 7: A1, 65.00 paid by card, ann@example.com?")
        XCTAssertEqual(cancelQuestion(entry(nil), seatList: "A1").first, "Cancel booking 7: A1, 65.00, ann@example.com?")
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .cancelled(entry(.cash)))
        XCTAssertEqual(state.message?.text, "Cancelled booking 7: A1 free again; refund 65.00 in cash to ann@example.com.")
    }
}
