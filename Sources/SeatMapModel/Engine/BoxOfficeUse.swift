import Foundation

/// Whether a database is a box office in use, so a load test does not add its shows and its
/// load to one by mistake.
public struct BoxOfficeUse {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Confirmed bookings made by anyone but `benchOperator`, counted up to `limit`.
    public func confirmedBookings(notMadeBy benchOperator: String, upTo limit: Int = 1_000) throws -> Int {
        Int(try database.run("""
            SELECT count(*) AS n FROM (SELECT 1 FROM bookings WHERE status = 'CONFIRMED' AND operator <> $1 LIMIT $2) AS real
            """, [.text(benchOperator), .int(Int64(limit))]).single().int("n"))
    }
}
