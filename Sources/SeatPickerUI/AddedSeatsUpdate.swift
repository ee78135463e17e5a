import SeatMapModel

/// Enter with a hold and more seats selected: the hold takes them ("and one for my friend"),
/// keeping its booking number and its time (`HoldService.add`).
func addSelection(_ map: inout SeatMapState, _ state: inout AppState, to hold: Hold) -> [Effect] {
    let extra = map.selection.compactMap(map.index(of:)).sorted().map { map.seats[$0].label }.filter { !hold.labels.contains($0) }
    guard !extra.isEmpty else {
        state.message = StatusMessage("Select more seats with Space to add them to your hold; c confirms it, x releases it.",
                                      isError: true)
        return []
    }
    let limit = state.holdPolicy.maxSeatsPerHold, total = hold.labels.count + extra.count
    guard total <= limit else {
        state.message = StatusMessage("A hold takes at most \(limit) seats: yours has \(hold.labels.count), "
            + "and \(map.seatList(extra)) would make \(total).", isError: true)
        return []
    }
    map.busy = true
    state.message = StatusMessage("Adding \(map.seatList(extra)) to your hold...")
    return [.addSeats(bookingId: hold.bookingId, labels: extra)]
}

/// The hold took the seats: the panel shows them all, at the hold's time, which is unchanged.
func seatsAdded(_ state: inout AppState, _ hold: Hold) -> [Effect] {
    guard case .seats(var map) = state.screen, let old = map.hold, old.bookingId == hold.bookingId else {
        if state.keptHolds[hold.showId]?.hold.bookingId == hold.bookingId { state.keptHolds[hold.showId]?.hold = hold }
        return []
    }
    map.busy = false
    let added = hold.labels.filter { !old.labels.contains($0) }
    let total = PriceCategory.priceText(cents: map.priceCents(of: hold.labels))
    let news = added.isEmpty ? "Your hold is" : "Added \(map.seatList(added)): your hold is"
    // The same booking, so nothing is given back.
    let effects = takeHold(&map, &state, hold, saying: "\(news) \(map.seatList(hold.labels)), total \(total).")
    state.screen = .seats(map)
    return effects
}

/// Seats the database has in this terminal's hold that the hold does not list: an addition
/// whose answer was lost went through (or a script added them). They are the hold's.
func adoptAddedSeats(_ map: inout SeatMapState, _ state: inout AppState) {
    guard !map.busy, let hold = map.hold else { return }
    let more = map.seats.filter { $0.bookingId == hold.bookingId && $0.status == .reserved && !hold.labels.contains($0.label) }
        .map(\.label)
    guard !more.isEmpty else { return }
    map.hold = Hold(bookingId: hold.bookingId, showId: hold.showId, labels: hold.labels + more, expiresAt: hold.expiresAt,
                    longestExpiry: hold.longestExpiry)
    map.selection.subtract(more)
    state.message = StatusMessage("\(map.seatList(more)) \(more.count == 1 ? "is" : "are") in your hold too (the answer had been lost): "
        + "your hold is \(map.seatList(hold.labels + more)).")
}
