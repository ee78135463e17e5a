/// A customer at the counter wants more seats than they hold ("and one for my friend"): the
/// hold takes them, keeping its booking number and its expiry (see `Schema0013`).
extension HoldService {
    /// Adds `labels` (or a row's ranges, `B3..B6`) to held booking `bookingId`, and returns the
    /// hold with all its seats. All or nothing: a seat someone else has is refused with
    /// `.seatsUnavailable` naming it, and nothing is added. A seat the booking already has is
    /// left as it is, so the call is safe to send again. The booking may have at most
    /// `policy.maxSeatsPerHold` seats in all (`.invalidInput` beyond); one no longer held (run
    /// out, confirmed, released) is `.wrongState`.
    public func add(seats labels: [String], to bookingId: Int64) throws -> Hold {
        let labels = try InputValidation.seatLabels(labels, maxSeats: policy.maxSeatsPerHold)
        let row = try database.call("SELECT show_id, seats, created_at, expires_at FROM modex_add_seats($1, $2, $3)",
                                    [.int(bookingId), .textArray(labels), .int(Int64(policy.maxSeatsPerHold))]).single()
        let showId = try row.int("show_id")
        announce(showId)
        return Hold(bookingId: bookingId, showId: showId, labels: try row.textArray("seats"), expiresAt: try row.date("expires_at"),
                    longestExpiry: try row.date("created_at").addingTimeInterval(policy.maxHoldSeconds))
    }
}
