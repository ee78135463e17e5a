import Foundation
import SeatMapModel

/// The JSON documents of the CLI contract (documented in the README). Keys are snake_case and
/// times are ISO 8601 in UTC.
struct ShowJSON: Encodable {
    let showId: Int64, name: String, startsAt: String, totalSeats: Int, available: Int, reserved: Int, booked: Int
    /// The show started more than 12 hours ago, so its seats no longer sell.
    let salesClosed: Bool
    enum CodingKeys: String, CodingKey {
        case showId = "show_id", name, startsAt = "starts_at", totalSeats = "total_seats", available, reserved, booked
        case salesClosed = "sales_closed"
    }
    init(_ s: ShowSummary) {
        showId = s.showId; name = s.name; startsAt = Output.iso(s.startsAt); totalSeats = s.totalSeats
        available = s.available; reserved = s.reserved; booked = s.booked
        salesClosed = s.salesClosed(at: Date())
    }
}

struct SeatJSON: Encodable {
    let label: String, status: String, section: String, row: String, number: Int, category: String
    let layoutRow: Int, layoutColumn: Int, bookingId: Int64?, holdExpiresAt: String?
    enum CodingKeys: String, CodingKey {
        case label, status, section, row, number, category, layoutRow = "layout_row", layoutColumn = "layout_column"
        case bookingId = "booking_id", holdExpiresAt = "hold_expires_at"
    }
    init(_ s: SeatState) {
        label = s.label; status = s.status.rawValue; section = s.section; row = s.row; number = s.number
        category = s.category; layoutRow = s.layoutRow; layoutColumn = s.layoutColumn
        bookingId = s.bookingId; holdExpiresAt = s.holdExpiresAt.map(Output.iso)
    }
}

struct SeatMapJSON: Encodable {
    let show: ShowJSON, categories: [CategoryJSON], seats: [SeatJSON], cursor: String
}

struct CategoryJSON: Encodable {
    let code: String, name: String, price: String
    init(_ c: PriceCategory) { code = c.code; name = c.name; price = PriceCategory.decimalText(cents: c.priceCents) }
}

struct HoldJSON: Encodable {
    let bookingId: Int64, showId: Int64, seats: [String], expiresAt: String
    /// What the seats cost together, as a plain decimal ("1250.00"), as in `BookingJSON`.
    let total: String
    enum CodingKeys: String, CodingKey { case bookingId = "booking_id", showId = "show_id", seats, expiresAt = "expires_at", total }
    init(_ hold: Hold, totalCents: Int) {
        bookingId = hold.bookingId; showId = hold.showId; seats = hold.labels; expiresAt = Output.iso(hold.expiresAt)
        total = PriceCategory.decimalText(cents: totalCents)
    }
}

struct BookingJSON: Encodable {
    let bookingId: Int64, showId: Int64, status: String, seats: [String], email: String?, operatorName: String
    let createdAt: String, expiresAt: String, confirmedAt: String?
    /// When and by whom it was released or cancelled (`endedBy` is null for a hold that ran out).
    let endedAt: String?, endedBy: String?
    /// `cash` or `card`; null while not confirmed, or when it was not recorded.
    let paidBy: String?
    /// For seats given back from a booking whose customer kept the rest: that booking.
    let returnedFrom: Int64?
    /// Corrections of how the sale was paid, when asked for (`modex booking`).
    var paymentCorrections: [PaymentCorrectionJSON]?
    /// What the seats cost together ("130.00").
    let total: String
    enum CodingKeys: String, CodingKey {
        case bookingId = "booking_id", showId = "show_id", status, seats, email, operatorName = "operator"
        case createdAt = "created_at", expiresAt = "expires_at", confirmedAt = "confirmed_at", total
        case endedAt = "ended_at", endedBy = "ended_by", paidBy = "paid_by"
        case returnedFrom = "returned_from", paymentCorrections = "payment_corrections"
    }
    init(_ b: BookingDetails, totalCents: Int) {
        total = PriceCategory.decimalText(cents: totalCents)
        bookingId = b.bookingId; showId = b.showId; status = b.status.rawValue; seats = b.seats; email = b.email
        operatorName = b.operatorName; createdAt = Output.iso(b.createdAt); expiresAt = Output.iso(b.expiresAt)
        confirmedAt = b.confirmedAt.map(Output.iso)
        endedAt = b.endedAt.map(Output.iso); endedBy = b.endedBy; paidBy = b.paidBy?.rawValue
        returnedFrom = b.returnedFrom
    }
    init(_ entry: BookingLedger.Entry) { self.init(entry.booking, totalCents: entry.totalCents) }
}

struct PaymentCorrectionJSON: Encodable {
    let before: String?, after: String, correctedBy: String, correctedAt: String
    enum CodingKeys: String, CodingKey { case before, after, correctedBy = "corrected_by", correctedAt = "corrected_at" }
    init(_ c: BookingLedger.PaymentCorrection) {
        before = c.before?.rawValue; after = c.after.rawValue; correctedBy = c.correctedBy; correctedAt = Output.iso(c.correctedAt)
    }
}

struct ExpireJSON: Encodable {
    let expiredBookings: Int, freedSeats: Int
    enum CodingKeys: String, CodingKey { case expiredBookings = "expired_bookings", freedSeats = "freed_seats" }
}

struct CheckJSON: Encodable {
    struct Finding: Encodable { let invariant: String, detail: String }
    let ok: Bool, seatsChecked: Int, bookingsChecked: Int, findings: [Finding]
    enum CodingKeys: String, CodingKey { case ok, seatsChecked = "seats_checked", bookingsChecked = "bookings_checked", findings }
}

struct SalesJSON: Encodable {
    struct Tally: Encodable {
        /// `cash` and `card` are the parts of `amount` paid that way; the rest was not recorded.
        let bookings: Int, seats: Int, amount: String, cash: String, card: String
        init(_ t: SalesReport.Tally) {
            bookings = t.bookings; seats = t.seats; amount = PriceCategory.decimalText(cents: t.cents)
            cash = PriceCategory.decimalText(cents: t.cashCents); card = PriceCategory.decimalText(cents: t.cardCents)
        }
    }
    struct Line: Encodable {
        /// Null for refunds whose operator was not recorded (before migration 8).
        let operatorName: String?, sold: Tally, refunded: Tally, net: String
        /// Net in cash (what the operator's drawer should hold) and by card.
        let netCash: String, netCard: String
        enum CodingKeys: String, CodingKey { case operatorName = "operator", sold, refunded, net, netCash = "net_cash", netCard = "net_card" }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(operatorName, forKey: .operatorName)   // null, not left out
            try c.encode(sold, forKey: .sold)
            try c.encode(refunded, forKey: .refunded)
            try c.encode(net, forKey: .net)
            try c.encode(netCash, forKey: .netCash)
            try c.encode(netCard, forKey: .netCard)
        }
    }
    let day: String, operators: [Line]
    init(day: String, lines: [SalesReport.Line]) {
        self.day = day
        operators = lines.map { Line(operatorName: $0.operatorName, sold: Tally($0.sold), refunded: Tally($0.refunded),
                                     net: PriceCategory.decimalText(cents: $0.netCents),
                                     netCash: PriceCategory.decimalText(cents: $0.netCashCents),
                                     netCard: PriceCategory.decimalText(cents: $0.netCardCents)) }
    }
}
