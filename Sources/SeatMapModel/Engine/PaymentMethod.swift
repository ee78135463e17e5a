import Foundation

/// How the customer paid for a confirmed booking. A refund goes back the same way, so cashing
/// up (`SalesReport`) can say how much cash each operator's drawer should hold.
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case cash
    case card

    /// "in cash" or "by card".
    public var howText: String { self == .cash ? "in cash" : "by card" }

    /// "paid in cash" or "paid by card".
    public var paidText: String { "paid " + howText }
}

extension PriceCategory {
    /// An amount and how it was paid: "195.00 paid by card", or "195.00" when that was not
    /// recorded.
    public static func priceText(cents: Int, paidBy: PaymentMethod?) -> String {
        priceText(cents: cents) + (paidBy.map { " " + $0.paidText } ?? "")
    }
}

extension PriceCategory {
    /// What to give back, and how: "refund 195.00 in cash", "refund 195.00 by card", or
    /// "refund 195.00" when how it was paid was not recorded.
    public static func refundText(cents: Int, paidBy: PaymentMethod?) -> String {
        "refund \(priceText(cents: cents))" + (paidBy.map { " " + $0.howText } ?? "")
    }
}

extension PGRow {
    /// The payment method stored in `column`; nil for NULL.
    func paymentMethod(_ column: String) -> PaymentMethod? {
        text(column).flatMap(PaymentMethod.init(rawValue:))
    }
}

extension BookingLedger.Entry {
    /// What to give back to whom when this booking is cancelled: "refund 195.00 in cash to
    /// fan@example.com", "refund 195.00 by card to ...", or, when how they paid was not recorded,
    /// "refund 195.00 to ...". The email comes last, where a long one may be cut.
    public var refundText: String {
        "\(PriceCategory.refundText(cents: totalCents, paidBy: booking.paidBy)) to \(booking.email ?? "the customer")"
    }
}

extension HoldService {
    /// Corrects how the customer paid for a confirmed booking (the clerk pressed the wrong key),
    /// so cashing up counts it right; returns how it was recorded before (nil: not recorded).
    /// The correction covers the whole sale: seats given back from the booking, or the booking
    /// they were given back from, change with it. A change is recorded with who made it and when
    /// (`BookingLedger.paymentCorrections`). Only a manager or the seller may (`.notAllowed`); a
    /// booking never confirmed was never paid for (`.wrongState`).
    @discardableResult
    public func recordPayment(_ method: PaymentMethod, of bookingId: Int64) throws -> PaymentMethod? {
        try requireMayCorrectPayment(bookingId)
        let named = try booking(bookingId)
        guard named.confirmedAt != nil else {
            throw BookingError.wrongState("Booking \(bookingId) was never confirmed, so nothing was paid for it")
        }
        let sale = named.returnedFrom ?? bookingId
        let operatorName = policy.operatorName
        return try database.transaction { conn in
            let before = try conn.query("SELECT paid_by FROM bookings WHERE show_id = $1 AND booking_id = $2 FOR UPDATE",
                                        [.int(named.showId), .int(sale)]).single().paymentMethod("paid_by")
            guard before != method else { return method }
            try conn.query("""
                UPDATE bookings SET paid_by = $3
                 WHERE show_id = $1 AND (booking_id = $2 OR returned_from = $2) AND confirmed_at IS NOT NULL
                """, [.int(named.showId), .int(sale), .text(method.rawValue)])
            try conn.query("""
                INSERT INTO payment_corrections (show_id, booking_id, paid_before, paid_after, corrected_by)
                VALUES ($1, $2, $3, $4, $5)
                """, [.int(named.showId), .int(sale), before.map { .text($0.rawValue) }, .text(method.rawValue), .text(operatorName)])
            return before
        }
    }

    /// Throws `.notAllowed` unless this operator may correct how the booking was paid: a manager
    /// (or anyone, while no manager is named), or its seller, also after the show has begun (a
    /// correction refunds nothing). `.notFound` if there is no such booking.
    public func requireMayCorrectPayment(_ bookingId: Int64) throws {
        try requireMayAmend(bookingId, to: "change how booking \(bookingId) was paid")
    }
}

extension BookingLedger {
    /// A correction of how a sale was paid (`HoldService.recordPayment`).
    public struct PaymentCorrection: Sendable, Equatable {
        /// Nil when it had not been recorded.
        public let before: PaymentMethod?
        public let after: PaymentMethod
        public let correctedBy: String
        public let correctedAt: Date
    }

    /// The corrections of how booking `bookingId`'s sale was paid, oldest first; for seats
    /// given back from a booking, those of that booking's sale.
    public func paymentCorrections(of bookingId: Int64) throws -> [PaymentCorrection] {
        try database.run("""
            SELECT c.paid_before, c.paid_after, c.corrected_by, extract(epoch FROM c.corrected_at)::float8 AS corrected_at
              FROM bookings b
              JOIN payment_corrections c ON c.show_id = b.show_id AND c.booking_id = coalesce(b.returned_from, b.booking_id)
             WHERE b.booking_id = $1
             ORDER BY c.corrected_at
            """, [.int(bookingId)]).rows.map { row in
            guard let after = PaymentMethod(rawValue: try row.string("paid_after")) else {
                throw BookingError.internalFailure("unknown payment method \(row.text("paid_after") ?? "")")
            }
            return PaymentCorrection(before: row.paymentMethod("paid_before"), after: after,
                                     correctedBy: try row.string("corrected_by"), correctedAt: try row.date("corrected_at"))
        }
    }
}
