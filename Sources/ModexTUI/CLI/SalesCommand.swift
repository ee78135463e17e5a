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
            Net is what was sold less what was refunded; Cash and Card split it by how the customers \
            paid (a refund goes back the same way), so Cash is what the operator's drawer should \
            hold. Days run midnight to midnight in this terminal's time zone.
            """)
    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("The day: 2026-11-26, today or yesterday.", valueName: "day")) var date = "today"

    func run() throws {
        try common.report {
            let day = try SalesReport.day(date)
            let lines = try SalesReport(database: try common.openDatabase()).day(day)
            if common.json { Output.json(SalesJSON(day: day, lines: lines)); return }
            Output.line("Sales on \(day)")
            for line in SalesReport.table(lines) { Output.line(line) }
        }
    }
}
