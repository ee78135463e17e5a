import CNcurses
import Foundation
import SeatPickerUI
import Synchronization

/// All terminal setup and teardown. While a session is open the terminal is in curses mode;
/// `close()` (also on SIGHUP, SIGTERM, SIGINT and a dropped connection) restores it, and a
/// crash restores it too (`modex_install_crash_handlers` in the CNcurses shim).
final class TerminalSession {
    /// The signal that asked us to stop (0: none). Written from signal handlers: an atomic
    /// store is async-signal-safe.
    static let pendingSignal = Atomic<Int32>(0)

    let options: RenderOptions
    private(set) var isOpen = false
    /// The terminal type curses draws for: TERM when this host knows it, else the first of
    /// `fallbackTypes` it knows.
    let terminalType: String
    /// TERM, when this host has no description of it and `terminalType` is a fallback.
    let unknownType: String?

    /// Types that nearly every terminal emulates. A clerk whose terminal (kitty, foot, ...)
    /// has no terminfo entry on the kiosk gets a working screen instead of "Error opening
    /// terminal" and a session that closes at once.
    static let fallbackTypes = ["xterm-256color", "xterm", "vt100"]

    /// Enters curses mode. Fails when stdin or stdout is not a terminal.
    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError.notATerminal
        }
        setlocale(LC_ALL, "")
        let utf8 = modex_is_utf8_locale() == 1
        for sig in [SIGHUP, SIGTERM, SIGINT, SIGQUIT] {
            signal(sig) { TerminalSession.pendingSignal.store($0, ordering: .relaxed) }
        }
        signal(SIGPIPE, SIG_IGN)
        modex_save_terminal()
        // newterm, unlike initscr, returns nil for an unknown type instead of exiting.
        let requested = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        guard let type = ([requested].compactMap { $0 } + Self.fallbackTypes).first(where: { modex_newterm($0) != nil }) else {
            throw TerminalError.cannotStart
        }
        // A type such as `dumb` (an editor's shell buffer) cannot place text, and drawing there
        // only scrolls garbage: say so instead.
        guard modex_can_move_cursor() == 1 else {
            endwin()
            throw TerminalError.cannotMoveCursor(type)
        }
        terminalType = type
        unknownType = requested == type ? nil : requested
        isOpen = true
        cbreak()
        noecho()
        nonl()
        keypad(modex_stdscr(), true)
        nodelay(modex_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        mousemask(modex_button1_mask(), nil)
        mouseinterval(0)
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        var colour = false
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            colour = modex_colors() >= 8
            if colour { Palette.install() }
        }
        options = RenderOptions(glyphs: utf8 ? .unicode : .ascii, colour: colour)
        // A crash (a bug) must not leave the clerk's terminal in curses mode either; its stack
        // goes to the log. Swift's backtracer follows only when SWIFT_BACKTRACE asks for it: by
        // default its interactive mode offers a debugger, a way out of a kiosk.
        modex_install_crash_handlers(environment["SWIFT_BACKTRACE"] == nil ? 0 : 1, FileLogHandler.defaultPath(environment))
    }

    deinit { close() }

    /// Leaves curses mode and restores the terminal. Safe to call twice.
    func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
        modex_remove_crash_handlers()
    }

    var size: ScreenSize { ScreenSize(width: Int(modex_cols()), height: Int(modex_lines())) }

    /// Has ncurses read the terminal's size again, as on SIGWINCH: a resize arrives as
    /// KEY_RESIZE on the next read if the size changed. For Ctrl-L, when the picker may have
    /// missed a resize (run without a controlling terminal, `su -c`, it gets no SIGWINCH).
    static func recheckSize() {
        raise(SIGWINCH)
    }

    /// Whether the input `fd` (standard input) is at its end (a dropped SSH session), asked when
    /// it was readable and nothing came of reading it: it is readable still, with no byte
    /// waiting. Bytes that were read and meant nothing (one that is not UTF-8) leave it not
    /// readable, or with bytes waiting.
    static func inputHasEnded(fd: Int32 = 0) -> Bool {
        guard modex_pending_input_bytes(fd) == 0 else { return false }
        var input = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&input, 1, 0) == 1 && input.revents & Int16(POLLIN | POLLHUP) != 0
    }

    enum TerminalError: Error, CustomStringConvertible {
        case notATerminal, cannotStart, cannotMoveCursor(String)
        var description: String {
            switch self {
            case .cannotMoveCursor(let type):
                "this terminal (TERM=\(type)) cannot move the cursor, so the seat picker cannot draw on it; "
                    + "set TERM to the terminal's type (such as xterm-256color), or use the subcommands (modex --help)"
            case .notATerminal: "the seat picker needs a terminal; scripts can use the subcommands (modex --help)"
            case .cannotStart: "cannot start the terminal (is TERM set?)"
            }
        }
    }
}

/// Colour pairs for each cell style, and the attributes used without colour.
enum Palette {
    static func install() {
        let pairs: [(CellStyle, Int16, Int16)] = [
            (.title, Int16(COLOR_BLACK), Int16(COLOR_CYAN)), (.highlight, Int16(COLOR_BLACK), Int16(COLOR_WHITE)),
            (.seatAvailable, Int16(COLOR_GREEN), -1), (.seatSelected, Int16(COLOR_YELLOW), -1),
            (.seatMine, Int16(COLOR_CYAN), -1), (.seatOther, Int16(COLOR_MAGENTA), -1),
            (.seatBooked, Int16(COLOR_RED), -1), (.seatCursor, Int16(COLOR_BLACK), Int16(COLOR_YELLOW)),
            (.warning, Int16(COLOR_YELLOW), -1), (.error, Int16(COLOR_RED), -1), (.good, Int16(COLOR_GREEN), -1),
        ]
        for (style, fg, bg) in pairs { init_pair(pairNumber(style), fg, bg) }
    }

    static func pairNumber(_ style: CellStyle) -> Int16 {
        Int16((CellStyle.allCases.firstIndex(of: style) ?? 0) + 1)
    }

    static func attributes(_ style: CellStyle, colour: Bool) -> attr_t {
        switch style {
        case .normal: return modex_a_normal()
        case .dim: return modex_a_dim()
        case .title, .highlight, .seatCursor: return (colour ? modex_color_pair(Int32(pairNumber(style))) : 0) | modex_a_reverse()
        case .warning, .error: return (colour ? modex_color_pair(Int32(pairNumber(style))) : 0) | modex_a_bold()
        case .seatMine, .seatSelected: return (colour ? modex_color_pair(Int32(pairNumber(style))) : 0) | modex_a_bold()
        default: return colour ? modex_color_pair(Int32(pairNumber(style))) : modex_a_normal()
        }
    }
}
