/// The booking columns every booking query selects from `bookings b`, and how to decode them.
/// A PENDING booking past its expiry is reported as EXPIRED by the database clock; `cents` is
/// what its seats cost together.
enum BookingColumns {
    static let select = """
        b.booking_id, b.show_id, b.email, b.operator,
        CASE WHEN b.status = 'PENDING' AND b.expires_at <= now() THEN 'EXPIRED' ELSE b.status::text END AS status,
        extract(epoch FROM b.created_at)::float8 AS created_at,
        extract(epoch FROM b.expires_at)::float8 AS expires_at,
        extract(epoch FROM b.confirmed_at)::float8 AS confirmed_at,
        extract(epoch FROM b.ended_at)::float8 AS ended_at, b.ended_by, b.paid_by, b.returned_from,
        ARRAY(SELECT s.label FROM seats s
               WHERE s.show_id = b.show_id AND s.seat_id = ANY (b.seat_ids) ORDER BY s.seat_id) AS seats,
        \(cents) AS cents
        """

    /// What the seats of booking `b` cost together, by their price categories.
    static let cents = """
        (SELECT coalesce(sum(p.price_cents), 0)
           FROM seats s
           JOIN price_categories p ON p.show_id = s.show_id AND p.code = s.category
          WHERE s.show_id = b.show_id AND s.seat_id = ANY (b.seat_ids))
        """

    static func decode(_ row: PGRow) throws -> (details: BookingDetails, totalCents: Int) {
        guard let status = BookingStatus(rawValue: try row.string("status")) else {
            throw BookingError.internalFailure("unknown booking status \(row.text("status") ?? "")")
        }
        let details = BookingDetails(bookingId: try row.int("booking_id"), showId: try row.int("show_id"), status: status,
                                     seats: try row.textArray("seats"), email: row.text("email"),
                                     operatorName: try row.string("operator"), createdAt: try row.date("created_at"),
                                     expiresAt: try row.date("expires_at"), confirmedAt: row.optionalDate("confirmed_at"),
                                     endedAt: row.optionalDate("ended_at"), endedBy: row.text("ended_by"),
                                     paidBy: row.paymentMethod("paid_by"),
                                     returnedFrom: row.text("returned_from").flatMap { Int64($0) })
        return (details, Int(try row.int("cents")))
    }
}
