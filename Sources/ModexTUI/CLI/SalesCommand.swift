import ArgumentParser
import Foundation
import SeatMapModel

/// `modex sales [--date DAY]`: a day's takings per operator, for cashing up.
struct SalesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sales", abstract: "A day's takings per operator: what each sold and refunded.",
        discussion: """
            Sold: bookings confirmed that day, counted for the operator who held them. Refunded: \
            confirmed bookings cancelled that day, counted for the operator who cancelled them. \
            Days run midnight to midnight in this terminal's time zone.
            """)
    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("The day: 2026-11-26, today or yesterday.", valueName: "day")) var date = "today"

    func run() throws {
        try common.report {
            let day = try Self.day(date)
            let lines = try SalesReport(database: try common.openDatabase()).day(day)
            if common.json { Output.json(SalesJSON(day: day, lines: lines)); return }
            Output.line("Sales on \(day)")
            for line in Self.table(lines) { Output.line(line) }
        }
    }

    /// `today` and `yesterday` by this terminal's calendar, or a day as written.
    static func day(_ raw: String, now: Date = Date(), calendar: Calendar = .current) throws -> String {
        let offset: Int? = switch raw.lowercased() { case "today": 0; case "yesterday": -1; default: nil }
        guard let offset else { return try InputValidation.calendarDay(raw) }
        let date = calendar.date(byAdding: .day, value: offset, to: now)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// A line per operator, then the day's totals; or one line saying nothing was sold.
    static func table(_ lines: [SalesReport.Line]) -> [String] {
        guard !lines.isEmpty else { return ["Nothing was sold or refunded."] }
        let price = { (cents: Int) in PriceCategory.priceText(cents: cents) }
        var total = SalesReport.Line(operatorName: "Total")
        for line in lines { total.sold.add(line.sold); total.refunded.add(line.refunded) }
        let names = lines.map { $0.operatorName ?? "(not recorded)" } + ["Total"]
        let rows = (lines + [total]).enumerated().map { i, line in
            [names[i], String(line.sold.bookings), String(line.sold.seats), price(line.sold.cents),
             String(line.refunded.bookings), String(line.refunded.seats), price(line.refunded.cents), price(line.netCents)]
        }
        let header = ["Operator", "Sold", "Seats", "Amount", "Refunded", "Seats", "Amount", "Net"]
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
        func format(_ cells: [String]) -> String {
            cells.enumerated().map { c, text in
                let fill = String(repeating: " ", count: widths[c] - text.count)
                return c == 0 ? text + fill : fill + text
            }.joined(separator: "  ")
        }
        return [format(header)] + rows.map(format)
    }
}
