/// How the customer paid for a confirmed booking. A refund goes back the same way, so cashing
/// up (`SalesReport`) can say how much cash each operator's drawer should hold.
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case cash
    case card

    /// "paid in cash" or "paid by card".
    public var paidText: String { self == .cash ? "paid in cash" : "paid by card" }
}

extension BookingLedger.Entry {
    /// What to give back to whom when this booking is cancelled: "refund 195.00 in cash to
    /// fan@example.com", "refund 195.00 by card to ...", or, when how they paid was not recorded,
    /// "refund 195.00 to ...". The email comes last, where a long one may be cut.
    public var refundText: String {
        let how = switch booking.paidBy {
        case .cash: " in cash"
        case .card: " by card"
        case nil: ""
        }
        return "refund \(PriceCategory.priceText(cents: totalCents))\(how) to \(booking.email ?? "the customer")"
    }
}

extension HoldService {
    /// Corrects how the customer paid for a confirmed booking (the clerk pressed the wrong key),
    /// so cashing up counts it right; returns how it was recorded before (nil: not recorded).
    /// The correction covers the whole sale: seats given back from the booking, or the booking
    /// they were given back from, change with it. Only a manager or the seller may
    /// (`.notAllowed`); a booking never confirmed was never paid for (`.wrongState`).
    @discardableResult
    public func recordPayment(_ method: PaymentMethod, of bookingId: Int64) throws -> PaymentMethod? {
        try requireMayAmend(bookingId, to: "change how booking \(bookingId) was paid")
        let before = try booking(bookingId)
        guard before.confirmedAt != nil else {
            throw BookingError.wrongState("Booking \(bookingId) was never confirmed, so nothing was paid for it")
        }
        let sale = before.returnedFrom ?? bookingId
        try database.run("""
            UPDATE bookings SET paid_by = $3
             WHERE show_id = $1 AND (booking_id = $2 OR returned_from = $2) AND confirmed_at IS NOT NULL
            """, [.int(before.showId), .int(sale), .text(method.rawValue)])
        return before.paidBy
    }
}
