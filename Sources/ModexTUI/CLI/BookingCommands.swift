import ArgumentParser
import Foundation
import SeatMapModel

struct HoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Hold seats of one show, all or nothing.",
        discussion: """
            Prints {"booking_id": N, "expires_at": "..."} with --json. Exit 3 names the seats already taken.
            With --request-id, running the same command again after exit 69 (no answer) is safe: if the \
            first attempt went through, it prints that hold again instead of exit 3.
            """)
    @OptionGroup var common: CommonOptions
    @OptionGroup var holdOptions: HoldOptions
    @Argument(help: "Show id.") var show: String
    @Argument(help: "Seat labels such as B7 or N1-AA12, or a row's range such as B3..B6.") var labels: [String] = []
    @Option(help: "Customer email to note on the hold (validated).") var email: String?
    @Option(help: ArgumentHelp("A name for this hold request, new for each hold (an order number, a UUID); run the command again with it to retry safely.",
                               valueName: "id")) var requestId: String?

    func run() throws {
        try common.report {
            let showId = try InputValidation.identifier(show, what: "show")
            let request = try requestId.map(InputValidation.requestId)
            let db = try common.openDatabase()
            let service = HoldService(database: db, policy: try holdOptions.policy())
            let hold: Hold
            do {
                hold = try service.hold(seats: labels, for: showId, email: email, request: request, retrying: request != nil)
            } catch BookingError.seatsUnavailable(let taken) {
                throw ExplainedFailure(error: .seatsUnavailable(taken), message: try Self.whyTaken(taken, show: showId, database: db))
            }
            let cents = try service.priceCents(ofBooking: hold.bookingId)
            if common.json {
                Output.json(HoldJSON(hold, totalCents: cents))
            } else {
                Output.line("Held \(Output.seats(hold.labels)) as booking \(hold.bookingId) until \(Output.localTime(hold.expiresAt)); "
                            + "total \(PriceCategory.priceText(cents: cents)).")
            }
        }
    }
}

extension HoldCommand {
    /// What became of seats a hold was refused: "Not held: A1 is booked (booking 1); B3 is held
    /// until 19:42:10 (booking 30)". "Just taken by another terminal" suits the seat picker, whose
    /// map showed them free; a script may be asking for seats sold days ago. `refusal` begins
    /// the sentence ("Not added" when a hold was to take more seats).
    static func whyTaken(_ labels: [String], show: Int64, database: Database, refusal: String = "Not held") throws -> String {
        // One clause per booking, in seat order: "A1 and A2 are booked (booking 1)".
        var groups: [(seats: [SeatState], key: String)] = []
        for seat in try ShowCatalog(database: database).seats(labels, show: show) {
            let key = "\(seat.status)/\(seat.bookingId ?? 0)"
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].seats.append(seat) } else { groups.append(([seat], key)) }
        }
        let reasons = groups.map { group -> String in
            let seat = group.seats[0]
            let names = BookingError.list(group.seats.map(\.label))
            let many = group.seats.count > 1
            let booking = seat.bookingId.map { " (booking \($0))" } ?? ""
            switch seat.status {
            case .booked: return "\(names) \(many ? "are" : "is") booked\(booking)"
            case .reserved: return "\(names) \(many ? "are" : "is") held until \(Output.localTime(seat.holdExpiresAt ?? Date()))\(booking)"
            case .available: return "\(names) \(many ? "were" : "was") taken a moment ago and \(many ? "are" : "is") free again; run the command again"
            }
        }
        return "\(refusal): " + reasons.joined(separator: "; ")
    }
}

struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Confirm a held booking for a customer.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Booking id.") var booking: String
    @Option(help: "The customer's email.") var email: String
    @Option(help: ArgumentHelp("How the customer paid: cash or card. Left out, no payment is recorded "
                               + "(cashing up then counts it apart).", valueName: "cash|card")) var paid: String?

    func run() throws {
        try common.report {
            let id = try InputValidation.identifier(booking, what: "booking")
            let paidBy = try paid.map(InputValidation.paymentMethod)
            let service = HoldService(database: try common.openDatabase())
            let details = try service.confirm(booking: id, email: email, paidBy: paidBy)
            let cents = try service.priceCents(ofBooking: id)
            if common.json { Output.json(BookingJSON(details, totalCents: cents)) } else {
                let total = PriceCategory.priceText(cents: cents, paidBy: paidBy)
                Output.line("Booking \(id) confirmed: \(Output.seats(details.seats)) for \(details.email ?? ""); total \(total).")
            }
        }
    }
}

struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Give a held booking's seats back.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Booking id.") var booking: String

    func run() throws {
        try common.endBooking(booking, done: "released") { try $0.release(booking: $1) }
    }
}

struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a confirmed booking and free its seats.",
        discussion: """
            With --seats, only those seats are given back and the customer keeps the rest: they \
            are recorded as a new, cancelled booking of their own (what to refund), and the \
            booking keeps its number and its other seats. Once managers are named, an operator \
            may cancel only their own sales, and only until the show begins; anything else needs a \
            manager (refused with exit 77).
            """)
    @OptionGroup var common: CommonOptions
    @Argument(help: "Booking id.") var booking: String
    @Option(parsing: .upToNextOption, help: ArgumentHelp("Give back only these seats of the booking (labels, or a row's range such as B3..B6).", valueName: "label"))
    var seats: [String] = []

    func run() throws {
        guard !seats.isEmpty else {
            return try common.endBooking(booking, done: "cancelled; its seats are free again", sayingTheRefund: true) { try $0.cancel(booking: $1) }
        }
        try common.report {
            let id = try InputValidation.identifier(booking, what: "booking")
            let service = HoldService(database: try common.openDatabase())
            let returned = try service.returnSeats(seats, of: id)
            if common.json { Output.json(BookingJSON(returned)); return }
            let given = Output.seats(returned.booking.seats)
            guard returned.booking.bookingId != id else {
                return Output.line("Booking \(id) cancelled; its seats are free again: \(returned.refundText).")
            }
            // Done already: failing to read what is left must not make it look undone.
            let kept = (try? service.booking(id)).map { "; \(Output.seats($0.seats)) \($0.seats.count == 1 ? "stays" : "stay") booked" } ?? ""
            Output.line("Booking \(id): \(given) given back (recorded as booking \(returned.booking.bookingId)) and free again"
                        + "\(kept): \(returned.refundText).")
        }
    }
}

extension CommonOptions {
    /// Release and cancel: run `end` on the booking, then print it (JSON) or say it is `done`,
    /// with what to refund to whom when `sayingTheRefund`.
    func endBooking(_ rawId: String, done: String, sayingTheRefund: Bool = false, _ end: (HoldService, Int64) throws -> Void) throws {
        try report {
            let id = try InputValidation.identifier(rawId, what: "booking")
            let service = HoldService(database: try openDatabase())
            try end(service, id)
            if json { Output.json(BookingJSON(try service.bookingWithTotal(id))) } else {
                // Done already: failing to read the amount must not make it look undone.
                let refund = sayingTheRefund ? (try? service.bookingWithTotal(id)).map { ": " + $0.refundText } : nil
                Output.line("Booking \(id) \(done)\(refund ?? "").")
            }
        }
    }
}

