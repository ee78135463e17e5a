import SeatMapModel

/// The answer to "Find booking": the cursor goes to the first seat of the first booking found,
/// and the message says whose bookings they are, which seats and what they cost, so the clerk
/// can answer "which seats did I book?" at the counter.
func showFoundBookings(_ state: inout AppState, showId: Int64, query: String, _ found: [BookingLedger.Entry]) {
    guard case .seats(var map) = state.screen, map.show.showId == showId else { return }
    guard let first = found.first else {
        let what = Effect.bookingNumber(searchedFor: query) != nil ? "booking \(query)" : "booking with an email containing \"\(query)\""
        state.message = StatusMessage("This show has no confirmed \(what).", isError: true)
        return
    }
    if let index = first.booking.seats.compactMap(map.index(of:)).min() {
        map.cursorSeat = index
        state.screen = .seats(map)
    }
    let shown = 3
    let described = found.prefix(shown).map { entry in
        let b = entry.booking
        return "booking \(b.bookingId), \(map.seatList(b.seats, dash: "..")), \(PriceCategory.priceText(cents: entry.totalCents)), \(b.email ?? "")"
    }
    let more = found.count > shown ? "; \(found.count - shown) more: type more of the email" : ""
    state.message = StatusMessage(described.joined(separator: "; ") + more)
}

extension Effect {
    /// The booking number a "Find booking" query names (all digits), or nil for part of an email.
    public static func bookingNumber(searchedFor query: String) -> Int64? { Int64(query) }
}
