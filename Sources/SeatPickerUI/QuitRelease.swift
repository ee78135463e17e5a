import SeatMapModel

/// Quitting (q on the list, Ctrl-C anywhere) gives back what this terminal holds: the map's
/// hold and those kept on maps the clerk left. Nobody else can confirm them, and their seats
/// would otherwise stay blocked until they ran out. A hold whose confirmation is unanswered may
/// be a booking already, and one that ran out is over: both are left alone.
func quit(_ state: inout AppState) -> [Effect] {
    state.quitting = true
    var holds = state.keptHolds.values.map { ($0.hold, SeatLabelRange.listText($0.hold.labels)) }
    state.keptHolds = [:]
    if case .seats(let map) = state.screen, let hold = map.hold, map.confirming != hold.bookingId {
        holds.append((hold, map.seatList(hold.labels)))
    }
    holds = holds.filter { !state.hasRunOut($0.0) }.sorted { $0.0.bookingId < $1.0.bookingId }
    guard !holds.isEmpty else { return [.quit] }
    state.message = StatusMessage("Releasing your hold\(holds.count == 1 ? "" : "s") on "
        + holds.map(\.1).joined(separator: " and ") + " before quitting...")
    return holds.map { .release(bookingId: $0.0.bookingId) } + [.quit]
}