struct BookingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "booking", abstract: "Show one booking.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Booking id.") var booking: String

    func run() throws {
        try common.report {
            let id = try InputValidation.identifier(booking, what: "booking")
            let database = try common.openDatabase()
            let service = HoldService(database: database)
            let entry = try service.bookingWithTotal(id)
            let b = entry.booking, cents = entry.totalCents
            let corrections = try BookingLedger(database: database).paymentCorrections(of: id)
            if common.json {
                var json = BookingJSON(entry)
                json.paymentCorrections = corrections.isEmpty ? nil : corrections.map(PaymentCorrectionJSON.init)
                return Output.json(json)
            }
            Output.line("Booking \(b.bookingId), show \(b.showId): \(b.status.rawValue)")
            Output.line("Seats:    \(Output.seats(b.seats))")
            Output.line("Email:    \(b.email ?? "-")")
            Output.line("Total:    \(PriceCategory.priceText(cents: cents))")
            if b.confirmedAt != nil { Output.line("Paid:     \(b.paidBy?.rawValue ?? "not recorded")") }
            for c in corrections {
                Output.line("          corrected from \(c.before?.rawValue ?? "not recorded") to \(c.after.rawValue) "
                            + "at \(Output.localTime(c.correctedAt)) by \(c.correctedBy)")
            }
            Output.line("Operator: \(b.operatorName)")
            if let from = b.returnedFrom { Output.line("Given back from booking \(from), which keeps its other seats") }
            switch b.status {
            case .confirmed: Output.line("Confirmed: \(b.confirmedAt.map { Output.localTime($0) } ?? "-")")
            case .pending: Output.line("Hold ends: \(Output.localTime(b.expiresAt))")
            case .expired: Output.line("Hold ended: \(Output.localTime(b.expiresAt))")
            case .cancelled:
                // Who ended it is unknown for bookings ended before migration 8.
                let ended = (b.endedAt.map { Output.localTime($0) } ?? "-") + (b.endedBy.map { " by \($0)" } ?? "")
                if let confirmed = b.confirmedAt {
                    Output.line("Confirmed: \(Output.localTime(confirmed))")
                    Output.line("Cancelled: \(ended)")
                } else {
                    Output.line("Released: \(ended), before its hold ended")
                }
            }
            for r in try BookingLedger(database: database).returns(of: id, show: b.showId) {
                let when = (r.booking.endedAt.map { Output.localTime($0) } ?? "-") + (r.booking.endedBy.map { " by \($0)" } ?? "")
                Output.line("Given back: \(Output.seats(r.booking.seats)) (booking \(r.booking.bookingId), "
                            + "\(PriceCategory.priceText(cents: r.totalCents))) at \(when)")
            }
        }
    }
}

struct ExpireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire", abstract: "Mark lapsed holds EXPIRED and free their seats.",
        discussion: "Seats are available the instant a hold lapses; the sweep tidies stored state and notifies watchers.")
    @OptionGroup var common: CommonOptions
    @Flag(help: "Keep sweeping once a second until interrupted.") var watch = false

    func run() throws {
        try common.report {
            guard watch else {
                let summary = try ExpirySweeper(database: try common.openDatabase()).sweep()
                print(summary)
                return
            }
            var db: Database? = nil
            Output.warn("Sweeping lapsed holds every second; each sweep that frees seats is reported. Ctrl-C stops.")
            while true {
                do {
                    if db == nil { db = try common.openDatabase() }
                    let summary = try ExpirySweeper(database: db!).sweep()
                    if summary.expiredBookings + summary.freedSeats > 0 { print(summary) }
                } catch let error as BookingError where error.isTransient {
                    Output.warn("modex expire: \(error.message); retrying")
                    db = nil
                }
                sleep(1)
            }
        }
    }

    private func print(_ s: ExpirySummary) {
        if common.json { Output.json(ExpireJSON(expiredBookings: s.expiredBookings, freedSeats: s.freedSeats)) } else {
            Output.line("Expired \(GroupedNumber.counted(s.expiredBookings, "booking")), freed \(GroupedNumber.counted(s.freedSeats, "seat")).")
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Verify the booking invariants; exit 0 only if all hold.")
    @OptionGroup var common: CommonOptions
    @Option(help: ArgumentHelp("Seconds a lapsed hold may stay PENDING before it counts as a fault (open seat pickers sweep every 10 s).", valueName: "seconds"))
    var sweepLag: Double = 30

    func run() throws {
        try common.report {
            let report = try IntegrityChecker(database: try common.openDatabase()).check(sweepLagSeconds: sweepLag)
            if common.json {
                Output.json(CheckJSON(ok: report.isClean, seatsChecked: report.seatsChecked, bookingsChecked: report.bookingsChecked,
                                      findings: report.findings.map { .init(invariant: $0.invariant, detail: $0.detail) }))
            } else {
                Output.line(report.isClean
                    ? "OK: \(GroupedNumber.counted(report.seatsChecked, "seat")) and \(GroupedNumber.counted(report.bookingsChecked, "booking")) "
                      + "satisfy every invariant."
                    : "FAILED: \(GroupedNumber.counted(report.findings.count, "problem")):")
                for f in report.findings { Output.line("  [\(f.invariant)] \(f.detail)") }
            }
            if !report.isClean { throw ExitCode.failure }
        }
    }
}
