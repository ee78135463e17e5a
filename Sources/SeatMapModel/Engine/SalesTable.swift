import Foundation

/// How a day's takings read, in `modex sales` and the seat picker's sales screen.
extension SalesReport {
    /// `today` and `yesterday` by `calendar` (this terminal's), or a day as written (`2026-11-26`).
    public static func day(_ raw: String, now: Date = Date(), calendar: Calendar = .current) throws -> String {
        let offset: Int? = switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "today": 0
        case "yesterday": -1
        default: nil
        }
        guard let offset else { return try InputValidation.calendarDay(raw) }
        return day(daysBeforeToday: -offset, now: now, calendar: calendar)
    }

    /// The day `daysBeforeToday` days before today by `calendar`, as written: 0 is today.
    public static func day(daysBeforeToday: Int, now: Date = Date(), calendar: Calendar = .current) -> String {
        let date = calendar.date(byAdding: .day, value: -daysBeforeToday, to: now)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// `days` days after `day` (before it, if negative), both written as `2026-11-26`; nil if
    /// `day` is not such a day. Calendar arithmetic only: no clock or time zone takes part.
    public static func day(_ day: String, plus days: Int) -> String? {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3,
              let date = utc.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
        return Self.day(daysBeforeToday: -days, now: date, calendar: utc)
    }

    /// A line per operator, then the day's totals, in columns; or one line saying nothing was sold.
    /// Seats and Sold are what the operator sold, Refunded what they gave back, and Net, Cash and
    /// Card the difference, in all and by how the customers paid (Cash is what the operator's
    /// drawer should hold). An Unknown column, and a line explaining it, appear only when some
    /// booking was confirmed without saying how it was paid.
    ///
    /// Wider than `width` (the picker's 80 columns take amounts below 100,000.00; with the
    /// Unknown column as well, they leave out Seats), the table leaves out Seats, then Refunded,
    /// then Sold, and says so in a last line: what cashing up needs (Net, Cash, Card) stays.
    public static func table(_ lines: [Line], width: Int = .max) -> [String] {
        guard !lines.isEmpty else { return ["Nothing was sold or refunded."] }
        let price = { (cents: Int) in PriceCategory.priceText(cents: cents) }
        var total = Line(operatorName: "Total")
        for line in lines { total.sold.add(line.sold); total.refunded.add(line.refunded) }
        let all = lines + [total]
        let unknown = all.contains { $0.sold.unknownCents != 0 || $0.refunded.unknownCents != 0 }
        var columns = [
            TextColumn(header: "Operator", cells: lines.map { $0.operatorName ?? "(not recorded)" } + ["Total"]),
            TextColumn(header: "Seats", cells: all.map { GroupedNumber.text($0.sold.seats) }),
            TextColumn(header: "Sold", cells: all.map { price($0.sold.cents) }),
            TextColumn(header: "Refunded", cells: all.map { price($0.refunded.cents) }),
            TextColumn(header: "Net", cells: all.map { price($0.netCents) }),
            TextColumn(header: "Cash", cells: all.map { price($0.netCashCents) }),
            TextColumn(header: "Card", cells: all.map { price($0.netCardCents) }),
        ]
        if unknown { columns.append(TextColumn(header: "Unknown", cells: all.map { price($0.netUnknownCents) })) }
        func tableWidth() -> Int { columns.map(\.width).reduce(0, +) + 2 * (columns.count - 1) }
        var left: [String] = []
        for header in ["Seats", "Refunded", "Sold"] where tableWidth() > width {
            columns.removeAll { $0.header == header }
            left.append(header)
        }
        func format(_ row: Int?) -> String {
            columns.enumerated().map { c, column in
                let text = row.map { column.cells[$0] } ?? column.header
                let fill = String(repeating: " ", count: column.width - text.count)
                return c == 0 ? text + fill : fill + text
            }.joined(separator: "  ")
        }
        let unknownNote = unknown ? ["Unknown: confirmed without saying how it was paid."] : []
        let leftOut = ["Seats", "Sold", "Refunded"].filter(left.contains)
        let leftNote = left.isEmpty ? [] : ["Left out to fit: \(leftOut.joined(separator: ", ")) (a wider window shows them)."]
        return [format(nil)] + all.indices.map(format) + unknownNote + leftNote
    }
}

/// A column of a text table: its header and its cells, as wide as the widest of them.
private struct TextColumn {
    let header: String
    let cells: [String]
    var width: Int { ([header] + cells).map(\.count).max()! }
}
