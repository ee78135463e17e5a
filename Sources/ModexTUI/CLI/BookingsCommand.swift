import ArgumentParser
import Foundation
import SeatMapModel

/// `modex bookings SHOW`: the door list, or a customer's booking found by email; without a show,
/// `--email` looks through every coming show.
struct BookingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookings", abstract: "List a show's confirmed bookings, or find one by the customer's email.",
        discussion: """
            Without SHOW, --email looks through the confirmed bookings of every coming show (those \
            the show list puts first), for a customer who does not remember which night they booked. \
            Prints a JSON array of bookings (the shape of `modex booking --json`) with --json. \
            An empty list is not an error.
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Show id; leave it out to look through every coming show with --email.") var show: String?
    @Option(help: ArgumentHelp("Only bookings whose email contains this, ignoring case.", valueName: "text")) var email: String?
    @Flag(help: "Every booking, not only confirmed ones: holds, and those that ran out or were released or cancelled.") var all = false

    func validate() throws {
        if show == nil && email == nil {
            throw ValidationError("Give a show id, or --email to look through every coming show.")
        }
        if show == nil && all {
            throw ValidationError("--all needs a show id: across shows only confirmed bookings are listed.")
        }
    }

    func run() throws {
        try common.report {
            let showId = try show.map { try InputValidation.identifier($0, what: "show") }
            let db = try common.openDatabase()
            guard let showId else {
                let entries = try BookingLedger(database: db).comingBookings(emailContaining: email)
                if common.json { Output.json(entries.map(BookingJSON.init)); return }
                for line in Self.table(entries, withStatus: false, withShow: true) { Output.line(line) }
                Output.line(Self.footer(entries, all: false, email: email, inComingShows: true))
                return
            }
            let entries = try BookingLedger(database: db).bookings(show: showId, emailContaining: email, everyStatus: all)
            if common.json { Output.json(entries.map(BookingJSON.init)); return }
            let summary = try ShowCatalog(database: db).show(showId)
            Output.line("\(summary.name) (show \(showId)), \(InputValidation.startTimeText(summary.startsAt))")
            for line in Self.table(entries, withStatus: all) { Output.line(line) }
            Output.line(Self.footer(entries, all: all, email: email))
        }
    }

    /// One line a booking: number, show (across shows), status (with --all), total, how it was
    /// paid (cash, card, or - when not recorded or never confirmed), email, seats;
    /// the seats come last, so a long list of them never pushes the other columns out of line.
    /// They are listed one by one, not as ranges: at the door, a search for B7 must find its line.
    static func table(_ entries: [BookingLedger.Entry], withStatus: Bool, withShow: Bool = false) -> [String] {
        guard !entries.isEmpty else { return [] }
        let emailWidth = max(5, entries.map { ($0.booking.email ?? "-").count }.max() ?? 0)
        let totalWidth = max(5, entries.map { PriceCategory.priceText(cents: $0.totalCents).count }.max() ?? 0)
        func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - text.count))
            return right ? fill + text : text + fill
        }
        var lines = [[pad("Booking", 8, right: true), withShow ? pad("Show", 6, right: true) : nil,
                      withStatus ? pad("Status", 9) : nil, pad("Total", totalWidth, right: true), "Paid",
                      pad("Email", emailWidth), "Seats"].compactMap { $0 }.joined(separator: "  ")]
        for entry in entries {
            let b = entry.booking
            lines.append([pad(String(b.bookingId), 8, right: true), withShow ? pad(String(b.showId), 6, right: true) : nil,
                          withStatus ? pad(b.status.rawValue, 9) : nil,
                          pad(PriceCategory.priceText(cents: entry.totalCents), totalWidth, right: true),
                          pad(b.confirmedAt == nil ? "-" : b.paidBy?.rawValue ?? "-", 4),
                          pad(b.email ?? "-", emailWidth), b.seats.joined(separator: " ")].compactMap { $0 }.joined(separator: "  "))
        }
        return lines
    }

    static func footer(_ entries: [BookingLedger.Entry], all: Bool, email: String?, inComingShows: Bool = false) -> String {
        let kind = all ? "booking" : "confirmed booking"
        let matching = (email.map { " with an email containing \"\($0)\"" } ?? "") + (inComingShows ? " in coming shows" : "")
        guard !entries.isEmpty else { return "No \(kind)s\(matching)." }
        let confirmed = entries.filter { $0.booking.status == .confirmed }
        let seats = confirmed.reduce(0) { $0 + $1.booking.seats.count }
        let cents = confirmed.reduce(0) { $0 + $1.totalCents }
        let count = "\(entries.count) \(kind)\(entries.count == 1 ? "" : "s")\(matching)"
        let sold = "\(GroupedNumber.counted(seats, "seat")), \(PriceCategory.priceText(cents: cents)) in all"
        return all ? "\(count); \(confirmed.count) confirmed: \(sold)." : "\(count): \(sold)."
    }
}
