/// How many terminal columns text takes, counted the way ncurses counts them when it draws
/// (glibc's `wcwidth`, from `TerminalWidthTable.swift`). A show name in Japanese or with an
/// emoji takes two columns a character; laid out as one, it would push the rest of its row off
/// the screen.
enum TerminalWidth {
    /// The columns one code point takes: 0 (it joins the character before it), 1 or 2; nil when a
    /// terminal cannot print it (a control character, a code point this system does not know).
    static func columns(of scalar: Unicode.Scalar) -> Int? {
        let code = scalar.value
        if code >= 0x20 && code < 0x7F { return 1 }
        let table = terminalWidthExceptions
        var low = 0, high = table.count / 3 - 1
        while low <= high {
            let middle = (low + high) / 2
            if code < UInt32(table[middle * 3]) {
                high = middle - 1
            } else if code > UInt32(table[middle * 3 + 1]) {
                low = middle + 1
            } else {
                let width = table[middle * 3 + 2]
                return width < 0 ? nil : Int(width)
            }
        }
        return 1
    }
}

extension Character {
    /// The columns this character takes in a terminal: the sum over its code points, so 0 for a
    /// lone zero-width character and 2 for CJK and most emoji. nil when any of its code points
    /// cannot be printed.
    var terminalColumns: Int? {
        if let ascii = asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var total = 0
        for scalar in unicodeScalars {
            guard let width = TerminalWidth.columns(of: scalar) else { return nil }
            total += width
        }
        return total
    }
}
