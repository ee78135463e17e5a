import Foundation

/// Creates shows and reads show lists and seat maps.
public struct ShowCatalog {
    let database: Database

    public init(database: Database) { self.database = database }

    /// How long ago a new show may have started by the database clock (a show entered late on
    /// its day); anything earlier is refused as a mistyped date.
    public static let latestPastStart: TimeInterval = 12 * 3600

    /// How messages say that a show is past `latestPastStart`, when its seats no longer sell
    /// (migration 7 writes the same in its refusal).
    public static let pastSalesText = "started more than 12 hours ago"

    /// Stores a show and all its seats in one transaction; returns the new show id. `by` names
    /// the operator asking, who must be a manager (`Managers`); nil for modex's own shows (the
    /// demo shows, a bench show).
    public func createShow(name rawName: String, startsAt: Date, plan: VenuePlan, by operatorName: String? = nil) throws -> Int64 {
        let name = try InputValidation.showName(rawName)
        guard !plan.seats.isEmpty else { throw BookingError.invalidInput("A show needs at least one seat") }
        if let operatorName { try Managers(database: database).require(operatorName, to: "create a show") }
        let showId = try database.transaction { conn in
            let past = try conn.query("SELECT to_timestamp($1) < now() - make_interval(secs => $2) AS past",
                                      [.double(startsAt.timeIntervalSince1970), .double(Self.latestPastStart)]).single()
            if try past.bool("past") {
                throw BookingError.invalidInput("The start, \(InputValidation.startTimeText(startsAt)), is in the past; check the date")
            }
            let showId = try conn.query("""
                INSERT INTO shows (name, starts_at, seat_count) VALUES ($1, to_timestamp($2), $3) RETURNING show_id
                """, [.text(name), .double(startsAt.timeIntervalSince1970), .int(Int64(plan.seats.count))]).single().int("show_id")
            try conn.query("""
                INSERT INTO price_categories (show_id, code, name, price_cents)
                SELECT $1, c, n, p FROM unnest($2::text[], $3::text[], $4::int[]) AS t(c, n, p)
                """, [.int(showId), .textArray(plan.categories.map(\.code)), .textArray(plan.categories.map(\.name)),
                      .intArray(plan.categories.map { Int64($0.priceCents) })])
            let batchSize = 50_000
            for start in stride(from: 0, to: plan.seats.count, by: batchSize) {
                let batch = plan.seats[start..<min(start + batchSize, plan.seats.count)]
                try conn.query("""
                    INSERT INTO seats (show_id, seat_id, section, row_label, number, label, category, layout_row, layout_col)
                    SELECT $1, $2::int + ord::int, sec, r, n, l, c, lr, lc
                      FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[])
                           WITH ORDINALITY AS t(sec, r, n, c, lr, lc, ord)
                      CROSS JOIN LATERAL (SELECT CASE WHEN sec = '' THEN r || n ELSE sec || '-' || r || n END AS l) lbl
                    """, [.int(showId), .int(Int64(start)),
                          .textArray(batch.map(\.label.section)), .textArray(batch.map(\.label.row)),
                          .intArray(batch.map { Int64($0.label.number) }), .textArray(batch.map(\.category)),
                          .intArray(batch.map { Int64($0.layoutRow) }), .intArray(batch.map { Int64($0.layoutColumn) })])
            }
            return showId
        }
        // Until the planner's statistics count the new seats, it takes the show for one of a
        // few seats, and the watchers' change query reads all its seats instead of probing the
        // changed ones (IndexUseTests). Autovacuum would count them only after many more
        // changes. Best effort: a role that does not own the table is warned, not refused.
        _ = try? database.run("ANALYZE seats")
        return showId
    }

    /// What `deleteShow` removed.
    public struct DeletedShow: Equatable, Sendable {
        public let showId: Int64
        public let name: String
        public let seats: Int
        /// Released, expired and cancelled bookings removed with the show.
        public let endedBookings: Int
    }

