import SeatMapModel

/// A hold the clerk left on a map (q or Esc, to look at another show for the same customer),
/// with the email typed for it. Opening that show again makes it the map's hold once more, to
/// confirm, extend or release; until then it runs out as any hold does.
public struct KeptHold: Equatable, Sendable {
    public var hold: Hold
    public var emailDraft: String
    public var showName: String
}

/// The clerk leaves `map`: its hold, unless a confirmation of it is unanswered, is kept for
/// when the show is opened again. Returns what the status line says about it.
func keepHold(of map: SeatMapState, _ state: inout AppState) -> StatusMessage? {
    guard let hold = map.hold else { return nil }
    let seats = map.seatList(hold.labels)
    if map.confirming == hold.bookingId {
        return StatusMessage("No answer came about booking \(hold.bookingId) (\(seats)); "
            + "open the show again to see whether it was booked.", isError: true)
    }
    state.keptHolds[map.show.showId] = KeptHold(hold: hold, emailDraft: map.emailDraft, showName: map.show.name)
    return StatusMessage("Your hold on \(seats) is kept: open the show again to confirm it.")
}

/// `map` was opened from the list: a hold kept on it is the map's hold again, with the cursor on
/// its first seat (`movingTheCursor`, unless the map opens at a booking found). One that ran out
/// meanwhile is only reported; whatever else became of it (booked or released by a script) is
/// then told by `reconcileHold`, from the seats just read.
func resumeKeptHold(_ map: inout SeatMapState, _ state: inout AppState, movingTheCursor: Bool) {
    guard let kept = state.keptHolds.removeValue(forKey: map.show.showId) else { return }
    if state.hasRunOut(kept.hold) {
        state.message = StatusMessage("Your hold on \(map.seatList(kept.hold.labels)) ran out after you left the show.",
                                      isError: true)
        return
    }
    map.hold = kept.hold
    map.emailDraft = kept.emailDraft
    let seats = map.seats
    let place = { (i: Int) in (seats[i].layoutRow, seats[i].layoutColumn) }
    if movingTheCursor, let first = kept.hold.labels.compactMap(map.index(of:)).min(by: { place($0) < place($1) }) {
        map.cursorSeat = first
    }
    state.message = StatusMessage("Your hold on \(map.seatList(kept.hold.labels)) is back: "
        + "press c to confirm, x to release, e for more time.")
}

/// On each tick: a kept hold that has run out is forgotten, and the clerk told wherever they
/// are, as the map tells of its own hold.
func expireKeptHolds(_ state: inout AppState) {
    for (show, kept) in state.keptHolds.sorted(by: { $0.key < $1.key }) where state.hasRunOut(kept.hold) {
        state.keptHolds[show] = nil
        state.message = StatusMessage("Your hold on \(state.seatList(kept.hold.labels, of: show)) of \(kept.showName) ran out; "
            + "its seats are free again.", isError: true)
    }
}
