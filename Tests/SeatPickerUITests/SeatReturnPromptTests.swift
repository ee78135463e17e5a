import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A customer gives back one ticket of several: `X` on that seat, then `1` gives back only it,
/// and the customer keeps the rest of the booking.
final class SeatReturnPromptTests: XCTestCase {
    static let theatre = SampleData.map(SampleVenues.theatre)

    /// Booking 7: A1 and A2, 130.00 paid by card.
    static let booking7 = BookingLedger.Entry(
        booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1", "A2"], email: "ann@example.com",
                                operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                confirmedAt: SampleData.now, paidBy: .card),
        totalCents: 13_000)

    /// What records A2 once given back.
    static let returnedA2 = BookingLedger.Entry(
        booking: BookingDetails(bookingId: 12, showId: 1, status: .cancelled, seats: ["A2"], email: "ann@example.com",
                                operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                confirmedAt: SampleData.now, endedAt: SampleData.now, endedBy: "boxoffice", paidBy: .card,
                                returnedFrom: 7),
        totalCents: 6_500)

    /// The busy theatre with booking 7 holding A1 and A2, the cursor on `seat`.
    func theatre(cursorOn seat: String) -> AppState {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(
            seats: [SampleData.seat(Self.theatre, "A2", .booked, booking: 7)],
            cursor: ChangeCursor(snapshot: "201:201:"), databaseTime: SampleData.now)))
        SampleData.moveCursor(&state, to: seat)
        return state
    }

    func map(_ state: AppState) -> SeatMapState? {
        if case .seats(let map) = state.screen { map } else { nil }
    }

    func question(_ state: AppState) -> [String] {
        render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .split(separator: "\n").suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testOneGivesBackOnlyTheSeatUnderTheCursor() {
        var state = theatre(cursorOn: "A2")
        XCTAssertEqual(update(&state, .key(.character("X"))), [.readBookingToCancel(showId: 1, bookingId: 7)])
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, Self.booking7))
        XCTAssertEqual(question(state), ["Cancel booking 7: A1 A2, 130.00 paid by card, ann@example.com?",
                                         "y cancels all; 1 gives back only A2 (65.00); s some seats; n or Esc keeps it"])

        XCTAssertEqual(update(&state, .key(.character("1"))), [.returnSeats(Self.booking7, labels: ["A2"])])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(map(state)?.busy, true)
        XCTAssertEqual(map(state)?.cancelling, 7)
        XCTAssertEqual(state.message?.text, "Giving back A2 of booking 7...")

        XCTAssertEqual(update(&state, .seatsReturned(from: Self.booking7, returned: Self.returnedA2)), [])
        let after = map(state)!
        XCTAssertFalse(after.busy)
        XCTAssertNil(after.cancelling)
        XCTAssertEqual(after.look(of: after.seats[after.index(of: "A2")!], at: state.databaseNow), .available)
        XCTAssertEqual(after.look(of: after.seats[after.index(of: "A1")!], at: state.databaseNow), .booked)
        XCTAssertEqual(state.message?.text, "Booking 7: A2 given back and free again; A1 stays booked; refund 65.00 by card to ann@example.com.")
    }

    /// The last seats given back cancel the booking: the answer reads as a cancellation.
    func testTheLastSeatGivenBackReadsAsACancellation() {
        var state = theatre(cursorOn: "A1")
        let whole = BookingLedger.Entry(
            booking: BookingDetails(bookingId: 7, showId: 1, status: .cancelled, seats: ["A1", "A2"], email: "ann@example.com",
                                    operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                    confirmedAt: SampleData.now, paidBy: .cash),
            totalCents: 13_000)
        _ = update(&state, .seatsReturned(from: Self.booking7, returned: whole))
        XCTAssertEqual(state.message?.text, "Cancelled booking 7: A1 A2 free again; refund 130.00 in cash to ann@example.com.")
    }

    func testNoSeatToGiveBackAloneWhenTheBookingHasOneOrTheCursorLeftIt() {
        var single = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))   // booking 7 is A1 alone there
        SampleData.moveCursor(&single, to: "A1")
        let alone = BookingLedger.Entry(booking: BookingDetails(
            bookingId: 7, showId: 1, status: .confirmed, seats: ["A1"], email: "ann@example.com", operatorName: "boxoffice",
            createdAt: SampleData.now, expiresAt: SampleData.now, confirmedAt: SampleData.now), totalCents: 6_500)
        _ = update(&single, .key(.character("X")))
        _ = update(&single, .bookingToCancel(showId: 1, bookingId: 7, alone))
        XCTAssertEqual(question(single).last, "y cancels it and frees its seats; n or Esc keeps it")
        XCTAssertEqual(update(&single, .key(.character("1"))), [], "nothing to keep")
        XCTAssertEqual(update(&single, .key(.character("s"))), [], "nothing to keep")
        XCTAssertEqual(single.prompt, .cancelBooking(alone))

        var moved = theatre(cursorOn: "A2")
        _ = update(&moved, .key(.character("X")))
        SampleData.moveCursor(&moved, to: "B1")   // while the booking was read
        _ = update(&moved, .bookingToCancel(showId: 1, bookingId: 7, Self.booking7))
        XCTAssertEqual(question(moved).last, "y cancels all of it; s gives back some seats; n or Esc keeps it")
        XCTAssertEqual(update(&moved, .key(.character("1"))), [])
        XCTAssertEqual(update(&moved, .key(.character("y"))), [.cancelBooking(Self.booking7)])
    }

    func testARefusedReturnSaysWhyAndFreesTheMap() {
        var state = theatre(cursorOn: "A2")
        _ = update(&state, .key(.character("X")))
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, Self.booking7))
        _ = update(&state, .key(.character("1")))
        _ = update(&state, .cancelFailed(bookingId: 7, .wrongState("Booking 7 has no seat A2 (its seats: A1)")))
        XCTAssertEqual(map(state)?.busy, false)
        XCTAssertNil(map(state)?.cancelling)
        XCTAssertEqual(state.message, StatusMessage("Booking 7 has no seat A2 (its seats: A1)", isError: true))
    }

    /// Booking 7 as A1, A2 and A3, 195.00 paid in cash.
    static let booking7OfThree = BookingLedger.Entry(
        booking: BookingDetails(bookingId: 7, showId: 1, status: .confirmed, seats: ["A1", "A2", "A3"], email: "ann@example.com",
                                operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                confirmedAt: SampleData.now, paidBy: .cash),
        totalCents: 19_500)

    /// The busy theatre with `booking7OfThree`, the cursor on A2 and `X`'s question asked.
    static func askedAboutThreeSeats(_ size: ScreenSize = ScreenSize(width: 80, height: 24)) -> AppState {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(
            seats: ["A2", "A3"].map { SampleData.seat(theatre, $0, .booked, booking: 7) },
            cursor: ChangeCursor(snapshot: "202:202:"), databaseTime: SampleData.now)))
        SampleData.moveCursor(&state, to: "A2")
        _ = update(&state, .key(.character("X")))
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 7, booking7OfThree))
        return state
    }

    func askedAboutThreeSeats() -> (AppState, BookingLedger.Entry) {
        (Self.askedAboutThreeSeats(), Self.booking7OfThree)
    }

    func type(_ text: String, _ state: inout AppState) {
        for ch in text { XCTAssertEqual(update(&state, .key(.character(ch))), []) }
    }

    /// Two tickets of three: `s`, the seat under the cursor is filled in, the clerk adds the
    /// other, sees the refund, and Enter gives both back in one return.
    func testSGivesBackTheSeatsTyped() {
        var (state, entry) = askedAboutThreeSeats()
        XCTAssertEqual(question(state).last, "y cancels all; 1 gives back only A2 (65.00); s some seats; n or Esc keeps it")
        XCTAssertEqual(update(&state, .key(.character("s"))), [])
        XCTAssertEqual(state.prompt, .returnSeats(entry, text: "A2", error: nil))
        XCTAssertEqual(question(state), ["Give back which seats of booking 7 (A1..A3)? A2_",
                                         "Enter gives back A2: refund 65.00 in cash; Esc keeps the booking"])
        type(" a3", &state)
        XCTAssertEqual(question(state).last, "Enter gives back A2 A3: refund 130.00 in cash; Esc keeps the booking")

        XCTAssertEqual(update(&state, .key(.enter)), [.returnSeats(entry, labels: ["A2", "A3"])])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(map(state)?.busy, true)
        XCTAssertEqual(map(state)?.cancelling, 7)
        XCTAssertEqual(state.message?.text, "Giving back A2 A3 of booking 7...")
    }

    func testTypedSeatsAreCheckedBeforeAnythingIsGivenBack() {
        var (state, entry) = askedAboutThreeSeats()
        _ = update(&state, .key(.character("s")))
        _ = update(&state, .key(.clearField))
        XCTAssertEqual(question(state).last, "type the seats to give back; Enter gives them back, Esc keeps the booking")
        XCTAssertEqual(update(&state, .key(.enter)), [], "nothing typed")
        XCTAssertEqual(state.prompt, .returnSeats(entry, text: "", error: "type the seats to give back, apart by spaces (A1 A2)"))

        type("A1,B9", &state)
        XCTAssertEqual(update(&state, .key(.enter)), [], "B9 is not the booking's")
        XCTAssertEqual(question(state).last, "B9 is not a seat of booking 7; its seats are A1..A3")
        XCTAssertEqual(map(state)?.busy, false)

        for _ in 0..<2 { _ = update(&state, .key(.backspace)) }
        type(" a2 a3 A1", &state)
        XCTAssertEqual(question(state).last, "Enter cancels the whole booking: refund 195.00 in cash; Esc keeps the booking")
        XCTAssertEqual(update(&state, .key(.enter)), [.returnSeats(entry, labels: ["A1", "A2", "A3"])], "each seat once, in order")
    }

    /// The prompt shows the booking's seats as ranges ("A1..A3"), so a range is typed the same
    /// way, with `..` or a dash, in either direction; each seat in it must be the booking's.
    func testRangesAreTypedAsThePromptShowsThem() {
        var (state, entry) = askedAboutThreeSeats()
        _ = update(&state, .key(.character("s")))
        _ = update(&state, .key(.clearField))
        type("a3..a2", &state)
        XCTAssertEqual(question(state).last, "Enter gives back A2 A3: refund 130.00 in cash; Esc keeps the booking")
        _ = update(&state, .key(.clearField))
        type("A1–A3", &state)
        XCTAssertEqual(question(state).last, "Enter cancels the whole booking: refund 195.00 in cash; Esc keeps the booking")

        for (typed, refusal) in [("A2..A4", "A4 is not a seat of booking 7; its seats are A1..A3"),
                                 ("A1..B2", "A1..B2 goes from one row to another; type each row's seats"),
                                 ("A1..", "A1.. is not a seat of booking 7; its seats are A1..A3"),
                                 ("A1..Q", "Q is not a seat of booking 7; its seats are A1..A3"),
                                 ("A1..A9999", "A4 is not a seat of booking 7; its seats are A1..A3")] {
            _ = update(&state, .key(.clearField))
            type(typed, &state)
            XCTAssertEqual(update(&state, .key(.enter)), [], typed)
            XCTAssertEqual(question(state).last, refusal, typed)
        }
        _ = update(&state, .key(.clearField))
        type("A1, A2–A3 a2", &state)
        XCTAssertEqual(update(&state, .key(.enter)), [.returnSeats(entry, labels: ["A1", "A2", "A3"])], "each seat once, in order")
    }

    /// Many seats typed read as the map's ranges, and the line's wording shortens to fit rather
    /// than lose the refund off its end.
    func testTheAnswerNamesRangesAndFitsTheLine() {
        let seats = (1...10).map { "E\($0)" }
        let booking11 = BookingLedger.Entry(
            booking: BookingDetails(bookingId: 11, showId: 1, status: .confirmed, seats: seats, email: "bob@example.com",
                                    operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                    confirmedAt: SampleData.now, paidBy: .cash),
            totalCents: 40_000)
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: seats.map { SampleData.seat(Self.theatre, $0, .booked, booking: 11) },
                                                                 cursor: ChangeCursor(snapshot: "202:202:"), databaseTime: SampleData.now)))
        SampleData.moveCursor(&state, to: "E3")
        _ = update(&state, .key(.character("X")))
        _ = update(&state, .bookingToCancel(showId: 1, bookingId: 11, booking11))
        _ = update(&state, .key(.character("s")))
        type("..e5 e9–e7", &state)
        XCTAssertEqual(question(state), ["Give back which seats of booking 11 (E1..E10)? E3..e5 e9–e7_",
                                         "Enter gives back E3..E5 E7..E9: refund 240.00 in cash; Esc keeps the booking"])
        let price = { (labels: [String]) in labels.count * 4_000 }
        XCTAssertEqual(returnSeatsAnswer(booking11, typed: "E3..E5 E7..E9", error: nil, priceCents: price, width: 72),
                       "Enter gives back E3 E4 E5 E7 E8 E9: refund 240.00 in cash; Esc keeps it")
        XCTAssertEqual(returnSeatsAnswer(booking11, typed: "E3..E5 E7..E9", error: nil, priceCents: price, width: 59),
                       "Enter gives back E3 E4 E5 E7 E8 E9: refund 240.00 in cash")
    }

    func testEnterWaitsForARequestInFlightAndSaysSo() {
        var (state, entry) = askedAboutThreeSeats()
        _ = update(&state, .key(.character("s")))
        if case .seats(var m) = state.screen { m.busy = true; state.screen = .seats(m) }
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(question(state).last, "still waiting for the database's last answer; Enter again once it has come")
        XCTAssertEqual(state.prompt, .returnSeats(entry, text: "A2", error: "still waiting for the database's last answer; Enter again once it has come"))
        if case .seats(var m) = state.screen { m.busy = false; state.screen = .seats(m) }
        XCTAssertEqual(update(&state, .key(.enter)), [.returnSeats(entry, labels: ["A2"])])
    }

    func testEscKeepsTheWholeBooking() {
        var (state, _) = askedAboutThreeSeats()
        _ = update(&state, .key(.character("S")))
        XCTAssertEqual(update(&state, .key(.escape)), [])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message?.text, "Booking 7 kept.")
        XCTAssertEqual(map(state)?.busy, false)
    }

    /// The answers are never cut: on a narrow terminal, or with a long label and price, a
    /// shorter wording is used.
    func testTheAnswersFitTheLine() {
        let entry = Self.booking7
        for width in [79, 70, 60] {
            let answers = cancelQuestion(entry, seatList: "N1-A10 N1-A11", returnable: ("N1-A10", 123_400), width: width)[1]
            XCTAssertTrue(answers.hasPrefix("y cancels all"), answers)
            XCTAssertTrue(answers.contains("s some seats"), answers)
            if width >= 79 { XCTAssertLessThanOrEqual(answers.count, width, answers) }
        }
        XCTAssertEqual(cancelQuestion(entry, seatList: "", returnable: ("N1-A10", 123_400), width: 79)[1],
                       "y cancels all; 1 gives back only N1-A10 (1,234.00); s some seats; n keeps it")
        XCTAssertEqual(cancelQuestion(entry, seatList: "", returnable: ("A2", 6_500), width: 100)[1],
                       "y cancels all of it; 1 gives back only A2 (65.00); s some seats; n or Esc keeps it")
    }
}
