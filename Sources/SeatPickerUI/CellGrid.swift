/// The terminal size in cells.
public struct ScreenSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
}

/// What a cell means; the backend maps each to colours, or to attributes when colour is off.
public enum CellStyle: Character, Equatable, Sendable, CaseIterable {
    case normal = "."
    case dim = "d"
    case title = "T"
    case highlight = "R"      // the list cursor, reversed
    case seatAvailable = "a"
    case seatSelected = "s"
    case seatMine = "m"
    case seatOther = "o"
    case seatBooked = "b"
    case seatCursor = "C"
    case warning = "W"
    case error = "E"
    case good = "G"
}

/// One character cell.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: CellStyle
}

/// A rendered screen: what the backend draws, and what snapshot tests compare.
public struct CellGrid: Equatable, Sendable {
    public let size: ScreenSize
    public private(set) var cells: [Cell]

    public init(size: ScreenSize) {
        self.size = size
        cells = Array(repeating: Cell(character: " ", style: .normal), count: max(0, size.width * size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes `text` from (x, y), clipped to the row.
    public mutating func put(_ x: Int, _ y: Int, _ text: String, _ style: CellStyle = .normal) {
        guard y >= 0, y < size.height else { return }
        var col = x
        for ch in text {
            if col >= size.width { break }
            if col >= 0 { cells[y * size.width + col] = Cell(character: ch, style: style) }
            col += 1
        }
    }

    /// Gives a span of a row one style (for highlighted rows and bars).
    public mutating func paint(_ x: Int, _ y: Int, width: Int, _ style: CellStyle) {
        guard y >= 0, y < size.height else { return }
        for col in max(0, x)..<min(size.width, x + width) { cells[y * size.width + col].style = style }
    }

    /// The characters, one line per row, trailing spaces kept.
    public var text: String {
        (0..<size.height).map { y in String((0..<size.width).map { self[$0, y].character }) }.joined(separator: "\n")
    }

    /// The style letters, one line per row.
    public var styles: String {
        (0..<size.height).map { y in String((0..<size.width).map { self[$0, y].style.rawValue }) }.joined(separator: "\n")
    }
}
