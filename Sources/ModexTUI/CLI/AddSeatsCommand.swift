import ArgumentParser
import Foundation
import SeatMapModel

/// `modex add`: a held booking takes more seats ("and one for my friend").
struct AddSeatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add seats to a held booking, all or nothing.",
        discussion: """
            The booking keeps its number and its expiry. Prints the hold as `modex hold` does \
            ({"booking_id": N, "seats": [...], ...} with --json). Exit 3 names the seats already taken; \
            exit 4 when the booking is no longer held (confirmed, released, run out). A seat the booking \
            already has is left as it is, so running the command again is safe.
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Booking id of the hold.") var booking: String
    @Argument(help: "Seat labels such as B7 or N1-AA12, or a row's range such as B3..B6.") var labels: [String] = []
    @Option(help: ArgumentHelp("Most seats the hold may have in all (default: MODEX_MAX_SEATS or 10).", valueName: "n"))
    var maxSeats: Int?

    func run() throws {
        try common.report {
            let bookingId = try InputValidation.identifier(booking, what: "booking")
            var policy = try HoldPolicy.fromEnvironment()
            if let maxSeats {
                guard (1...1_000).contains(maxSeats) else { throw BookingError.invalidInput("--max-seats must be from 1 to 1000") }
                policy.maxSeatsPerHold = maxSeats
            }
            let db = try common.openDatabase()
            let service = HoldService(database: db, policy: policy)
            let hold: Hold
            do {
                hold = try service.add(seats: labels, to: bookingId)
            } catch BookingError.seatsUnavailable(let taken) {
                let show = try service.booking(bookingId).showId
                throw ExplainedFailure(error: .seatsUnavailable(taken),
                                       message: try HoldCommand.whyTaken(taken, show: show, database: db, refusal: "Not added"))
            }
            let cents = try service.priceCents(ofBooking: hold.bookingId)
            if common.json {
                Output.json(HoldJSON(hold, totalCents: cents))
            } else {
                Output.line("Booking \(hold.bookingId) now holds \(Output.seats(hold.labels)) until \(Output.localTime(hold.expiresAt)); "
                            + "total \(PriceCategory.priceText(cents: cents)).")
            }
        }
    }
}
