/// The bottom of the screen: a prompt, the outage banner, the latest message, or key hints.
struct StatusLines {
    /// Top to bottom; one or two lines.
    var lines: [String]
    var style: CellStyle
    /// The outage banner colours its whole rows.
    var isBanner = false
}

extension ScreenPainter {
    /// The most lines a message or the outage banner takes. On the seat map a second line takes
    /// the legend's place, so a long message ("Booked A1 ... for ..., total 195.00.") is read
    /// to its end on an 80-column terminal instead of being cut off.
    static let maxStatusLines = 2

    func statusLines() -> StatusLines {
        switch state.prompt {
        case .email(let text, let error):
            return StatusLines(lines: [clipStatus("Customer email: \(text)_" + (error.map { "  \($0)" } ?? ""))],
                               style: error == nil ? .normal : .error)
        case .goToSeat(let text, let error):
            return StatusLines(lines: [clipStatus("Go to seat: \(text)_" + (error.map { "  \($0)" } ?? ""))],
                               style: error == nil ? .normal : .error)
        case .filter(let text):
            return StatusLines(lines: [clipStatus("Filter: \(text)_   (Enter keeps it, Esc clears it)")], style: .normal)
        default: break
        }
        if case .unreachable(let why) = state.connection {
            return StatusLines(lines: wrapped("Database unreachable, retrying... (\(why))"), style: .error, isBanner: true)
        }
        if let message = state.message {
            return StatusLines(lines: wrapped(message.text), style: message.isError ? .error : .good)
        }
        let hints = switch state.screen {
        case .shows: ["Enter open", "/ filter", "n new show", "q quit", "? help"]
        case .seats: ["Space select", "Enter hold", "c confirm", "x release", "q back", "e extend", "g go to", "? help"]
        }
        return StatusLines(lines: [clipStatus(Self.hintLine(hints, width: size.width))], style: .dim)
    }

    mutating func drawStatusLines(_ status: StatusLines) {
        for (i, line) in status.lines.enumerated() {
            let y = size.height - status.lines.count + i
            if status.isBanner { grid.paint(0, y, width: size.width, .error) }
            grid.put(0, y, line, status.style)
        }
    }

    /// The key hints that fit `width`, least important (listed last) dropped first; the final
    /// "? help", which lists every key, always stays.
    static func hintLine(_ hints: [String], width: Int) -> String {
        var shown = hints
        while shown.count > 1, shown.joined(separator: "  ").count > width { shown.remove(at: shown.count - 2) }
        return shown.joined(separator: "  ")
    }

    /// The columns a status line may use: the screen's last cell is never drawn (writing it
    /// scrolls some terminals), so a clipped line keeps its ellipsis in view.
    var statusWidth: Int { size.width - 1 }

    func clipStatus(_ text: String) -> String { clip(text, statusWidth) }

    /// `text` broken at spaces into at most `maxStatusLines` lines of `statusWidth` columns; a
    /// word longer than a line is broken where the line ends, and what still does not fit is
    /// clipped with an ellipsis.
    func wrapped(_ text: String) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while lines.count < Self.maxStatusLines - 1, grid.columns(of: String(rest)) > statusWidth {
            let fits = grid.prefix(of: String(rest), columns: statusWidth).count
            var cut = rest.index(rest.startIndex, offsetBy: max(1, fits))
            if rest[cut...].first != " ", let space = rest[..<cut].lastIndex(of: " "), space > rest.startIndex {
                cut = space
            }
            lines.append(String(rest[..<cut]))
            rest = rest[cut...].drop(while: { $0 == " " })
        }
        lines.append(clipStatus(String(rest)))
        return lines
    }
}
