import CNcurses
import SeatPickerUI

/// Draws a cell grid and reads keys. Only this type and TerminalSession call ncurses, always
/// from the main thread.
struct NcursesBackend {
    let options: RenderOptions

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
        case none
    }

    /// The next pending input, without waiting.
    func read() -> Input {
        var ch: wint_t = 0
        let kind = wget_wch(modex_stdscr(), &ch)
        if kind == ERR { return .none }
        if kind == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_BTAB: return .key(.backTab)
            case KEY_RESIZE: return .resize
            case KEY_MOUSE:
                var event = MEVENT()
                guard getmouse(&event) == OK else { return .none }
                return .key(.click(x: Int(event.x), y: Int(event.y)))
            default: return .none
            }
        }
        switch ch {
        case 3: return .key(.controlC)
        case 9: return .key(.tab)
        case 21: return .key(.clearField)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)), ch >= 32 else { return .none }
            return .key(.character(Character(scalar)))
        }
    }
}
