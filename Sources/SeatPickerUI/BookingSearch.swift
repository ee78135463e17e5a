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
    state.message = StatusMessage(describeFound(found) { b, total in "booking \(b.bookingId), \(map.seatList(b.seats)), \(total)" })
}

/// The answer to "Find booking" on the show list, for a customer who does not remember which
/// night they booked: the cursor goes to the show of the first booking found, and opening that
/// show puts the map's cursor on the booking's first seat.
func showFoundComingBookings(_ state: inout AppState, query: String, _ found: [BookingLedger.Entry]) {
    guard case .shows(var list) = state.screen else { return }
    guard let first = found.first else {
        let what = Effect.bookingNumber(searchedFor: query) != nil ? "has a confirmed booking \(query)"
            : "has a confirmed booking with an email containing \"\(query)\""
        state.message = StatusMessage("No coming show \(what).", isError: true)
        return
    }
    let showId = first.booking.showId
    if !list.visible.contains(where: { $0.showId == showId }) { list.filter = "" }   // the filter would hide it
    list.putCursor(on: showId)
    state.screen = .shows(list)
    state.seatToOpenAt = first.booking.seats.first.map { SeatPlace(showId: showId, label: $0) }
    let described = describeFound(found) { b, total in
        let name = list.shows.first { $0.showId == b.showId }?.name ?? "a show not in this list yet"
        return "booking \(b.bookingId) (show \(b.showId), \(name)): \(SeatLabelRange.listText(b.seats)), \(total)"
    }
    let next = list.showAtCursor == showId ? "Enter opens show \(showId) at booking \(first.booking.bookingId)"
        : "Show \(showId) is not in this list yet (r reads it again)"
    state.message = StatusMessage(next + "; " + described)
}

/// Up to three found bookings, each as `describe` names it and its seats followed by its total,
/// how it was paid (when recorded) and email, then how many more there are.
private func describeFound(_ found: [BookingLedger.Entry], _ describe: (BookingDetails, String) -> String) -> String {
    let shown = 3
    let described = found.prefix(shown).map { entry in
        describe(entry.booking, PriceCategory.priceText(cents: entry.totalCents, paidBy: entry.booking.paidBy)) + ", \(entry.booking.email ?? "")"
    }
    let more = found.count > shown ? "; \(found.count - shown) more: type more of the email" : ""
    return described.joined(separator: "; ") + more
}

extension Effect {
    /// The booking number a "Find booking" query names (all digits), or nil for part of an email.
    public static func bookingNumber(searchedFor query: String) -> Int64? { Int64(query) }
}
