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
    /// Covered by a wide character that starts in a cell to its left (the right half of a CJK
    /// character, say). The backend draws nothing for it: that character covers it.
    public var isWideTail: Bool

    public init(character: Character, style: CellStyle, isWideTail: Bool = false) {
        self.character = character
        self.style = style
        self.isWideTail = isWideTail
    }
}

/// A rendered screen: what the backend draws, and what snapshot tests compare.
public struct CellGrid: Equatable, Sendable {
    public let size: ScreenSize
    public private(set) var cells: [Cell]
    /// Whether the terminal shows ASCII only (its locale is not UTF-8): every other character
    /// is then drawn as `?`, which ncurses would otherwise spell out over several cells.
    public let asciiOnly: Bool

    public init(size: ScreenSize, asciiOnly: Bool = false) {
        self.size = size
        self.asciiOnly = asciiOnly
        cells = Array(repeating: Cell(character: " ", style: .normal), count: max(0, size.width * size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Writes `text` from (x, y), clipped to the row. A character as wide as N columns (2 for
    /// CJK and most emoji, more for a joined emoji sequence) fills N cells; one that would stick
    /// out at either edge leaves blanks instead. Zero-width characters are dropped, and
    /// characters a terminal cannot print are drawn as `\u{FFFD}` (`?` in ASCII).
    public mutating func put(_ x: Int, _ y: Int, _ text: String, _ style: CellStyle = .normal) {
        guard y >= 0, y < size.height else { return }
        var col = x
        for ch in text {
            let (shown, width) = shown(ch)
            if width == 0 { continue }
            if col + width > size.width {
                for blank in max(0, col)..<max(0, size.width) { set(blank, y, Cell(character: " ", style: style)) }
                break
            }
            if col >= 0 {
                set(col, y, Cell(character: shown, style: style))
                for tail in 1..<width { set(col + tail, y, Cell(character: " ", style: style, isWideTail: true)) }
            } else {
                for blank in 0..<max(0, col + width) { set(blank, y, Cell(character: " ", style: style)) }
            }
            col += width
        }
    }

    /// The columns `text` takes when put on this grid.
    public func columns(of text: String) -> Int {
        text.reduce(0) { $0 + shown($1).width }
    }

    /// The longest start of `text` that fits in `width` columns.
    public func prefix(of text: String, columns width: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            used += shown(text[index]).width
            if used > width { break }
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// The longest end of `text` that fits in `width` columns.
    public func suffix(of text: String, columns width: Int) -> String {
        var used = 0
        var start = text.endIndex
        for index in text.indices.reversed() {
            used += shown(text[index]).width
            if used > width { break }
            start = index
        }
        return String(text[start...])
    }

    /// What is drawn for `ch`, and over how many columns.
    private func shown(_ ch: Character) -> (Character, width: Int) {
        if asciiOnly {
            guard let ascii = ch.asciiValue else { return ("?", 1) }
            return ascii >= 0x20 && ascii < 0x7F ? (ch, 1) : ("?", 1)
        }
        guard let width = ch.terminalColumns else { return ("\u{FFFD}", 1) }
        return (ch, width)
    }

    /// Sets one cell. A wide character that it cuts into is blanked, so no part of one is left
    /// drawn without the rest.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let row = y * size.width
        if x > 0 && cells[row + x].isWideTail && !cell.isWideTail {
            var lead = x - 1
            while lead > 0 && cells[row + lead].isWideTail { lead -= 1 }
            for col in lead..<x { cells[row + col].character = " "; cells[row + col].isWideTail = false }
        }
        var next = x + 1
        while next < size.width && cells[row + next].isWideTail { cells[row + next].isWideTail = false; next += 1 }
        cells[row + x] = cell
    }

    /// Gives a span of a row one style (for highlighted rows and bars).
    public mutating func paint(_ x: Int, _ y: Int, width: Int, _ style: CellStyle) {
        guard y >= 0, y < size.height else { return }
        for col in max(0, x)..<min(size.width, x + width) { cells[y * size.width + col].style = style }
    }

    /// The characters, one line per row, trailing spaces kept. A two-column character appears
    /// once, so each line is as wide on a terminal as the grid.
    public var text: String {
        (0..<size.height).map { y in
            String((0..<size.width).filter { !self[$0, y].isWideTail }.map { self[$0, y].character })
        }.joined(separator: "\n")
    }

    /// The style letters, one line per row, one letter per cell.
    public var styles: String {
        (0..<size.height).map { y in String((0..<size.width).map { self[$0, y].style.rawValue }) }.joined(separator: "\n")
    }
}
