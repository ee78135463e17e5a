import SeatMapModel

/// Quitting (q on the list, Ctrl-C anywhere) gives back what this terminal holds: the map's
/// hold and those kept on maps the clerk left. Nobody else can confirm them, and their seats
/// would otherwise stay blocked until they ran out. A hold whose confirmation is unanswered may
/// be a booking already, and one that ran out is over: both are left alone.
func quit(_ state: inout AppState) -> [Effect] {
    state.quitting = true
    var holds = Array(state.keptHolds.values.map(\.hold))
    state.keptHolds = [:]
    if case .seats(let map) = state.screen, let hold = map.hold, map.confirming != hold.bookingId { holds.append(hold) }
    holds = holds.filter { !state.hasRunOut($0) }.sorted { $0.bookingId < $1.bookingId }
    guard !holds.isEmpty else { return [.quit] }
    state.message = StatusMessage("Releasing your hold\(holds.count == 1 ? "" : "s") on "
        + holds.map { state.seatList($0.labels, of: $0.showId) }.joined(separator: " and ") + " before quitting...")
    return holds.map { .release(bookingId: $0.bookingId) } + [.quit]
}
