/// A run of one row's seats as people type it: `B3..B6`, or with the dash the picker shows
/// (`B3–B6`), either way round. It names every number from one end to the other.
public struct SeatLabelRange: Hashable, Sendable {
    public let section: String
    public let row: String
    /// The lowest and highest seat numbers, both named.
    public let numbers: ClosedRange<Int>

    /// Why typed text is not a range.
    public enum Problem: Error, Equatable {
        /// An end is not a seat label (`B3..`, `B3..Q`); the text of that end, or the whole when
        /// an end is empty.
        case notALabel(String)
        /// The ends are in different rows or sections (`B3..C4`).
        case acrossRows
    }

    /// What separates the ends: two dots, an en dash or an em dash. (A hyphen already separates a
    /// section from its row, as in `N1-AA12`.)
    static let separators = ["..", "–", "—"]

    /// Nil when `text` (uppercase) has no range separator: it is a single label or nothing at
    /// all. Otherwise the range, or why it is not one.
    public static func parse(_ text: String) -> Result<SeatLabelRange, Problem>? {
        guard let dash = separators.lazy.compactMap({ text.range(of: $0) }).first else { return nil }
        let fromText = String(text[..<dash.lowerBound]), toText = String(text[dash.upperBound...])
        guard let from = SeatLabel(parsing: fromText) else { return .failure(.notALabel(fromText.isEmpty ? text : fromText)) }
        guard let to = SeatLabel(parsing: toText) else { return .failure(.notALabel(toText.isEmpty ? text : toText)) }
        guard from.section == to.section, from.row == to.row else { return .failure(.acrossRows) }
        return .success(SeatLabelRange(section: from.section, row: from.row,
                                       numbers: min(from.number, to.number)...max(from.number, to.number)))
    }

    /// The seats' labels, lowest number first; lazy, so a long range can be checked seat by
    /// seat without spelling it all out.
    public var labels: some Collection<String> {
        numbers.lazy.map { [section, row] number in
            SeatLabel(section: section, row: row, number: number)?.description ?? ""
        }
    }
}

extension SeatLabelRange {
    /// How ranges are written for people, in the picker and the CLI alike: as they are typed.
    /// (An en dash beside hyphenated labels, "N1-A1–N1-A8", reads as one more hyphen.)
    public static let dash = ".."

    /// `labels` by row, three or more consecutive numbers of one row written as a range joined
    /// by `dash` ("A1..A10 B3"), for where no seat map gives the order (the show list, the CLI).
    /// Rows come in label order (A...Z, AA...); labels that do not parse come last, as they are.
    public static func listText(_ labels: [String], dash: String = SeatLabelRange.dash) -> String {
        let parsed = labels.compactMap { SeatLabel(parsing: $0) }
            .sorted { ($0.section, $0.row.count, $0.row, $0.number) < ($1.section, $1.row.count, $1.row, $1.number) }
        return (runs(parsed, dash: dash) + labels.filter { SeatLabel(parsing: $0) == nil }).joined(separator: " ")
    }

    /// `ordered` as written, each run of three or more consecutive numbers of one row as one
    /// range joined by `dash` ("A1..A4"); the rest one by one.
    public static func runs(_ ordered: [SeatLabel], dash: String = SeatLabelRange.dash) -> [String] {
        var parts: [String] = []
        var run: [SeatLabel] = []
        func endRun() {
            parts += run.count >= 3 ? ["\(run[0])\(dash)\(run[run.count - 1])"] : run.map(\.description)
            run = []
        }
        for label in ordered {
            if let last = run.last, last.section != label.section || last.row != label.row || last.number + 1 != label.number { endRun() }
            run.append(label)
        }
        endRun()
        return parts
    }
}
