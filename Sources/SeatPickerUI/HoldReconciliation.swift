import SeatMapModel

/// This terminal's hold can end without an answer to this terminal: the answer to a
/// confirmation or release was lost in an outage although the database carried it out, or a
/// script confirmed or released the booking. The seats then say what happened, so the hold
/// panel never counts down, or reports as run out, a hold that is already a booking.
///
/// Only while no request is in flight: an answer on its way says it better (the change feed
/// can deliver the seats before the answer to the request that changed them).
func reconcileHold(_ map: inout SeatMapState, _ state: inout AppState) {
    adoptAddedSeats(&map, &state)
    guard !map.busy, let hold = map.hold else { return }
    let seats = hold.labels.compactMap(map.index(of:)).map { map.seats[$0] }
    guard !seats.isEmpty else { return }
    let seatText = map.seatList(hold.labels)
    if seats.allSatisfy({ $0.status == .booked && $0.bookingId == hold.bookingId }) {
        dropOwnHold(&map, &state, saying: StatusMessage("Booked \(seatText) (booking \(hold.bookingId)): the database has it as confirmed."))
    } else if seats.allSatisfy({ $0.bookingId != hold.bookingId }) {
        // The sweep (this picker's or another's) ends a lapsed hold within a second of its end.
        if state.hasRunOut(hold, within: 1) {
            holdRanOut(&map, &state, hold)
        } else {
            dropOwnHold(&map, &state, saying: StatusMessage("Your hold on \(seatText) has ended: it was released outside this terminal.", isError: true))
        }
    }
}

/// The map was read afresh with a confirmation in doubt, and the hold is still this terminal's
/// (`reconcileHold` found neither a booking nor another's seats): the confirmation did not go
/// through.
func settleLostConfirmation(_ map: inout SeatMapState, _ state: inout AppState) {
    guard !map.busy, let id = map.confirming, let hold = map.hold, hold.bookingId == id else { return }
    map.confirming = nil
    state.message = StatusMessage("Booking \(id) (\(map.seatList(hold.labels))) was not confirmed: no answer came before the outage. "
        + "Press c to confirm it again.", isError: true)
}

/// This terminal no longer holds its seats: the hold panel and the email prompt for it go,
/// and the status line says why.
func dropOwnHold(_ map: inout SeatMapState, _ state: inout AppState, saying message: StatusMessage) {
    endOwnHold(&map, &state)
    state.message = message
}

/// The hold panel goes, and with it the email or payment question for the hold: nothing is left
/// to confirm.
func endOwnHold(_ map: inout SeatMapState, _ state: inout AppState) {
    map.endHold()
    if state.prompt?.isConfirmationPrompt == true { state.prompt = nil }
}

/// This terminal's hold ran out before it was confirmed. The customer is most likely still at
/// the counter, so its seats stay selected, to be held again with Enter, and an email typed for
/// it is kept for the next confirmation.
func holdRanOut(_ map: inout SeatMapState, _ state: inout AppState, _ hold: Hold) {
    map.endHold(keepingEmail: true)
    switch state.prompt {
    case .email(let typed, _), .payment(let typed):
        map.emailDraft = typed
        state.prompt = nil
    default: break
    }
    map.selection.formUnion(hold.labels.filter { map.index(of: $0) != nil })
    let kept = map.emailDraft.isEmpty ? "" : " The email typed is kept."
    state.message = StatusMessage("Your hold on \(map.seatList(hold.labels)) ran out. "
        + "The seats are still selected: press Enter to hold them again.\(kept)", isError: true)
}
