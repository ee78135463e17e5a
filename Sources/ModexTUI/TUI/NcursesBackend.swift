import CNcurses
import SeatPickerUI

/// Draws a cell grid and reads keys. Only this type and TerminalSession call ncurses, always
/// from the main thread.
struct NcursesBackend {
    let options: RenderOptions

    /// Makes the next `draw` clear the terminal and send every cell, whatever ncurses believes
    /// the terminal shows.
    func clearOnNextDraw() {
        clearok(modex_stdscr(), true)
    }

    /// Draws the grid in runs of one style. ncurses advances over a wide character by its
    /// width, as the grid does, so the cells that a wide character covers add nothing to a run.
    func draw(_ grid: CellGrid) {
        werase(modex_stdscr())
        for y in 0..<grid.size.height {
            var x = 0
            while x < grid.size.width {
                if grid[x, y].isWideTail {
                    x += 1
                    continue
                }
                let style = grid[x, y].style
                var run = ""
                let start = x
                while x < grid.size.width && grid[x, y].style == style {
                    if !grid[x, y].isWideTail { run.append(grid[x, y].character) }
                    x += 1
                }
                // The last cell of the screen is left alone: writing it scrolls some terminals.
                if y == grid.size.height - 1 && x == grid.size.width { run = String(run.dropLast()) }
                modex_set_attributes(Palette.attributes(style, colour: options.colour))
                mvwaddnstr(modex_stdscr(), Int32(y), Int32(start), run, -1)
            }
        }
        modex_set_attributes(modex_a_normal())
        wrefresh(modex_stdscr())
    }

    enum Input: Equatable {
        case key(Key)
        case resize
        /// Ctrl-L: draw the whole screen again, from scratch (after `wall` or another program
        /// wrote over it, or a resize the picker was not told of).
        case repaint
        /// Input was read that means nothing here (F5, a control character): not the end of input.
        case ignored
        /// Nothing is waiting.
        case none
    }

    /// The next pending input, without waiting.
    func read() -> Input {
        var ch: wint_t = 0
        let kind = wget_wch(modex_stdscr(), &ch)
        if kind == ERR { return .none }
        if kind == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP, KEY_SR: return .key(.up)
            case KEY_DOWN, KEY_SF: return .key(.down)
            case KEY_LEFT, KEY_SLEFT: return .key(.left)
            case KEY_RIGHT, KEY_SRIGHT: return .key(.right)
            case KEY_PPAGE, KEY_SPREVIOUS: return .key(.pageUp)
            case KEY_NPAGE, KEY_SNEXT: return .key(.pageDown)
            case KEY_HOME, KEY_SHOME: return .key(.home)
            case KEY_END, KEY_SEND: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_BTAB: return .key(.backTab)
            case KEY_RESIZE: return .resize
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return .ignored }
                return .key(.click(x: Int(event.x), y: Int(event.y)))
            default: return Self.modifiedMovementKey(Int32(ch)).map(Input.key) ?? .ignored
            }
        }
        switch ch {
        case 3: return .key(.controlC)
        case 9: return .key(.tab)
        case 12: return .repaint
        case 21: return .key(.clearField)
        case 10, 13: return .key(.enter)
        case 27: return escapeOrUnnamedKey()
        case 8, 127: return .key(.backspace)
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)), ch >= 32 else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    /// A movement key with Shift, Ctrl or Alt, which terminal descriptions name as extended keys
    /// (`kRIT5`, Ctrl-Right): the key itself. Nil for any other key.
    private static func modifiedMovementKey(_ code: Int32) -> Key? {
        guard let name = keyname(code).map({ String(cString: $0) }) else { return nil }
        let keys: [(String, Key)] = [("kUP", .up), ("kDN", .down), ("kRIT", .right), ("kLFT", .left),
                                     ("kHOM", .home), ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown)]
        return keys.first { prefix, _ in name.hasPrefix(prefix) && name.dropFirst(prefix.count).allSatisfy(\.isNumber) }?.1
    }

    /// Esc, or a key whose sequence the terminal description does not name (`UnnamedKeySequence`).
    private func escapeOrUnnamedKey() -> Input {
        let reading = UnnamedKeySequence.read {
            var next: wint_t = 0
            let kind = wget_wch(modex_stdscr(), &next)
            if kind == ERR { return nil }
            if kind == KEY_CODE_YES {
                // A key ncurses named (Alt with an arrow): read on its own next time.
                ungetch(Int32(next))
                return nil
            }
            return UInt32(next)
        }
        if let unread = reading.unread { unget_wch(wchar_t(unread)) }
        return reading.key.map(Input.key) ?? .ignored
    }
}
