/// Marks lapsed holds EXPIRED and frees their seats. Availability never waits for it (a lapsed
/// hold is available at once); the sweep keeps stored state tidy and tells watchers.
public struct ExpirySweeper {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One sweep.
    @discardableResult
    public func sweep() throws -> ExpirySummary {
        let row = try database.run("SELECT expired_bookings, freed_seats FROM modex_expire()").single()
        return ExpirySummary(expiredBookings: Int(try row.int("expired_bookings")), freedSeats: Int(try row.int("freed_seats")))
    }
}
