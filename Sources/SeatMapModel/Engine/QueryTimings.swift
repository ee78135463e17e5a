/// Server-side execution times of the reads that watchers make, for benchmarks.
public struct QueryTimings {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Milliseconds the server spends answering "has this show changed since `cursor`?".
    public func changeCheckMilliseconds(show showId: Int64, since cursor: ChangeCursor) throws -> Double {
        try executionTime(ChangeFeed.anyChangedSince, [.int(showId), .text(cursor.snapshot)])
    }

    /// Milliseconds the server spends re-reading a whole seat map's statuses.
    public func fullMapReadMilliseconds(show showId: Int64) throws -> Double {
        try executionTime("SELECT seat_id, status FROM seats WHERE show_id = $1", [.int(showId)])
    }

    private func executionTime(_ sql: String, _ parameters: [PGValue?]) throws -> Double {
        let plan = try database.run("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, parameters).single().string("QUERY PLAN")
        guard let range = plan.range(of: "\"Execution Time\": "),
              let value = Double(plan[range.upperBound...].prefix(while: { $0.isNumber || $0 == "." })) else {
            throw BookingError.internalFailure("no execution time in the plan")
        }
        return value
    }
}
