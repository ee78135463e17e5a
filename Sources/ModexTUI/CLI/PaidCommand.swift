import ArgumentParser
import SeatMapModel

/// `modex paid BOOKING cash|card`: corrects how a customer paid, after a wrong key at the counter.
struct PaidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paid", abstract: "Correct how the customer paid for a confirmed booking.",
        discussion: """
            For a sale recorded as cash that was paid by card, or the other way round, so that \
            cashing up (modex sales) counts it right. Seats given back from the booking change \
            with it. Once managers are named, only they and the booking's seller may.
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Booking id.") var booking: String
    @Argument(help: ArgumentHelp("How the customer paid.", valueName: "cash|card")) var method: String

    func run() throws {
        try common.report {
            let id = try InputValidation.identifier(booking, what: "booking")
            let paid = try InputValidation.paymentMethod(method)
            let service = HoldService(database: try common.openDatabase())
            let before = try service.recordPayment(paid, of: id)
            if common.json { Output.json(BookingJSON(try service.bookingWithTotal(id))); return }
            let was = before.map { $0 == paid ? "it already was" : "was \($0.rawValue)" } ?? "was not recorded"
            Output.line("Booking \(id): \(paid.paidText) (\(was)).")
        }
    }
}
