import SeatMapModel

/// Keys on the seat map.
func updateSeatMap(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case .seats(var map) = state.screen else { return [] }
    if map.busy, let refusal = waitingRefusal(for: key) {
        state.message = StatusMessage(refusal)
        return []
    }
    if key == .character("q") || key == .escape {
        state.screen = .shows(ShowListState(filter: state.listFilter, returningTo: map.show.showId))
        state.message = keepHold(of: map, &state)
        return [.watch(nil), .loadShows]
    }
    defer { state.screen = .seats(map) }
    let seat = map.cursor
    switch key {
    case .left, .character("h"), .right, .character("l"):
        let step = (key == .left || key == .character("h")) ? -1 : 1
        let row = map.rows[seat.layoutRow]
        if let i = row.firstIndex(of: map.cursorSeat), row.indices.contains(i + step) { map.cursorSeat = row[i + step] }
    case .up, .character("k"), .down, .character("j"):
        let step = (key == .up || key == .character("k")) ? -1 : 1
        if let next = map.nearestSeat(fromRow: seat.layoutRow, column: seat.layoutColumn, direction: step) { map.cursorSeat = next }
    case .pageUp, .pageDown:
        let step = key == .pageUp ? -1 : 1
        for _ in 0..<10 {
            guard let next = map.nearestSeat(fromRow: map.cursor.layoutRow, column: seat.layoutColumn, direction: step) else { break }
            map.cursorSeat = next
        }
    case .character(" "):
        toggle(&map, &state, map.cursorSeat)
    case .click(let x, let y):
        guard let index = SeatMapLayout(map: map, size: state.size).seat(atX: x, y: y) else { return [] }
        map.cursorSeat = index
        toggle(&map, &state, index)
    case .enter:
        if let hold = map.hold {
            return addSelection(&map, &state, to: hold)
        } else if map.selection.isEmpty {
            state.message = StatusMessage("Select seats with Space first.", isError: true)
        } else if !map.busy {
            map.busy = true
            state.message = StatusMessage("Holding \(map.seatList(sortedSelection(map)))...")
            return [.hold(showId: map.show.showId, labels: sortedSelection(map))]
        }
    case .character("c"):
        guard map.hold != nil else { return nothingHeld(&state, to: "confirm") }
        state.prompt = .email(text: map.emailDraft, error: nil)
    case .character("x"):
        guard let hold = map.hold else { return nothingHeld(&state, to: "release") }
        guard !map.busy else { return [] }
        map.busy = true
        return [.release(bookingId: hold.bookingId)]
    case .character("e"):
        guard let hold = map.hold else { return nothingHeld(&state, to: "extend") }
        guard !map.busy else { return [] }
        guard hold.canBeExtended else {
            let limit = durationText(state.holdPolicy.maxHoldSeconds)
            state.message = StatusMessage("This hold is as long as a hold can be (\(limit) in all); confirm it or release it.", isError: true)
            return []
        }
        map.busy = true
        return [.extend(bookingId: hold.bookingId)]
    case .character("g"):
        state.prompt = .goToSeat(text: "", error: nil)
    case .character("b"):
        state.prompt = .findBooking(text: "", error: nil)
    case .character("a"):
        askForSeatsTogether(map, &state)
    case .character("X"):
        return askToCancelBooking(map, &state)
    case .character("p"):
        return askToCorrectPayment(map, &state)
    case .character("?"):
        state.showHelp = true
    default:
        break
    }
    return []
}

/// What a key that needs the database says while the last request is still unanswered, or
/// nil for keys that work meanwhile (moving, selecting, help). Leaving waits too, so that the
/// answer always reaches the map that asked.
private func waitingRefusal(for key: Key) -> String? {
    switch key {
    case .character("q"), .escape:
        return "Still waiting for the database to answer; you can leave once it has (Ctrl-C quits now)."
    case .enter, .character("c"), .character("x"), .character("e"), .character("X"):
        return "Still waiting for the database to answer the last request; try again once it has."
    default:
        return nil
    }
}

private func sortedSelection(_ map: SeatMapState) -> [String] {
    map.selection.compactMap(map.index(of:)).sorted().map { map.seats[$0].label }
}

private func toggle(_ map: inout SeatMapState, _ state: inout AppState, _ index: Int) {
    let seat = map.seats[index]
    switch map.look(of: seat, at: state.databaseNow) {
    case .available where map.show.salesClosed(at: state.databaseNow):
        state.message = StatusMessage("Sales for this show are closed: it \(ShowCatalog.pastSalesText).", isError: true)
    case .available: map.selection.insert(seat.label)
    case .selected: map.selection.remove(seat.label)
    case .mine: state.message = StatusMessage("\(seat.label) is already in your hold.")
    case .other where map.holdsInDoubt.contains(seat.label):
        map.selection.insert(seat.label)
    case .other: state.message = StatusMessage("\(seat.label) is held by another terminal.", isError: true)
    case .booked: state.message = StatusMessage("\(seat.label) is booked.", isError: true)
    }
}

/// `c`, `x` or `e` on a map where this terminal holds nothing: says so, rather than nothing.
private func nothingHeld(_ state: inout AppState, to action: String) -> [Effect] {
    state.message = StatusMessage("Nothing to \(action): hold seats first (Space, then Enter).", isError: true)
    return []
}
