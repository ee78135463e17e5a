/// Keys on the show list.
func updateShowList(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard case .shows(var list) = state.screen else { return [] }
    defer { state.screen = .shows(list) }
    let count = list.visible.count
    switch key {
    case .up, .character("k"): list.cursor = max(0, list.cursor - 1)
    case .down, .character("j"): list.cursor = min(max(0, count - 1), list.cursor + 1)
    case .pageUp: list.cursor = max(0, list.cursor - 10)
    case .pageDown: list.cursor = min(max(0, count - 1), list.cursor + 10)
    case .home, .character("g"): list.cursor = 0
    case .end, .character("G"): list.cursor = max(0, count - 1)
    case .enter:
        guard list.cursor < count else { return [] }
        state.message = StatusMessage("Opening \(list.visible[list.cursor].name)...")
        return [.openShow(list.visible[list.cursor].showId)]
    case .character("/"): state.prompt = .filter(text: list.filter)
    case .character("n"):
        guard state.mayManage else {
            state.message = StatusMessage("Only a manager can create a show; managers: \((state.managers ?? []).joined(separator: ", ")).",
                                          isError: true)
            return []
        }
        state.prompt = .newShow(NewShowForm())
    case .character("b"): state.prompt = .findBooking(text: "", error: nil)
    case .character("s"):
        return readSales(&state, daysBeforeToday: 0)
    case .character("r"): return [.loadShows]
    case .character("?"): state.showHelp = true
    case .character("q"):
        return quit(&state)
    case .escape:
        list.filter = ""
    case .click(_, let y):
        let offset = ShowListLayout.scrollOffset(cursor: list.cursor, size: state.size)
        let row = y - ShowListLayout.firstRow + offset
        if y >= ShowListLayout.firstRow && row < count { list.cursor = row }
    default: break
    }
    return []
}

/// Where the show list puts its rows (shared by render and mouse handling).
enum ShowListLayout {
    static let firstRow = 3

    /// Rows available for shows: everything but the title, header and two bottom lines.
    static func visibleRows(_ size: ScreenSize) -> Int { max(1, size.height - firstRow - 2) }

    /// The first show drawn, keeping the cursor on screen.
    static func scrollOffset(cursor: Int, size: ScreenSize) -> Int {
        max(0, cursor - visibleRows(size) + 1)
    }
}
