import ArgumentParser
import Foundation
import SeatMapModel

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema (safe to run again).")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            let db = try common.openDatabase()
            let migrator = Migrator(database: db)
            let applied = try migrator.migrate()
            let all = try migrator.appliedVersions()
            if common.json {
                Output.json(["applied": applied, "schema_versions": all])
            } else {
                Output.line(applied.isEmpty ? "Schema is up to date (version \(all.last ?? 0))." : "Applied migrations \(applied.map(String.init).joined(separator: ", ")).")
            }
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Manage shows.", subcommands: [CreateShow.self, DeleteShow.self])

    struct CreateShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a show from rows x seats per row, or from a layout file.",
            discussion: "Prints {\"show_id\": N} with --json. The layout file format is described in the README.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The show's name (1 to 200 characters).") var name: String
        @Option(help: ArgumentHelp("Start time, e.g. 2026-12-01T19:30 (local time unless a zone is given).", valueName: "time")) var starts: String
        @Option(help: "Number of rows (with --seats-per-row).") var rows: Int?
        @Option(help: "Seats in each row (with --rows).") var seatsPerRow: Int?
        @Option(help: ArgumentHelp("Price of a seat in a --rows grid (default: 25.00); a layout file sets its own.", valueName: "amount")) var price: String?
        @Option(help: ArgumentHelp("A venue layout file instead of --rows/--seats-per-row.", valueName: "file")) var layout: String?

        func run() throws {
            try common.report {
                let plan = try makePlan()
                let startsAt = try InputValidation.startTime(starts)
                let name = try InputValidation.showName(name)
                let db = try common.openDatabase()
                let showId = try ShowCatalog(database: db).createShow(name: name, startsAt: startsAt, plan: plan,
                                                                      by: OperatorIdentity.current)
                if common.json { Output.json(["show_id": showId]) } else {
                    Output.line("Created show \(showId): \(name), \(plan.seats.count) seats.")
                }
            }
        }

        func makePlan() throws -> VenuePlan {
            switch (layout, rows, seatsPerRow) {
            case (let path?, nil, nil):
                guard price == nil else {
                    throw BookingError.invalidInput("--price is for a --rows grid; a layout file sets its own prices in its `category` lines")
                }
                return try LayoutFile.plan(atPath: path)
            case (nil, let rows?, let seats?):
                let price = price ?? PriceCategory.decimalText(cents: VenuePlan.defaultGridPriceCents)
                switch LayoutParser.price(price) {
                case .success(let cents): return try VenuePlan.grid(rows: rows, seatsPerRow: seats, priceCents: cents)
                case .failure(let problem): throw BookingError.invalidInput("\"\(price)\" \(problem.text(example: "25.00"))")
                }
            default:
                throw BookingError.invalidInput("Give either --rows and --seats-per-row, or --layout FILE")
            }
        }
    }
}

