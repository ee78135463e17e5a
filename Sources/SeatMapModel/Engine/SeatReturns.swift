/// A customer gives back some of a booking's seats and keeps the rest (one of four tickets).
extension HoldService {
    /// Gives back the seats `labels` (or a row's ranges, `B3..B6`) of confirmed booking
    /// `bookingId`: they are free again at once, and a new booking, cancelled, records them
    /// (`returnedFrom` is `bookingId`), who took them back and when. Returns that booking with
    /// what its seats cost, which is what to refund. Given every seat of the booking, it cancels
    /// the booking itself and returns it.
    ///
    /// The operator must be allowed to cancel the booking (`requireMayCancel`). A seat that is
    /// not the booking's is refused with `.wrongState`, naming the booking's seats. No range is
    /// capped by this terminal's `maxSeatsPerHold`: the booking may have been sold under a larger one.
    public func returnSeats(_ labels: [String], of bookingId: Int64) throws -> BookingLedger.Entry {
        guard !labels.isEmpty else { throw BookingError.invalidInput("Name the seats to give back") }
        // No cap from this terminal's policy: the hold may have been made under a larger
        // MODEX_MAX_SEATS, and the database refuses any seat that is not the booking's.
        let labels = try InputValidation.distinctSeatLabels(labels, maxSeats: nil)
        try requireMayCancel(bookingId)
        try requireOwnSeats(labels, of: bookingId)
        let row = try database.call("SELECT show_id, returned_booking FROM modex_return_seats($1, $2, $3)",
                                    [.int(bookingId), .textArray(labels), .text(policy.operatorName)]).single()
        announce(try row.int("show_id"))
        return try bookingWithTotal(try row.int("returned_booking"))
    }

    /// Refuses, as `.wrongState`, labels that are not among the confirmed booking's seats,
    /// named as ranges ("Booking 7 has no seat A13..A9999 (its seats: A1..A12)"), before a long
    /// range reaches the database. `modex_return_seats` checks again under the booking's lock.
    private func requireOwnSeats(_ labels: [String], of bookingId: Int64) throws {
        let booking = try booking(bookingId)
        // A hold or an ended booking is refused by the database, for its state.
        guard booking.status == .confirmed else { return }
        let own = Set(booking.seats)
        let strangers = labels.filter { !own.contains($0) }
        guard strangers.isEmpty else {
            throw BookingError.wrongState("Booking \(bookingId) has no seat \(SeatLabelRange.listText(strangers)) "
                                          + "(its seats: \(SeatLabelRange.listText(booking.seats)))")
        }
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
