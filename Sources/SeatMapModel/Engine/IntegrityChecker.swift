/// What `modex check` found. `isClean` is true only when every invariant holds.
public struct IntegrityReport: Sendable, Equatable {
    public struct Finding: Sendable, Equatable {
        /// Which invariant: `double_booking`, `seat_booking_mismatch` (which includes a sale in
        /// `sold_seats` that disagrees with its seat), `booking_without_seats` or `stale_pending`.
        public let invariant: String
        public let detail: String
    }
    public let findings: [Finding]
    public let seatsChecked: Int
    public let bookingsChecked: Int
    public var isClean: Bool { findings.isEmpty }
}

/// Verifies the booking invariants across the whole database.
public struct IntegrityChecker {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Checks that no seat is in two active bookings, that seat and booking statuses agree, and
    /// that no PENDING booking outlived its expiry by more than `sweepLagSeconds`.
    public func check(sweepLagSeconds: Double = 5) throws -> IntegrityReport {
        try database.transaction { conn in
            try conn.execute(script: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            var findings: [IntegrityReport.Finding] = []
            for (invariant, sql) in Self.queries {
                let rows = try conn.query(sql, invariant == "stale_pending" ? [.double(sweepLagSeconds)] : [])
                findings += try rows.rows.map { IntegrityReport.Finding(invariant: invariant, detail: try $0.string("detail")) }
            }
            let counts = try conn.query("SELECT (SELECT count(*) FROM seats) AS seats, (SELECT count(*) FROM bookings) AS bookings").single()
            return IntegrityReport(findings: findings, seatsChecked: Int(try counts.int("seats")), bookingsChecked: Int(try counts.int("bookings")))
        }
    }

    /// A booking's seats, one row each.
    static let links = "(SELECT b.show_id, b.booking_id, unnest(b.seat_ids) AS seat_id FROM bookings b)"

    static let queries: [(String, String)] = [
        ("double_booking", """
            SELECT format('show %s seat %s is in %s active bookings (%s)', l.show_id, s.label, count(*),
                          string_agg(l.booking_id::text, ', ' ORDER BY l.booking_id)) AS detail
              FROM \(links) l JOIN bookings b USING (show_id, booking_id) JOIN seats s USING (show_id, seat_id)
             WHERE b.status = 'CONFIRMED' OR (b.status = 'PENDING' AND b.expires_at > now())
             GROUP BY l.show_id, s.label HAVING count(*) > 1 LIMIT 50
            """),
        ("seat_booking_mismatch", """
            SELECT format('show %s seat %s is %s but booking %s is %s', s.show_id, s.label, s.status,
                          coalesce(s.booking_id::text, '(none)'), coalesce(b.status::text, 'missing')) AS detail
              FROM seats s
              LEFT JOIN bookings b ON b.show_id = s.show_id AND b.booking_id = s.booking_id
             WHERE (s.status = 'BOOKED' AND (b.status IS DISTINCT FROM 'CONFIRMED' OR s.seat_id <> ALL (b.seat_ids)))
                OR (s.status = 'RESERVED' AND s.hold_expires_at > now()
                    AND (b.status IS DISTINCT FROM 'PENDING' OR b.expires_at <> s.hold_expires_at
                         OR s.seat_id <> ALL (b.seat_ids)))
                OR (s.status = 'RESERVED' AND s.hold_expires_at <= now() AND b.status NOT IN ('PENDING', 'EXPIRED'))
            UNION ALL
            SELECT format('booking %s is %s but show %s seat %s is %s', b.booking_id, b.status, s.show_id, s.label,
                          CASE WHEN s.booking_id = b.booking_id THEN s.status::text
                               ELSE s.status::text || ' for ' || coalesce('booking ' || s.booking_id, 'nobody') END) AS detail
              FROM bookings b
              JOIN \(links) l USING (show_id, booking_id)
              JOIN seats s ON s.show_id = l.show_id AND s.seat_id = l.seat_id
             WHERE (b.status = 'CONFIRMED' AND (s.status <> 'BOOKED' OR s.booking_id IS DISTINCT FROM b.booking_id))
                OR (b.status = 'PENDING' AND b.expires_at > now()
                    AND (s.status <> 'RESERVED' OR s.booking_id IS DISTINCT FROM b.booking_id))
            UNION ALL
            SELECT format('show %s seat %s is recorded as sold to booking %s (%s), but the seat is %s', s.show_id, s.label,
                          o.booking_id, coalesce(b.status::text, 'missing'),
                          CASE WHEN s.booking_id IS NULL OR s.booking_id = o.booking_id THEN s.status::text
                               ELSE s.status::text || ' for booking ' || s.booking_id END) AS detail
              FROM sold_seats o
              JOIN seats s USING (show_id, seat_id)
              LEFT JOIN bookings b ON b.show_id = o.show_id AND b.booking_id = o.booking_id
             WHERE b.status IS DISTINCT FROM 'CONFIRMED' OR s.status <> 'BOOKED' OR s.booking_id IS DISTINCT FROM o.booking_id
            UNION ALL
            SELECT format('show %s seat %s is BOOKED for booking %s, but its sale is not recorded', s.show_id, s.label,
                          s.booking_id) AS detail
              FROM seats s
             WHERE s.status = 'BOOKED'
               AND NOT EXISTS (SELECT 1 FROM sold_seats o
                                WHERE o.show_id = s.show_id AND o.seat_id = s.seat_id AND o.booking_id = s.booking_id)
            LIMIT 50
            """),
        ("booking_without_seats", """
            SELECT format('booking %s (%s) has no seats', b.booking_id, b.status) AS detail
              FROM bookings b
             WHERE cardinality(b.seat_ids) = 0
             LIMIT 50
            """),
        ("stale_pending", """
            SELECT format('booking %s is still PENDING %s s after its hold expired (no open seat picker or `modex expire --watch` swept it)',
                          booking_id, round(extract(epoch FROM now() - expires_at)::numeric, 1)) AS detail
              FROM bookings
             WHERE status = 'PENDING' AND expires_at < now() - make_interval(secs => $1)
             ORDER BY expires_at LIMIT 50
            """),
    ]
}