/// `modex show delete`: removes a mistyped or finished show that sold nothing.
struct DeleteShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a show that has no confirmed bookings and no holds in progress.",
        discussion: """
            Removes the show, its seats and its ended (released, expired or cancelled) bookings. A show \
            with a confirmed booking is refused (exit 4): cancel those bookings first. Prints \
            {"deleted_show_id": N, ...} with --json.
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Show id.") var show: String

    func run() throws {
        try common.report {
            let showId = try InputValidation.identifier(show, what: "show")
            let catalog = ShowCatalog(database: try common.openDatabase())
            let summary = try catalog.show(showId)
            if summary.totalSeats >= 100_000 {
                Output.warn("Deleting show \(showId) (\(summary.name), \(summary.totalSeats) seats); this can take a minute...")
            }
            let deleted = try catalog.deleteShow(showId, by: OperatorIdentity.current)
            if common.json {
                Output.json(["deleted_show_id": deleted.showId, "seats": Int64(deleted.seats), "ended_bookings": Int64(deleted.endedBookings)])
            } else {
                Output.line("Deleted show \(deleted.showId) (\(deleted.name)): \(deleted.seats) seats, \(deleted.endedBookings) ended bookings.")
            }
        }
    }
}

struct ShowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shows", abstract: "List shows with available/total seats.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            let shows = try ShowCatalog(database: try common.openDatabase()).shows()
            if common.json { Output.json(shows.map(ShowJSON.init)); return }
            if shows.isEmpty { Output.line("No shows yet. Create one with `modex show create`."); return }
            let counts = shows.map { "\(GroupedNumber.text($0.available))/\(GroupedNumber.text($0.totalSeats)) available" }
            let countWidth = counts.map(\.count).max() ?? 0
            for (s, count) in zip(shows, counts) {
                let paddedCount = String(repeating: " ", count: countWidth - count.count) + count
                let closed = s.salesClosed(at: Date()) ? " (sales closed)" : ""
                Output.line("\(String(s.showId).padding(toLength: 5, withPad: " ", startingAt: 0)) \(InputValidation.startTimeText(s.startsAt))  \(paddedCount)  \(s.name)\(closed)")
            }
        }
    }
}

struct SeatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seats", abstract: "Show a seat map with each seat's status.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Show id.") var show: String

    func run() throws {
        try common.report {
            let showId = try InputValidation.identifier(show, what: "show")
            let map = try ShowCatalog(database: try common.openDatabase()).seatMap(show: showId)
            if common.json {
                Output.json(SeatMapJSON(show: ShowJSON(map.show), categories: map.categories.map(CategoryJSON.init),
                                        seats: map.seats.map(SeatJSON.init), cursor: map.cursor.snapshot))
                return
            }
            let show = map.show
            Output.line("\(show.name): " + GroupedNumber.seatCountsText(available: show.available, reserved: show.reserved, booked: show.booked))
            Output.line(SeatMapText.render(map))
        }
    }
}

/// A plain-text picture of a seat map for the non-interactive `modex seats`.
enum SeatMapText {
    static func render(_ map: SeatMap) -> String {
        let rows = (map.seats.map(\.layoutRow).max() ?? -1) + 1
        let cols = (map.seats.map(\.layoutColumn).max() ?? -1) + 1
        var grid = Array(repeating: Array(repeating: Character(" "), count: cols), count: rows)
        var rowNames = Array(repeating: "", count: rows)
        var rowSections = [String?](repeating: nil, count: rows)
        for seat in map.seats {
            rowSections[seat.layoutRow] = seat.section
            grid[seat.layoutRow][seat.layoutColumn] = switch seat.status {
            case .available: "."
            case .reserved: "r"
            case .booked: "X"
            }
            rowNames[seat.layoutRow] = seat.section.isEmpty ? seat.row : "\(seat.section)-\(seat.row)"
        }
        let width = rowNames.map(\.count).max() ?? 1
        let margin = String(repeating: " ", count: width + 2)
        // A ruler over each section's first row, numbered from that section's seats.
        var lines: [String] = []
        var section: String?
        for (r, (name, cells)) in zip(rowNames, grid).enumerated() {
            if let rowSection = rowSections[r], rowSection != section {
                section = rowSection
                lines += numberRuler(map.seats.filter { $0.section == rowSection }, columns: cols).map { margin + $0 }
            }
            lines.append(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(cells))
        }
        return lines.joined(separator: "\n") + "\n(. available, r reserved, X booked)"
    }

    /// Two lines over the seats: the tens and the units of the seat numbers in each column, so
    /// `B7` can be found by eye. A column whose rows number their seats differently (a curved
    /// or staggered layout) is left blank rather than misleading. Under ten seats a row, only
    /// the units.
    static func numberRuler(_ seats: [SeatState], columns: Int) -> [String] {
        var numbers = [Int?](repeating: nil, count: columns)
        var disagree = Set<Int>()
        for seat in seats {
            if let n = numbers[seat.layoutColumn], n != seat.number { disagree.insert(seat.layoutColumn) }
            numbers[seat.layoutColumn] = seat.number
        }
        for column in disagree { numbers[column] = nil }
        let tens = String(numbers.map { n in n.map { $0 % 10 == 0 ? Character(String($0 / 10 % 10)) : " " } ?? " " })
        let units = String(numbers.map { n in n.map { Character(String($0 % 10)) } ?? " " })
        return [tens, units].map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.filter { !$0.isEmpty }
    }
}
