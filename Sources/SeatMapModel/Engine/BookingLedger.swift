/// Reads a show's bookings: the door list of who booked what, and a customer's booking found
/// by the email they give at the counter.
public struct BookingLedger {
    let database: Database

    public init(database: Database) { self.database = database }

    /// A booking and what its seats cost together.
    public struct Entry: Sendable, Equatable {
        public let booking: BookingDetails
        public let totalCents: Int

        public init(booking: BookingDetails, totalCents: Int) {
            self.booking = booking
            self.totalCents = totalCents
        }
    }

    /// The show's confirmed bookings, or with `everyStatus` all of them (holds, and those that
    /// expired or were released or cancelled too), oldest first. `emailContaining` keeps those
    /// whose email contains it, ignoring case; `bookingId` keeps only that booking. `.notFound`
    /// if there is no such show.
    public func bookings(show showId: Int64, emailContaining email: String? = nil, bookingId: Int64? = nil,
                         everyStatus: Bool = false) throws -> [Entry] {
        let entries = try database.run("""
            SELECT \(BookingColumns.select)
              FROM bookings b
             WHERE b.show_id = $1 AND ($2 OR b.status = 'CONFIRMED')
               AND strpos(lower(coalesce(b.email, '')), lower($3)) > 0
               AND ($4 = 0 OR b.booking_id = $4)
             ORDER BY b.booking_id
            """, [.int(showId), .bool(everyStatus), .text(email ?? ""), .int(bookingId ?? 0)]).rows.map(BookingColumns.decode)
        if entries.isEmpty { _ = try ShowCatalog(database: database).show(showId) }   // says when there is no such show
        return entries.map { Entry(booking: $0.details, totalCents: $0.totalCents) }
    }

    /// The confirmed bookings of every coming show (one that started no more than
    /// `ShowCatalog.latestPastStart` ago, as the show list has them) whose email contains
    /// `email`, ignoring case, or whose number is `bookingId`: a customer who does not remember
    /// which night they booked. Soonest show first, then oldest booking first.
    public func comingBookings(emailContaining email: String? = nil, bookingId: Int64? = nil) throws -> [Entry] {
        try database.run("""
            SELECT \(BookingColumns.select)
              FROM shows s JOIN bookings b ON b.show_id = s.show_id
             WHERE s.starts_at >= now() - make_interval(secs => $1) AND b.status = 'CONFIRMED'
               AND strpos(lower(coalesce(b.email, '')), lower($2)) > 0
               AND ($3 = 0 OR b.booking_id = $3)
             ORDER BY s.starts_at, s.show_id, b.booking_id
            """, [.double(ShowCatalog.latestPastStart), .text(email ?? ""), .int(bookingId ?? 0)]).rows
            .map(BookingColumns.decode).map { Entry(booking: $0.details, totalCents: $0.totalCents) }
    }
}
