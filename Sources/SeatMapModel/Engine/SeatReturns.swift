/// A customer gives back some of a booking's seats and keeps the rest (one of four tickets).
extension HoldService {
    /// Gives back the seats `labels` (or a row's ranges, `B3..B6`) of confirmed booking
    /// `bookingId`: they are free again at once, and a new booking, cancelled, records them
    /// (`returnedFrom` is `bookingId`), who took them back and when. Returns that booking with
    /// what its seats cost, which is what to refund. Given every seat of the booking, it cancels
    /// the booking itself and returns it.
    ///
    /// The operator must be allowed to cancel the booking (`requireMayCancel`). A seat that is
    /// not the booking's is refused with `.wrongState`, naming the booking's seats.
    public func returnSeats(_ labels: [String], of bookingId: Int64) throws -> BookingLedger.Entry {
        guard !labels.isEmpty else { throw BookingError.invalidInput("Name the seats to give back") }
        var seen = Set<String>()
        // A booking has the seats of one hold at most, so a longer range cannot be all its own.
        let labels = try labels.flatMap { try InputValidation.seatLabelOrRange($0, maxSeats: policy.maxSeatsPerHold) }
            .filter { seen.insert($0).inserted }
        try requireMayCancel(bookingId)
        let row = try database.call("SELECT show_id, returned_booking FROM modex_return_seats($1, $2, $3)",
                                    [.int(bookingId), .textArray(labels), .text(policy.operatorName)]).single()
        announce(try row.int("show_id"))
        return try bookingWithTotal(try row.int("returned_booking"))
    }
}

extension BookingLedger {
    /// The seats given back from booking `bookingId` of show `showId`, one entry per return,
    /// oldest first (see `HoldService.returnSeats`). It reads the show's bookings, not an index:
    /// a lookup at the counter, not part of selling.
    public func returns(of bookingId: Int64, show showId: Int64) throws -> [Entry] {
        try database.run("""
            SELECT \(BookingColumns.select)
              FROM bookings b
             WHERE b.show_id = $1 AND b.returned_from = $2
             ORDER BY b.booking_id
            """, [.int(showId), .int(bookingId)]).rows
            .map(BookingColumns.decode).map { Entry(booking: $0.details, totalCents: $0.totalCents) }
    }
}
