/// A day's takings per operator, for cashing up at the end of a shift: what each operator sold
/// (bookings confirmed that day, by whoever made the hold) and refunded (confirmed bookings they
/// cancelled that day), at the seats' prices, and how much of it was cash and card. A refund goes
/// back the way the booking was paid, so the cash an operator's drawer should hold is their cash
/// sales less their cash refunds.
///
/// The day runs from midnight to midnight in the session's time zone, which `Database` sets to
/// the terminal's. A booking sold and refunded on the same day counts on both sides. It reads
/// every booking confirmed since the day began (there is no index on the times: a report is run
/// once a day, and an index would cost every confirmation).
/// A released hold was never sold, so it is no refund. Seats a customer gave back while keeping
/// the rest of a booking are refunded on the day they came back, and stay sold on the day of the
/// sale, as part of the same booking.
public struct SalesReport {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One operator's day.
    public struct Line: Sendable, Equatable {
        /// Nil for refunds recorded before migration 8, or by an older modex, which said not who.
        public let operatorName: String?
        public var sold = Tally()
        public var refunded = Tally()

        public init(operatorName: String?, sold: Tally = Tally(), refunded: Tally = Tally()) {
            self.operatorName = operatorName
            self.sold = sold
            self.refunded = refunded
        }

        /// What the operator took in, less what they gave back.
        public var netCents: Int { sold.cents - refunded.cents }
        /// The cash taken in, less the cash given back: what the drawer should hold.
        public var netCashCents: Int { sold.cashCents - refunded.cashCents }
        /// The same by card.
        public var netCardCents: Int { sold.cardCents - refunded.cardCents }
        /// The rest: bookings confirmed without saying how the customer paid.
        public var netUnknownCents: Int { sold.unknownCents - refunded.unknownCents }
    }

    /// Bookings, their seats, and what those cost, of which `cashCents` were paid in cash and
    /// `cardCents` by card.
    public struct Tally: Sendable, Equatable {
        public var bookings = 0, seats = 0, cents = 0, cashCents = 0, cardCents = 0
        public init(bookings: Int = 0, seats: Int = 0, cents: Int = 0, cashCents: Int = 0, cardCents: Int = 0) {
            self.bookings = bookings
            self.seats = seats
            self.cents = cents
            self.cashCents = cashCents
            self.cardCents = cardCents
        }

        /// The part of `cents` whose payment was not recorded.
        public var unknownCents: Int { cents - cashCents - cardCents }
    }

    /// The day `date` ("2026-11-26", the local calendar day), one line per operator in name order
    /// (refunds by nobody recorded last); empty when nothing was sold or refunded.
    public func day(_ date: String) throws -> [Line] {
        let day = try InputValidation.calendarDay(date)
        let rows = try database.run("""
            WITH b AS (
                SELECT b.*,
                       b.confirmed_at >= $1::date AND b.confirmed_at < $1::date + 1 AS sold_that_day,
                       b.status = 'CANCELLED' AND b.confirmed_at IS NOT NULL
                           AND b.ended_at >= $1::date AND b.ended_at < $1::date + 1 AS refunded_that_day
                  FROM bookings b
                 WHERE b.confirmed_at IS NOT NULL)
            SELECT CASE WHEN sold_that_day THEN b.operator END AS seller,
                   CASE WHEN refunded_that_day THEN coalesce(b.ended_by, '') END AS refunder,
                   cardinality(b.seat_ids) AS seats,
                   \(BookingColumns.cents) AS cents, b.paid_by, b.returned_from IS NOT NULL AS returned
              FROM b
             WHERE sold_that_day OR refunded_that_day
            """, [.text(day)]).rows
        var lines: [String: Line] = [:]
        for row in rows {
            let cents = Int(try row.int("cents")), paidBy = row.paymentMethod("paid_by")
            let tally = Tally(bookings: 1, seats: Int(try row.int("seats")), cents: cents,
                              cashCents: paidBy == .cash ? cents : 0, cardCents: paidBy == .card ? cents : 0)
            if let seller = row.text("seller") {
                // Seats given back from a booking are part of that booking's sale, not another one.
                var sale = tally
                if row.text("returned") == "t" { sale.bookings = 0 }
                lines[seller, default: Line(operatorName: seller)].sold.add(sale)
            }
            if let refunder = row.text("refunder") {
                lines[refunder, default: Line(operatorName: refunder.isEmpty ? nil : refunder)].refunded.add(tally)
            }
        }
        return lines.values.sorted { a, b in
            switch (a.operatorName, b.operatorName) {
            case let (x?, y?): x < y
            case (_?, nil): true   // refunds by nobody recorded come last
            default: false
            }
        }
    }
}

extension SalesReport.Tally {
    /// Adds `other`'s bookings, seats and amount to this tally.
    public mutating func add(_ other: Self) {
        bookings += other.bookings
        seats += other.seats
        cents += other.cents
        cashCents += other.cashCents
        cardCents += other.cardCents
    }
}
