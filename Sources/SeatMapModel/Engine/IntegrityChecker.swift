/// What `modex check` found. `isClean` is true only when every invariant holds.
public struct IntegrityReport: Sendable, Equatable {
    public struct Finding: Sendable, Equatable {
        /// Which invariant: `double_booking`, `seat_booking_mismatch`, `booking_without_seats` or
        /// `stale_pending`.
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

    static let queries: [(String, String)] = [
        ("double_booking", """
            SELECT format('show %s seat %s is in %s active bookings (%s)', l.show_id, s.label, count(*),
                          string_agg(l.booking_id::text, ', ' ORDER BY l.booking_id)) AS detail
              FROM booking_seats l JOIN bookings b USING (show_id, booking_id) JOIN seats s USING (show_id, seat_id)
             WHERE b.status = 'CONFIRMED' OR (b.status = 'PENDING' AND b.expires_at > now())
             GROUP BY l.show_id, s.label HAVING count(*) > 1 LIMIT 50
            """),
        ("seat_booking_mismatch", """
            SELECT format('show %s seat %s is %s but booking %s is %s', s.show_id, s.label, s.status,
                          coalesce(s.booking_id::text, '(none)'), coalesce(b.status::text, 'missing')) AS detail
              FROM seats s
              LEFT JOIN bookings b ON b.show_id = s.show_id AND b.booking_id = s.booking_id
              LEFT JOIN booking_seats l ON l.show_id = s.show_id AND l.booking_id = s.booking_id AND l.seat_id = s.seat_id
             WHERE (s.status = 'BOOKED' AND (b.status IS DISTINCT FROM 'CONFIRMED' OR l.seat_id IS NULL))
                OR (s.status = 'RESERVED' AND s.hold_expires_at > now()
                    AND (b.status IS DISTINCT FROM 'PENDING' OR b.expires_at <> s.hold_expires_at OR l.seat_id IS NULL))
                OR (s.status = 'RESERVED' AND s.hold_expires_at <= now() AND b.status NOT IN ('PENDING', 'EXPIRED'))
            UNION ALL
            SELECT format('booking %s is %s but show %s seat %s is %s', b.booking_id, b.status, s.show_id, s.label,
                          CASE WHEN s.booking_id = b.booking_id THEN s.status::text
                               ELSE s.status::text || ' for ' || coalesce('booking ' || s.booking_id, 'nobody') END) AS detail
              FROM bookings b
              JOIN booking_seats l USING (show_id, booking_id)
              JOIN seats s ON s.show_id = l.show_id AND s.seat_id = l.seat_id
             WHERE (b.status = 'CONFIRMED' AND (s.status <> 'BOOKED' OR s.booking_id IS DISTINCT FROM b.booking_id))
                OR (b.status = 'PENDING' AND b.expires_at > now()
                    AND (s.status <> 'RESERVED' OR s.booking_id IS DISTINCT FROM b.booking_id))
            LIMIT 50
            """),
        ("booking_without_seats", """
            SELECT format('booking %s (%s) has no seats', b.booking_id, b.status) AS detail
              FROM bookings b
             WHERE NOT EXISTS (SELECT 1 FROM booking_seats l WHERE l.show_id = b.show_id AND l.booking_id = b.booking_id)
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