    /// Deletes a show with its seats, price categories and ended bookings, in one transaction.
    /// A show with a confirmed booking or a hold that has not lapsed is refused (`.wrongState`):
    /// sold seats are never deleted, and a clerk's hold is never pulled away.
    /// Pickers open on the show are told it is gone (see `ChangeFeed.changes`). `by` names the
    /// operator asking, who must be a manager; nil for modex's own clean-up (a bench show).
    public func deleteShow(_ showId: Int64, by operatorName: String? = nil) throws -> DeletedShow {
        if let operatorName { try Managers(database: database).require(operatorName, to: "delete a show") }
        let deleted = try database.transaction(unbounded: true) { conn in
            guard let show = try conn.query("SELECT name, seat_count FROM shows WHERE show_id = $1 FOR UPDATE",
                                            [.int(showId)]).first else {
                throw BookingError.notFound("Show \(showId) does not exist")
            }
            let name = try show.string("name")
            // Seats first, in the order holds lock them, so no hold can start or finish
            // between the check and the deletion. Deleting a big show may take minutes.
            try conn.query("SELECT FROM seats WHERE show_id = $1 ORDER BY seat_id FOR UPDATE", [.int(showId)])
            let live = try conn.query("""
                SELECT count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
                       count(*) FILTER (WHERE status = 'PENDING' AND expires_at > now()) AS held,
                       count(*) AS bookings,
                       (array_agg(booking_id ORDER BY booking_id) FILTER (WHERE status = 'CONFIRMED'))[1:5] AS some_confirmed
                  FROM bookings WHERE show_id = $1
                """, [.int(showId)]).single()
            let confirmed = Int(try live.int("confirmed")), held = Int(try live.int("held"))
            if confirmed > 0 {
                let ids = try live.textArray("some_confirmed").joined(separator: ", ") + (confirmed > 5 ? ", ..." : "")
                throw BookingError.wrongState("Show \(showId) (\(name)) has \(confirmed) confirmed booking\(confirmed == 1 ? "" : "s") (\(ids)), "
                    + "and a show with sold seats is never deleted. Cancel them first (`modex cancel BOOKING`)")
            }
            if held > 0 {
                throw BookingError.wrongState("Show \(showId) (\(name)) has \(held) hold\(held == 1 ? "" : "s") in progress; "
                    + "try again when \(held == 1 ? "it has" : "they have") ended")
            }
            // Each deleted seat and booking has its foreign keys checked row by row, through
            // indexes that lead with the show, so a big show takes quadratic time (a
            // 20,000-seat show with 10,000 bookings: 65 s). A superuser (the embedded cluster)
            // skips those checks: this transaction deletes every row on both sides of each key
            // for this show, and the locks above keep anyone from adding one, so no reference
            // can be left dangling. Without triggers nothing cascades, hence every table here.
            if try conn.query("SELECT current_setting('is_superuser') = 'on' AS superuser").single().bool("superuser") {
                try conn.query("SET LOCAL session_replication_role = replica")
            }
            for table in ["sold_seats", "seats", "bookings", "price_categories", "shows"] {
                try conn.query("DELETE FROM \(table) WHERE show_id = $1", [.int(showId)])
            }
            return DeletedShow(showId: showId, name: name, seats: Int(try show.int("seat_count")),
                               endedBookings: Int(try live.int("bookings")))
        }
        // After the commit, like every announcement. If it is lost, a picker's periodic check
        // still finds the show gone (`ChangeFeed.hasChanged`).
        try? ChangeFeed(database: database).announce(show: showId)
        return deleted
    }

    /// Whether the show exists (a deleted show does not).
    public func exists(_ showId: Int64) throws -> Bool {
        try database.run("SELECT EXISTS (SELECT 1 FROM shows WHERE show_id = $1) AS found", [.int(showId)]).single().bool("found")
    }

    /// Every show with available/reserved/booked counts by the database clock: coming shows
    /// soonest first, then shows that started more than `latestPastStart` ago, latest first, so
    /// past shows never push today's down the list.
    public func shows() throws -> [ShowSummary] {
        try database.run(Self.summarySQL + """
             ORDER BY s.starts_at < now() - make_interval(secs => $1),
                      CASE WHEN s.starts_at >= now() - make_interval(secs => $1) THEN s.starts_at END,
                      s.starts_at DESC, s.show_id
            """, [.double(Self.latestPastStart)]).rows.map(Self.decodeSummary)
    }

