import SeatMapModel

// A hold request whose answer was lost may still have gone through. The database worker asks
// what became of it (`LostHoldOutcome`); meanwhile its seats are "in doubt", and the change
// feed showing them held is not news of another terminal.

/// Makes `hold` this terminal's hold. If it already had another (one that went through after
/// its answer was lost), that one is given back rather than left blocking its seats unseen.
func takeHold(_ map: inout SeatMapState, _ state: inout AppState, _ hold: Hold, saying text: String) -> [Effect] {
    var effects: [Effect] = []
    var note = ""
    if let old = map.hold, old.bookingId != hold.bookingId {
        map.givingBack.insert(old.bookingId)
        effects = [.release(bookingId: old.bookingId)]
        note = " Releasing \(map.seatList(old.labels)), which was held late."
    }
    map.hold = hold
    if map.confirming != hold.bookingId { map.confirming = nil }
    map.mark(hold.labels, .reserved, booking: hold.bookingId, expiresAt: hold.expiresAt)
    map.selection.subtract(hold.labels)
    map.holdsInDoubt.subtract(hold.labels)
    state.message = StatusMessage("\(text) Press c to confirm, x to release, e for more time.\(note)")
    return effects
}

/// The answer to holding `labels` was lost: nothing is known to be held, and the request is
/// no longer in flight.
func holdWentInDoubt(_ state: inout AppState, showId: Int64, labels: [String]) {
    guard case .seats(var map) = state.screen, map.show.showId == showId else { return }
    map.busy = false
    map.holdsInDoubt.formUnion(labels)
    state.screen = .seats(map)
    state.message = StatusMessage("No answer came about \(map.seatList(labels)); checking whether they were held for you...")
}

/// Releases `hold`, which the clerk no longer wants (another show's map, the list, other
/// seats), saying "Releasing A1: `why`". On a map its answer is then not taken for the answer
/// to the clerk's own request.
func giveBack(_ state: inout AppState, _ hold: Hold, saying why: String) -> [Effect] {
    if case .seats(var map) = state.screen {
        map.givingBack.insert(hold.bookingId)
        state.screen = .seats(map)
    }
    state.message = StatusMessage("Releasing \(state.seatList(hold.labels, of: hold.showId)): \(why).")
    return [.release(bookingId: hold.bookingId)]
}

/// A release failed. Giving back a late hold is not what the clerk waits for, so it neither
/// ends the wait nor passes for the answer; the hold then runs out by itself.
func releaseFailed(_ state: inout AppState, _ id: Int64, _ error: BookingError) -> [Effect] {
    guard case .seats(var map) = state.screen, map.givingBack.remove(id) != nil else {
        // The clerk's own release, refused because the hold ran out meanwhile: what they wanted
        // has happened, so the seats are not offered to be held again.
        if case .wrongState = error, case .seats(var map) = state.screen, let hold = map.hold, hold.bookingId == id,
           state.hasRunOut(hold, within: 1) {
            map.busy = false
            dropOwnHold(&map, &state, saying: StatusMessage("Your hold on \(map.seatList(hold.labels)) had run out already; the seats are free again."))
            state.screen = .seats(map)
            return []
        }
        return update(&state, .failed(error))
    }
    state.screen = .seats(map)
    state.message = StatusMessage("Could not release the hold that went through late (booking \(id)): \(error.message). "
        + "Its seats come free when it runs out.", isError: true)
    return []
}

/// A hold whose answer was lost went through: it is this terminal's, unless the clerk has
/// moved on (another show, another hold, or deselected some of its seats), and then it is
/// given back.
func lostHoldWentThrough(_ state: inout AppState, _ hold: Hold) -> [Effect] {
    guard case .seats(var map) = state.screen, map.show.showId == hold.showId else {
        return giveBack(&state, hold, saying: "that hold went through after you left the show")
    }
    map.holdsInDoubt.subtract(hold.labels)
    state.screen = .seats(map)
    if map.hold?.bookingId == hold.bookingId { return [] }
    if map.hold != nil { return giveBack(&state, hold, saying: "that hold went through after all, but you hold other seats now") }
    let deselected = hold.labels.filter { !map.selection.contains($0) }
    if !deselected.isEmpty {
        return giveBack(&state, hold, saying: "that hold went through after all, but you had deselected "
            + "\(map.seatList(deselected)) meanwhile")
    }
    let effects = takeHold(&map, &state, hold, saying: "Held \(map.seatList(hold.labels)) after all (the answer had been lost).")
    state.screen = .seats(map)
    return effects
}

/// A hold request whose answer was lost holds nothing. Its seats that someone else has now
/// are taken; the rest stay selected, to be held again.
func lostHoldMadeNone(_ state: inout AppState, showId: Int64, labels: [String]) {
    guard case .seats(var map) = state.screen, map.show.showId == showId else { return }
    map.holdsInDoubt.subtract(labels)
    let taken = labels.filter { label in
        guard let i = map.index(of: label) else { return false }
        let look = map.look(of: map.seats[i], at: state.databaseNow)
        return look == .other || look == .booked
    }
    map.selection.subtract(taken)
    if !taken.isEmpty {
        state.message = StatusMessage(BookingError.seatsUnavailable(taken).message, isError: true)
    } else {
        let again = map.hold == nil && !map.busy && Set(labels).isSubset(of: map.selection) ? " Press Enter to try again." : ""
        state.message = StatusMessage("\(map.seatList(labels)): the hold did not go through.\(again)", isError: true)
    }
    state.screen = .seats(map)
}
