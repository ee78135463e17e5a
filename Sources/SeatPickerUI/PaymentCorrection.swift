import SeatMapModel

/// Correcting how a sale was paid, at the counter (the clerk pressed 1 for a card): `p` on one
/// of the booking's seats reads it as the database has it, the clerk sees how it is recorded,
/// and `1` or `2` records cash or card for the whole sale, so cashing up counts it right. The
/// database keeps each correction with who made it (`modex booking` lists them).

/// `p` on the map: reads the booking under the cursor, to ask how it was paid.
func askToCorrectPayment(_ map: SeatMapState, _ state: inout AppState) -> [Effect] {
    readBookingUnderCursor(map, &state, explanation: "p corrects how a booking was paid: put the cursor on one of its seats first",
                           Effect.readBookingToCorrectPayment)
}

/// The booking has been read: the clerk is asked how it was paid, unless they moved on.
func bookingToCorrectPaymentRead(_ state: inout AppState, showId: Int64, bookingId: Int64, _ entry: BookingLedger.Entry?) {
    askAboutReadBooking(&state, showId: showId, bookingId: bookingId, entry,
                        notAsked: "Booking \(bookingId)'s payment was not changed; press p on its seats again to change it.",
                        Prompt.correctPayment)
}

/// Keys while the clerk is asked how `entry` was paid: `1` cash, `2` card, `n` or Esc keeps
/// what is recorded; any other key is ignored, so a stray key neither changes nor loses it.
func answerCorrectPayment(_ state: inout AppState, _ entry: BookingLedger.Entry, _ key: Key) -> [Effect] {
    let id = entry.booking.bookingId
    let method: PaymentMethod
    switch key {
    case .character("1"): method = .cash
    case .character("2"): method = .card
    case .character("n"), .character("N"), .escape:
        state.prompt = nil
        state.message = StatusMessage("Booking \(id): payment unchanged.")
        return []
    default:
        return []
    }
    state.prompt = nil
    guard entry.booking.paidBy != method else {
        state.message = StatusMessage("Booking \(id) is already recorded as \(method.paidText); nothing changed.")
        return []
    }
    state.message = StatusMessage("Recording booking \(id) as \(method.paidText)...")
    return [.correctPayment(entry, to: method)]
}

/// The correction is recorded: the clerk is told what it was and what it is now. (`was` equals
/// `method` when another terminal made the same correction first.)
func paymentCorrected(_ state: inout AppState, _ entry: BookingLedger.Entry, to method: PaymentMethod, was: PaymentMethod?) {
    guard was != method else {
        state.message = StatusMessage("Booking \(entry.booking.bookingId) is already recorded as \(method.paidText); nothing changed.")
        return
    }
    let before = was.map { "was \($0.paidText)" } ?? "how it was paid had not been recorded"
    state.message = StatusMessage("Booking \(entry.booking.bookingId) is now \(method.paidText) (\(before)); "
        + "cashing up counts it so, and the change is kept with your name.")
}

/// The correction was refused (only the seller or a manager may), or its answer was lost.
func paymentCorrectionFailed(_ state: inout AppState, bookingId: Int64, _ error: BookingError) {
    if case .databaseUnreachable = error {
        state.message = StatusMessage("No answer came about booking \(bookingId)'s payment; once the database is back, "
            + "press p on its seats to see how it is recorded.", isError: true)
    } else {
        state.message = StatusMessage(error.message, isError: true)
    }
}

/// The two prompt lines asking how `entry` was paid: the booking (its email last, where a long
/// one is cut), then the answers, which are never cut.
func correctPaymentQuestion(_ entry: BookingLedger.Entry, seatList: String) -> [String] {
    let booking = entry.booking
    let recorded = booking.paidBy.map(\.paidText) ?? "payment not recorded"
    return ["Booking \(booking.bookingId): \(seatList), \(PriceCategory.priceText(cents: entry.totalCents)), \(recorded), "
                + "\(booking.email ?? "no email")",
            "How was it paid? 1 cash  2 card  (n or Esc keeps it)"]
}
