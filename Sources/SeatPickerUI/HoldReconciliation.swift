import SeatMapModel

/// This terminal's hold can end without an answer to this terminal: the answer to a
/// confirmation or release was lost in an outage although the database carried it out, or a
/// script confirmed or released the booking. The seats then say what happened, so the hold
/// panel never counts down, or reports as run out, a hold that is already a booking.
///
/// Only while no request is in flight: an answer on its way says it better (the change feed
/// can deliver the seats before the answer to the request that changed them).
func reconcileHold(_ map: inout SeatMapState, _ state: inout AppState) {
    guard !map.busy, let hold = map.hold else { return }
    let seats = hold.labels.compactMap(map.index(of:)).map { map.seats[$0] }
    guard !seats.isEmpty else { return }
    let seatText = hold.labels.joined(separator: " ")
    if seats.allSatisfy({ $0.status == .booked && $0.bookingId == hold.bookingId }) {
        dropOwnHold(&map, &state, saying: StatusMessage("Booked \(seatText) (booking \(hold.bookingId)): the database has it as confirmed."))
    } else if seats.allSatisfy({ $0.bookingId != hold.bookingId }) {
        dropOwnHold(&map, &state, saying: StatusMessage("Your hold on \(seatText) has ended: it was released or ran out.", isError: true))
    }
}

/// This terminal no longer holds its seats: the hold panel and the email prompt for it go,
/// and the status line says why.
func dropOwnHold(_ map: inout SeatMapState, _ state: inout AppState, saying message: StatusMessage) {
    map.hold = nil
    if case .email = state.prompt { state.prompt = nil }
    state.message = message
}
