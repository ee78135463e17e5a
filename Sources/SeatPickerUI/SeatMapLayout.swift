/// Where the seat map goes on screen, and which part of a large map is in view. Render and
/// mouse handling share it, so a click lands on the seat drawn there.
struct SeatMapLayout {
    static let top = 3
    static let linesBelow = 5
    static let cellWidth = 2

    let gutter: Int
    let visibleRows: Int
    let visibleColumns: Int
    let firstRow: Int
    let firstColumn: Int
    let rowNames: [String]
    private let map: SeatMapState

    init(map: SeatMapState, size: ScreenSize) {
        self.map = map
        var names = Array(repeating: "", count: map.rows.count)
        for (r, row) in map.rows.enumerated() {
            if let first = row.first {
                let seat = map.seats[first]
                names[r] = seat.section.isEmpty ? seat.row : "\(seat.section)-\(seat.row)"
            }
        }
        rowNames = names
        gutter = (names.map(\.count).max() ?? 1) + 1
        visibleRows = max(1, size.height - Self.top - Self.linesBelow)
        visibleColumns = max(1, (size.width - gutter) / Self.cellWidth)
        let cursor = map.cursor
        firstRow = Self.origin(cursor.layoutRow, visible: visibleRows, total: map.rows.count)
        firstColumn = Self.origin(cursor.layoutColumn, visible: visibleColumns, total: map.columns)
    }

    /// Keeps the cursor in view, centred when the map is larger than the screen.
    static func origin(_ position: Int, visible: Int, total: Int) -> Int {
        guard total > visible else { return 0 }
        return min(max(0, position - visible / 2), total - visible)
    }

    /// Directions in which the map has seats out of view.
    struct Directions: OptionSet {
        let rawValue: Int
        static let left = Directions(rawValue: 1), right = Directions(rawValue: 2)
        static let up = Directions(rawValue: 4), down = Directions(rawValue: 8)
    }

    /// Where the map goes on beyond the screen: the same test that decides what is drawn.
    var outOfView: Directions {
        var directions: Directions = []
        if firstColumn > 0 { directions.insert(.left) }
        if map.columns > firstColumn + visibleColumns { directions.insert(.right) }
        if firstRow > 0 { directions.insert(.up) }
        if map.rows.count > firstRow + visibleRows { directions.insert(.down) }
        return directions
    }

    func screenX(column: Int) -> Int { gutter + (column - firstColumn) * Self.cellWidth }
    func screenY(row: Int) -> Int { Self.top + row - firstRow }

    /// The seat drawn at a screen cell, if any.
    func seat(atX x: Int, y: Int) -> Int? {
        let row = y - Self.top + firstRow
        guard y >= Self.top, row < firstRow + visibleRows, map.rows.indices.contains(row), x >= gutter else { return nil }
        let column = (x - gutter) / Self.cellWidth + firstColumn
        return map.rows[row].first { map.seats[$0].layoutColumn == column }
    }
}
