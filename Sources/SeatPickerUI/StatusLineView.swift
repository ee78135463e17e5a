import SeatMapModel

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
    /// the legend's place, so a long message ("Booked A1 ... (booking 12), total 195.00, for
    /// ...") is read to its end on an 80-column terminal instead of being cut off.
    static let maxStatusLines = 2

    func statusLines() -> StatusLines {
        switch state.prompt {
        case .email(let text, let error):
            return StatusLines(lines: [promptLine("Customer email: ", text, note: error.map { "  \($0)" } ?? "")],
                               style: error == nil ? .normal : .error)
        case .payment(let email):
            var amount = "it"
            if case .seats(let map) = state.screen, let hold = map.hold {
                amount = PriceCategory.priceText(cents: map.priceCents(of: hold.labels))
            }
            // The clerk checks the email here before it is booked: when the question and the
            // email do not fit on one line, the email has a line of its own.
            let question = "How was \(amount) paid? 1 cash  2 card  (Esc: back to the email)"
            let oneLine = "\(question)  \(email)"
            let lines = grid.columns(of: oneLine) <= statusWidth ? [oneLine] : [question, "for \(email)"]
            return StatusLines(lines: lines.map(clipStatus), style: .warning)
        case .goToSeat(let text, let error):
            return StatusLines(lines: [promptLine("Go to seat: ", text, note: error.map { "  \($0)" } ?? "")],
                               style: error == nil ? .normal : .error)
        case .findBooking(let text, let error):
            let label = if case .shows = state.screen { "Find booking in coming shows (email or number): " }
                        else { "Find booking (email or number): " }
            return StatusLines(lines: [promptLine(label, text, note: error.map { "  \($0)" } ?? "")],
                               style: error == nil ? .normal : .error)
        case .seatsTogether(let text, let error):
            return StatusLines(lines: [promptLine("Seats together near the cursor: ", text, note: error.map { "  \($0)" } ?? "")],
                               style: error == nil ? .normal : .error)
        case .filter(let text):
            return StatusLines(lines: [promptLine("Filter: ", text, note: "   (Enter keeps it, Esc clears it)")], style: .normal)
        case .cancelBooking(let entry):
            var returnable: (String, Int)?
            if case .seats(let map) = state.screen, let seat = returnableSeat(entry, state) {
                returnable = (seat, map.priceCents(of: [seat]))
            }
            var lines = cancelQuestion(entry, seatList: seatList(entry), returnable: returnable, width: statusWidth)
            // `y` and `1` wait for the answer in flight; the message saying so would be hidden.
            if case .seats(let map) = state.screen, map.busy {
                lines[0] = "Booking \(entry.booking.bookingId): waiting for the database to answer the last request first..."
            }
            return StatusLines(lines: lines.map(clipStatus), style: .warning)
        case .returnSeats(let entry, let text, let error):
            let priceCents: ([String]) -> Int = if case .seats(let map) = state.screen { map.priceCents(of:) } else { { _ in 0 } }
            return StatusLines(lines: [promptLine("Give back which seats of booking \(entry.booking.bookingId) (\(seatList(entry)))? ",
                                                  text, note: ""),
                                       clipStatus(returnSeatsAnswer(entry, typed: text, error: error, priceCents: priceCents,
                                                                    seatList: { state.seatList($0, of: entry.booking.showId) }, width: statusWidth))],
                               style: error == nil ? .warning : .error)
        case .correctPayment(let entry):
            return StatusLines(lines: correctPaymentQuestion(entry, seatList: seatList(entry)).map(clipStatus), style: .warning)
        default: break
        }
        if case .unreachable(let why) = state.connection {
            return StatusLines(lines: wrapped("Database unreachable, retrying... (\(why))"), style: .error, isBanner: true)
        }
        if let since = state.databaseSlowSince {
            // The request's own message ("Holding A1 A2...") stays, under the wait.
            let waited = "Still waiting for the database: no answer for \(Int(max(0, state.now.timeIntervalSince(since)))) s."
            return StatusLines(lines: [waited, state.message?.text].compactMap { $0 }.map(clipStatus), style: .warning)
        }
        if let message = state.message {
            return StatusLines(lines: wrapped(message.text), style: message.isError ? .error : .good)
        }
        let hints = switch state.screen {
        case .shows: ["Enter open", "/ filter", "b find booking"] + (state.mayManage ? ["n new show"] : []) + ["s sales", "q quit", "? help"]
        case .seats: ["Space select", "Enter hold", "c confirm", "x release", "q back", "e extend", "g go to", "b find", "? help"]
        }
        return StatusLines(lines: [clipStatus(Self.hintLine(hints, width: statusWidth))], style: .dim)
    }

    /// A booking's seats as a question about it names them: as ranges on the map.
    private func seatList(_ entry: BookingLedger.Entry) -> String { state.seatList(entry.booking.seats, of: entry.booking.showId) }

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

    /// The fewest columns a prompt keeps for its typed text before its note is cut.
    static let minimumTypedColumns = 20

    /// `label`, the typed `text` with its `_` caret, then `note`, on one status line. Text too
    /// long for the line shows its end, where the clerk is typing, behind an ellipsis, so a
    /// long email address can be read back while it is typed.
    func promptLine(_ label: String, _ text: String, note: String) -> String {
        let room = max(Self.minimumTypedColumns, statusWidth - grid.columns(of: label) - grid.columns(of: note))
        return clipStatus(label + clipKeepingEnd(text + "_", room) + note)
    }

    /// `text` broken at spaces into at most `maxStatusLines` lines of `statusWidth` columns.
    func wrapped(_ text: String) -> [String] { wrapped(text, columns: statusWidth, lines: Self.maxStatusLines) }

    /// `text` broken at spaces into at most `maxLines` lines of `width` columns; a word longer
    /// than a line is broken where the line ends, and what still does not fit is clipped with
    /// an ellipsis.
    func wrapped(_ text: String, columns width: Int, lines maxLines: Int) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        while lines.count < maxLines - 1, grid.columns(of: String(rest)) > width {
            let fits = grid.prefix(of: String(rest), columns: width).count
            var cut = rest.index(rest.startIndex, offsetBy: max(1, fits))
            if rest[cut...].first != " ", let space = rest[..<cut].lastIndex(of: " "), space > rest.startIndex {
                cut = space
            }
            lines.append(String(rest[..<cut]))
            rest = rest[cut...].drop(while: { $0 == " " })
        }
        lines.append(clip(String(rest), width))
        return lines
    }
}
