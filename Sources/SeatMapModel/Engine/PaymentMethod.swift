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
