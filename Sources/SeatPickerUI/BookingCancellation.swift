import SeatMapModel

/// Cancelling a confirmed booking at the counter (a customer returns their tickets): `X` on one
/// of its seats reads the booking as the database has it, the clerk sees whose it is, which
/// seats and what it cost, and `y` cancels it. The seats are free again at once.

/// `X` on the map: reads the booking under the cursor, to ask about it.
func askToCancelBooking(_ map: SeatMapState, _ state: inout AppState) -> [Effect] {
    readBookingUnderCursor(map, &state, explanation: "X cancels a booking: put the cursor on one of its seats first",
                           Effect.readBookingToCancel)
}

/// The booking to cancel has been read: the clerk is asked, unless they moved on meanwhile.
func bookingToCancelRead(_ state: inout AppState, showId: Int64, bookingId: Int64, _ entry: BookingLedger.Entry?) {
    askAboutReadBooking(&state, showId: showId, bookingId: bookingId, entry,
                        notAsked: "Booking \(bookingId) was not cancelled; press X on its seats again to cancel it.",
                        Prompt.cancelBooking)
}

/// Keys while the clerk is asked whether to cancel `entry`: `y` cancels it, `1` gives back only
/// the seat under the cursor and `s` asks which seats to give back (when the booking has others
/// to keep), `n` or Esc keeps it, and any other key is ignored, so a stray key neither cancels
/// nor loses the question.
func answerCancelBooking(_ state: inout AppState, _ entry: BookingLedger.Entry, _ key: Key) -> [Effect] {
    let id = entry.booking.bookingId
    switch key {
    case .character("y"), .character("Y"):
        return startEnding(&state, entry, .cancelBooking(entry), saying: "Cancelling booking \(id)...")
    case .character("1"):
        guard let seat = returnableSeat(entry, state) else { break }
        return startEnding(&state, entry, .returnSeats(entry, labels: [seat]), saying: "Giving back \(seat) of booking \(id)...")
    case .character("s"), .character("S"):
        askWhichSeatsToReturn(&state, entry)
    case .character("n"), .character("N"), .escape:
        state.prompt = nil
        state.message = StatusMessage("Booking \(id) kept.")
    default:
        break
    }
    return []
}

/// The clerk said yes: `effect` cancels the booking or gives back some of its seats, unless the
/// map is waiting for an answer already.
func startEnding(_ state: inout AppState, _ entry: BookingLedger.Entry, _ effect: Effect, saying: String) -> [Effect] {
    guard case .seats(var map) = state.screen, map.show.showId == entry.booking.showId else {
        state.prompt = nil
        return []
    }
    guard !map.busy else {
        state.message = StatusMessage("Still waiting for the database to answer the last request; try again once it has.")
        // The typed seats' prompt hides messages: it says so on its own line, and keeps what was typed.
        if case .returnSeats(let asked, let text, _) = state.prompt {
            state.prompt = .returnSeats(asked, text: text, error: "still waiting for the database's last answer; Enter again once it has come")
        }
        return []
    }
    state.prompt = nil
    map.busy = true
    map.cancelling = entry.booking.bookingId
    state.screen = .seats(map)
    state.message = StatusMessage(saying)
    return [effect]
}

/// The seat under the cursor, when the customer may give back just it and keep the rest: one of
/// the booking's seats, in a booking of more than one. (The cursor may have moved while the
/// booking was read.)
func returnableSeat(_ entry: BookingLedger.Entry, _ state: AppState) -> String? {
    guard case .seats(let map) = state.screen, map.show.showId == entry.booking.showId, entry.booking.seats.count > 1,
          entry.booking.seats.contains(map.cursor.label) else { return nil }
    return map.cursor.label
}

