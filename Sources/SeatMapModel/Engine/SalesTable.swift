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
        let date = calendar.date(byAdding: .day, value: offset, to: now)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A line per operator, then the day's totals, in columns; or one line saying nothing was sold.
    /// Seats and Sold are what the operator sold, Refunded what they gave back, and Net, Cash and
    /// Card the difference, in all and by how the customers paid (Cash is what the operator's
    /// drawer should hold). An Unknown column, and a line explaining it, appear only when some
    /// booking was confirmed without saying how it was paid. It fits 80 columns with amounts
    /// below 100000.00.
    public static func table(_ lines: [Line]) -> [String] {
        guard !lines.isEmpty else { return ["Nothing was sold or refunded."] }
        let price = { (cents: Int) in PriceCategory.priceText(cents: cents) }
        var total = Line(operatorName: "Total")
        for line in lines { total.sold.add(line.sold); total.refunded.add(line.refunded) }
        let unknown = (lines + [total]).contains { $0.sold.unknownCents != 0 || $0.refunded.unknownCents != 0 }
        let names = lines.map { $0.operatorName ?? "(not recorded)" } + ["Total"]
        let rows = (lines + [total]).enumerated().map { i, line in
            [names[i], String(line.sold.seats), price(line.sold.cents), price(line.refunded.cents), price(line.netCents),
             price(line.netCashCents), price(line.netCardCents)] + (unknown ? [price(line.netUnknownCents)] : [])
        }
        let header = ["Operator", "Seats", "Sold", "Refunded", "Net", "Cash", "Card"] + (unknown ? ["Unknown"] : [])
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let fill = String(repeating: " ", count: widths[c] - text.count)
                return c == 0 ? text + fill : fill + text
            }.joined(separator: "  ")
        }
        let note = unknown ? ["Unknown: confirmed without saying how it was paid."] : []
        return [format(header)] + rows.map(format) + note
    }
}
