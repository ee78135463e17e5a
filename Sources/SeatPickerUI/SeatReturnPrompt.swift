import Foundation
import SeatMapModel

/// A customer gives back some of a booking's tickets and keeps the rest: `s`, in the question
/// `X` asks about a booking of several seats, asks which seats, typed as labels or ranges
/// ("A2 A3", "A2..A5"; the seat under the cursor filled in), and Enter gives them back in one
/// return, with one refund.
/// (`1` in that question gives back the seat under the cursor alone, without typing.)

/// `s` in the cancel question: which seats of `entry` to give back, starting from the seat under
/// the cursor when it is one of them. A booking of one seat has nothing to keep (`y` cancels it).
func askWhichSeatsToReturn(_ state: inout AppState, _ entry: BookingLedger.Entry) {
    guard entry.booking.seats.count > 1 else { return }
    state.prompt = .returnSeats(entry, text: returnableSeat(entry, state) ?? "", error: nil)
}

/// Keys while the clerk types the seats to give back: Enter gives back those typed, Esc keeps
/// the whole booking, and the rest edit the text.
func answerReturnSeats(_ state: inout AppState, _ entry: BookingLedger.Entry, typed text: String, _ key: Key) -> [Effect] {
    let id = entry.booking.bookingId
    switch key {
    case .escape:
        state.prompt = nil
        state.message = StatusMessage("Booking \(id) kept.")
    case .enter:
        switch seatsToReturn(typed: text, of: entry) {
        case .success(let labels):
            return startEnding(&state, entry, .returnSeats(entry, labels: labels),
                               saying: "Giving back \(state.seatList(labels, of: entry.booking.showId)) of booking \(id)...")
        case .failure(let refusal):
            state.prompt = .returnSeats(entry, text: text, error: refusal.reason)
        }
    default:
        if let edited = editPromptText(text, key) { state.prompt = .returnSeats(entry, text: edited, error: nil) }
    }
    return []
}

/// Why typed seats cannot be given back, said on the prompt's second line.
struct SeatReturnRefusal: Error, Equatable {
    let reason: String
}

/// The seats typed (labels apart by spaces or commas, in any case, and ranges within a row as
/// the prompt shows them: `C1..C3`, or `C1–C3`), in the booking's order, each once; refused when
/// none is typed or one is not the booking's. Every seat given back cancels the booking, which
/// the answer then says.
func seatsToReturn(typed text: String, of entry: BookingLedger.Entry) -> Result<[String], SeatReturnRefusal> {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.uppercased() }
    let seats = entry.booking.seats
    guard !words.isEmpty else {
        return .failure(SeatReturnRefusal(reason: "type the seats to give back, apart by spaces (\(seats.prefix(2).joined(separator: " ")))"))
    }
    func notTheBookings(_ label: String) -> SeatReturnRefusal {
        SeatReturnRefusal(reason: "\(label) is not a seat of booking \(entry.booking.bookingId); its seats are \(SeatLabelRange.listText(seats))")
    }
    let own = Set(seats)
    var typed = Set<String>()
    for word in words {
        switch SeatLabelRange.parse(word) {
        case nil:
            guard own.contains(word) else { return .failure(notTheBookings(word)) }
            typed.insert(word)
        case .failure(.notALabel(let text)):
            return .failure(notTheBookings(text))
        case .failure(.acrossRows):
            return .failure(SeatReturnRefusal(reason: "\(word) goes from one row to another; type each row's seats"))
        case .success(let range):
            // Seat by seat, so a long range stops at its first seat outside the booking.
            for label in range.labels {
                guard own.contains(label) else { return .failure(notTheBookings(label)) }
                typed.insert(label)
            }
        }
    }
    var once = Set<String>()
    return .success(seats.filter { typed.contains($0) && once.insert($0).inserted })
}

/// The second line under the typed seats: what Enter does with them, and the refund it means,
/// or why it cannot. `priceCents` prices seats by the map's categories, and `seatList` names
/// them as the map does (ranges); the longest wording that fits `width` is used.
func returnSeatsAnswer(_ entry: BookingLedger.Entry, typed text: String, error: String?, priceCents: ([String]) -> Int,
                       seatList: ([String]) -> String = { $0.joined(separator: " ") }, width: Int = .max) -> String {
    if let error { return error }
    guard case .success(let labels) = seatsToReturn(typed: text, of: entry) else {
        return "type the seats to give back; Enter gives them back, Esc keeps the booking"
    }
    let what = labels.count == entry.booking.seats.count ? "cancels the whole booking" : "gives back \(seatList(labels))"
    let answer = "Enter \(what): \(PriceCategory.refundText(cents: priceCents(labels), paidBy: entry.booking.paidBy))"
    let wordings = [answer + "; Esc keeps the booking", answer + "; Esc keeps it", answer]
    return wordings.first { $0.count <= width } ?? answer
}