/// Some of the booking's seats were given back (`returned` records them): they show free, and
/// the clerk is told which seats the customer keeps and what to refund, how and to whom. Given
/// every seat, the booking itself was cancelled.
func seatsGivenBack(_ state: inout AppState, from: BookingLedger.Entry, returned: BookingLedger.Entry) {
    let id = from.booking.bookingId
    guard returned.booking.bookingId != id else { return bookingCancelled(&state, returned) }
    let seats = showFreed(returned.booking.seats, of: from.booking.showId, &state)
    let kept = if case .seats(let map) = state.screen, map.show.showId == from.booking.showId {
        map.seats.filter { $0.bookingId == id && $0.status == .booked }.map(\.label)
    } else {
        from.booking.seats.filter { !returned.booking.seats.contains($0) }
    }
    state.message = StatusMessage("Booking \(id): \(seats) given back and free again; \(state.seatList(kept, of: from.booking.showId)) "
        + "\(kept.count == 1 ? "stays" : "stay") booked; \(returned.refundText).")
}

/// `labels`, freed by a cancellation or a return, show free on their show's map, which is no
/// longer waiting for that answer. Returns the seats as the answer names them.
private func showFreed(_ labels: [String], of showId: Int64, _ state: inout AppState) -> String {
    if case .seats(var map) = state.screen, map.show.showId == showId {
        map.busy = false
        map.cancelling = nil
        map.mark(labels, .available, booking: nil, expiresAt: nil)
        state.screen = .seats(map)
    }
    return state.seatList(labels, of: showId)
}

/// The booking is cancelled: its seats show free, and the clerk is told what to refund to whom.
/// Said even off the map, as a confirmation is.
func bookingCancelled(_ state: inout AppState, _ entry: BookingLedger.Entry) {
    let booking = entry.booking
    let seats = showFreed(booking.seats, of: booking.showId, &state)
    // The email, of any length, comes last, so it never hides the seats or the amount.
    state.message = StatusMessage("Cancelled booking \(booking.bookingId): \(seats) free again; \(entry.refundText).")
}

/// The cancellation was refused (another terminal cancelled it first, say), or its answer was
/// lost; the clerk's own hold and any confirmation in doubt are not affected.
func cancellationFailed(_ state: inout AppState, bookingId: Int64, _ error: BookingError) {
    if case .seats(var map) = state.screen, map.cancelling == bookingId {
        map.busy = false
        map.cancelling = nil
        state.screen = .seats(map)
    }
    if case .databaseUnreachable = error {
        state.message = StatusMessage("No answer came about cancelling booking \(bookingId); once the database is back, "
            + "the map shows whether its seats are free.", isError: true)
    } else {
        state.message = StatusMessage(error.message, isError: true)
    }
}

/// The two prompt lines asking about `entry`: the booking (its email last, where a long one is
/// cut), then the answers, which are never cut: the longest wording that fits `width` columns.
/// `returnable` is the seat that `1` gives back alone, with its price; a booking of several
/// seats also offers `s`, to give back some of them.
func cancelQuestion(_ entry: BookingLedger.Entry, seatList: String, returnable: (label: String, cents: Int)? = nil,
                    width: Int = .max) -> [String] {
    let booking = entry.booking
    let keeps = ["n or Esc keeps it", "n keeps it"]
    let answers: [String] = if let seat = returnable {
        keeps.flatMap { keep in
            ["y cancels all of it; 1 gives back only \(seat.label) (\(PriceCategory.priceText(cents: seat.cents))); s some seats; \(keep)",
             "y cancels all; 1 gives back only \(seat.label) (\(PriceCategory.priceText(cents: seat.cents))); s some seats; \(keep)"]
        }
    } else if booking.seats.count > 1 {
        ["y cancels all of it; s gives back some seats; n or Esc keeps it"]
    } else {
        ["y cancels it and frees its seats; n or Esc keeps it"]
    }
    return ["Cancel booking \(booking.bookingId): \(seatList), \(PriceCategory.priceText(cents: entry.totalCents, paidBy: booking.paidBy)), "
                + "\(booking.email ?? "no email")?",
            answers.first { $0.count <= width } ?? answers[answers.count - 1]]
}
