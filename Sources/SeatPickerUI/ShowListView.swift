import SeatMapModel

extension ScreenPainter {
    mutating func drawShowList(_ list: ShowListState) {
        titleBar("Shows")
        put(1, list.filter.isEmpty ? "" : "Filter: \(list.filter)", .dim)
        let header = "  " + "ID".padding(toLength: 6, withPad: " ", startingAt: 0)
            + "Starts".padding(toLength: 18, withPad: " ", startingAt: 0) + "Available/Total  Name"
        put(2, header, .dim)
        let visible = list.visible
        if visible.isEmpty {
            put(ShowListLayout.firstRow, list.loaded ? (list.filter.isEmpty ? "  No shows yet: press n to create one." : "  No show matches the filter.") : "  Loading shows...", .dim)
            return
        }
        let offset = ShowListLayout.scrollOffset(cursor: list.cursor, size: size)
        for (row, show) in visible.dropFirst(offset).prefix(ShowListLayout.visibleRows(size)).enumerated() {
            let y = ShowListLayout.firstRow + row
            let counts = "\(show.available)/\(show.totalSeats)".padding(toLength: 17, withPad: " ", startingAt: 0)
            let line = "  " + String(show.showId).padding(toLength: 6, withPad: " ", startingAt: 0)
                + date(show.startsAt).padding(toLength: 18, withPad: " ", startingAt: 0) + counts + show.name
            let selected = offset + row == list.cursor
            if selected { grid.paint(0, y, width: size.width, .highlight) }
            put(y, line, selected ? .highlight : .normal)
        }
    }
}
