import SeatMapModel

extension ScreenPainter {
    mutating func drawShowList(_ list: ShowListState) {
        titleBar("Shows")
        let visible = list.visible
        let offset = ShowListLayout.scrollOffset(cursor: list.cursor, size: size)
        let onScreen = visible.dropFirst(offset).prefix(ShowListLayout.visibleRows(size))
        let dates = onScreen.map { date($0.startsAt) }
        let dateWidth = max(18, (dates.map(\.count).max() ?? 0) + 2)
        let counts = onScreen.map { "\(GroupedNumber.text($0.available))/\(GroupedNumber.text($0.totalSeats))" }
        let countsWidth = max(17, (counts.map(\.count).max() ?? 0) + 2)
        // Which part of a list too long for the screen is shown, right of the filter.
        let position = onScreen.count < visible.count ? "\(offset + 1)\(glyphs.rangeDash)\(offset + onScreen.count) of \(visible.count) " : ""
        grid.put(size.width - grid.columns(of: position), 1, position, .dim)
        if !list.filter.isEmpty { grid.put(0, 1, clip("Filter: \(list.filter)", size.width - grid.columns(of: position) - 1), .dim) }
        let header = "  " + "ID".padding(toLength: 6, withPad: " ", startingAt: 0)
            + "Starts".padding(toLength: dateWidth, withPad: " ", startingAt: 0)
            + "Available/Total".padding(toLength: countsWidth, withPad: " ", startingAt: 0) + "Name"
        put(2, header, .dim)
        if visible.isEmpty {
            put(ShowListLayout.firstRow, list.loaded ? (list.filter.isEmpty ? "  No shows yet: press n to create one." : "  No show matches the filter.") : "  Loading shows...", .dim)
            return
        }
        for (row, ((show, starts), counts)) in zip(zip(onScreen, dates), counts).enumerated() {
            let y = ShowListLayout.firstRow + row
            // A show past its sales is kept for looking up who sat where, and says so in words
            // as well as in dim type, which a monochrome terminal may not show.
            let closed = show.salesClosed(at: state.databaseNow)
            // A hold kept on a map the clerk left says how long it has, where the clerk looks
            // to find their way back to it.
            let kept = state.keptHolds[show.showId].map { HoldCountdown(expiresAt: $0.hold.expiresAt, clockOffset: state.clockOffset) }
                .flatMap { $0.isOver(at: state.now) ? nil : " \(glyphs.dot) your hold \($0.text(at: state.now))" } ?? ""
            let columns = "  " + String(show.showId).padding(toLength: 6, withPad: " ", startingAt: 0)
                + starts.padding(toLength: dateWidth, withPad: " ", startingAt: 0)
                + counts.padding(toLength: countsWidth, withPad: " ", startingAt: 0)
            var name = show.name + (closed ? " (sales closed)" : "")
            // The countdown is cut last: a long name gives way to it, down to 12 columns.
            let nameRoom = size.width - grid.columns(of: columns) - grid.columns(of: kept)
            if !kept.isEmpty, nameRoom >= 12 { name = clip(name, nameRoom) }
            let line = columns + name + kept
            let selected = offset + row == list.cursor
            if selected { grid.paint(0, y, width: size.width, .highlight) }
            put(y, line, selected ? .highlight : closed ? .dim : .normal)
            if !kept.isEmpty { grid.put(0, y, String(glyphs.mine), .seatMine) }
        }
    }
}
