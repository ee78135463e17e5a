/// The seat columns every seat query selects, and how to decode them. A lapsed hold is
/// reported as AVAILABLE by the database clock.
enum SeatColumns {
    static let select = """
        seat_id, section, row_label, number, label, category, layout_row, layout_col,
        CASE WHEN status = 'RESERVED' AND hold_expires_at <= now() THEN 'AVAILABLE' ELSE status::text END AS status,
        CASE WHEN status = 'RESERVED' AND hold_expires_at <= now() THEN NULL ELSE booking_id END AS booking_id,
        CASE WHEN status = 'RESERVED' AND hold_expires_at > now() THEN extract(epoch FROM hold_expires_at)::float8 END AS hold_expires_at
        """

    static func decode(_ row: PGRow) throws -> SeatState {
        guard let status = SeatStatus(rawValue: try row.string("status")) else {
            throw BookingError.internalFailure("unknown seat status \(row.text("status") ?? "")")
        }
        return SeatState(
            seatId: Int(try row.int("seat_id")), label: try row.string("label"),
            section: try row.string("section"), row: try row.string("row_label"),
            number: Int(try row.int("number")), category: try row.string("category"),
            layoutRow: Int(try row.int("layout_row")), layoutColumn: Int(try row.int("layout_col")),
            status: status, bookingId: row.optionalInt("booking_id"),
            holdExpiresAt: row.optionalDate("hold_expires_at"))
    }
}