    /// The summaries of the shows among `ids` that exist (a deleted show is left out), in no
    /// particular order: what an open show list reads again when other terminals change seats.
    public func shows(ids: [Int64]) throws -> [ShowSummary] {
        try database.run(Self.summarySQL + " WHERE s.show_id = ANY ($1)", [.intArray(ids)]).rows.map(Self.decodeSummary)
    }

    /// One show's summary; `.notFound` if it does not exist.
    public func show(_ showId: Int64) throws -> ShowSummary {
        guard let row = try database.run(Self.summarySQL + " WHERE s.show_id = $1", [.int(showId)]).first else {
            throw BookingError.notFound("Show \(showId) does not exist")
        }
        return try Self.decodeSummary(row)
    }

    /// Only the labels of a show's seats, in seat order: what a load test picks from, without
    /// reading and decoding the whole map. `.notFound` if there is no such show.
    public func seatLabels(show showId: Int64) throws -> [String] {
        let labels = try database.run("SELECT label FROM seats WHERE show_id = $1 ORDER BY seat_id", [.int(showId)])
            .rows.map { try $0.string("label") }
        if labels.isEmpty { _ = try show(showId) }   // every show has seats: says it does not exist
        return labels
    }

    /// The seats of a show with these labels, in seat order, as they stand now (a lapsed hold
    /// reads as available); labels the show lacks are left out.
    public func seats(_ labels: [String], show showId: Int64) throws -> [SeatState] {
        try database.run("SELECT \(SeatColumns.select) FROM seats WHERE show_id = $1 AND label = ANY ($2) ORDER BY seat_id",
                         [.int(showId), .textArray(labels)]).rows.map(SeatColumns.decode)
    }

    /// The full seat map of a show, in seat order.
    ///
    /// Everything is read from one snapshot, so the counts agree with the seats and the cursor
    /// is exactly the point the seats were read at: following from it neither misses a change
    /// nor delivers one the map already shows.
    public func seatMap(show showId: Int64) throws -> SeatMap {
        try database.transaction(readOnlySnapshot: true) { _ in
            let summary = try show(showId)
            let categories = try database.run(
                "SELECT code, name, price_cents FROM price_categories WHERE show_id = $1 ORDER BY code", [.int(showId)]
            ).rows.map { PriceCategory(code: try $0.string("code"), name: try $0.string("name"), priceCents: Int(try $0.int("price_cents"))) }
            let stamp = try ChangeFeed.stamp(database)
            let result = try database.run("""
                SELECT \(SeatColumns.select) FROM seats WHERE show_id = $1 ORDER BY seat_id
                """, [.int(showId)])
            return SeatMap(show: summary, categories: categories, seats: try result.rows.map(SeatColumns.decode),
                           cursor: stamp.cursor, databaseTime: stamp.time)
        }
    }

    static let summarySQL = """
        SELECT s.show_id, s.name, extract(epoch FROM s.starts_at)::float8 AS starts_at,
               extract(epoch FROM s.created_at)::float8 AS created_at, s.seat_count,
               c.reserved, c.booked
          FROM shows s
          CROSS JOIN LATERAL (
              SELECT count(*) FILTER (WHERE st.status = 'RESERVED' AND st.hold_expires_at > now()) AS reserved,
                     count(*) FILTER (WHERE st.status = 'BOOKED') AS booked
                FROM seats st WHERE st.show_id = s.show_id AND st.status <> 'AVAILABLE') c
        """

    static func decodeSummary(_ row: PGRow) throws -> ShowSummary {
        let total = Int(try row.int("seat_count"))
        let reserved = Int(try row.int("reserved"))
        let booked = Int(try row.int("booked"))
        return ShowSummary(showId: try row.int("show_id"), name: try row.string("name"),
                           startsAt: try row.date("starts_at"), createdAt: try row.date("created_at"),
                           totalSeats: total, available: total - reserved - booked,
                           reserved: reserved, booked: booked)
    }
}
