import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Every booking operation and the watchers' change queries reach seats through indexes: on a
/// 1,000,000-seat show a sequential scan made confirm and release take hundreds of
/// milliseconds (found by `modex bench`).
final class IndexUseTests: XCTestCase {
    func testBookingOperationsNeverScanTheSeatsTable() throws {
        let f = try Fixture(rows: 100, seatsPerRow: 200)
        // A box office after a busy day: many ended bookings, few pending, so the partial index
        // of pending bookings looks cheaper to the planner than finding one booking by its id.
        try f.db.run("""
            INSERT INTO bookings (show_id, status, operator, expires_at, ended_at, seat_ids)
            SELECT $1, 'CANCELLED', 'earlier', now(), now(), '{1}' FROM generate_series(1, 20000)
            """, [.int(f.showId)])
        try f.db.run("ANALYZE")
        // PL/pgSQL caches generic plans, which cannot see which show or booking is meant;
        // forcing them from the first call shows what a long-running session would do.
        try f.db.connection.execute(script: "SET plan_cache_mode = force_generic_plan")
        let hold = try f.service().hold(seats: ["C3", "C4"], for: f.showId)
        let other = try f.service().hold(seats: ["D3"], for: f.showId)
        let third = try f.service().hold(seats: ["D4"], for: f.showId)
        let growing = try f.service().hold(seats: ["F1"], for: f.showId)
        let calls: [(String, [PGValue?])] = [
            ("SELECT * FROM modex_hold($1, '{E5,E6}', NULL, 'x', 120, NULL)", [.int(f.showId)]),
            ("SELECT * FROM modex_add_seats($1, '{F2,F1}', 10)", [.int(growing.bookingId)]),
            ("SELECT * FROM modex_confirm($1, 'a@example.com')", [.int(hold.bookingId)]),
            ("SELECT * FROM modex_confirm($1, 'a@example.com', 'cash')", [.int(hold.bookingId)]),
            ("SELECT modex_end_booking($1, 'PENDING', 'release', 'x')", [.int(other.bookingId)]),
            ("SELECT modex_end_booking($1, 'PENDING', 'release')", [.int(third.bookingId)]),   // the previous version's call
            ("SELECT * FROM modex_extend($1, 60, 300)", [.int(other.bookingId)]),
            ("SELECT * FROM modex_expire()", []),
        ]
        for (sql, parameters) in calls {
            let (scans, pendingScans) = try f.db.transaction { conn -> (Int64, Int64) in
                // This counter also holds scans of earlier transactions not yet reported, hence the difference.
                let pending = "SELECT pg_stat_get_xact_numscans('bookings_pending_expiry'::regclass) AS n"
                let pendingBefore = try conn.query(pending).single().int("n")
                try conn.query(sql, parameters)
                let seqScans = try conn.query("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'seats'").single().int("seq_scan")
                let pendingAfter = try conn.query(pending).single().int("n")
                try conn.execute(script: "ROLLBACK; BEGIN")
                return (seqScans, pendingAfter - pendingBefore)
            }
            XCTAssertEqual(scans, 0, "\(sql) scanned the seats table")
            // A call about one booking reaches it by its id; only the sweep reads the pending ones.
            if !sql.contains("modex_expire") { XCTAssertEqual(pendingScans, 0, "\(sql) read the pending bookings") }
        }
    }

    /// A picker whose hold answer was lost asks, once a second until it knows, whether its
    /// request made the hold (`HoldService.findHold`), and a retried hold that is refused asks
    /// too. The question goes by label to the seat and by primary key to its booking, never
    /// through the show's bookings.
    func testFindingAHoldByItsRequestReadsOnlyTheBookingOfItsSeats() throws {
        let f = try Fixture(rows: 20, seatsPerRow: 100)
        let service = f.service()
        for seat in 1...40 { _ = try service.hold(seats: ["B\(seat)"], for: f.showId, request: UUID().uuidString) }
        try f.db.run("""
            INSERT INTO bookings (show_id, status, operator, expires_at, ended_at)
            SELECT $1, 'CANCELLED', 'earlier', now(), now() FROM generate_series(1, 20000)
            """, [.int(f.showId)])
        let request = UUID().uuidString
        let hold = try service.hold(seats: ["C3", "C4"], for: f.showId, request: request)
        try f.db.run("ANALYZE")
        // Counters as of now, then after the call: the "xact" view also holds counts from
        // earlier transactions that the backend has not reported yet.
        let counters = """
            SELECT coalesce(sum(seq_scan), 0)::int8 AS scans, coalesce(sum(idx_tup_fetch), 0)::int8 AS fetched
              FROM pg_stat_xact_user_tables WHERE relname = 'bookings'
            """
        for (caller, expected) in [(request, hold.bookingId), (UUID().uuidString, nil)] {
            let (scans, fetched, found) = try f.db.transaction { conn -> (Int64, Int64, Int64?) in
                let before = try conn.query(counters).single()
                let found = try service.findHold(request: caller, show: f.showId, seats: ["C4", "C3"])
                let after = try conn.query(counters).single()
                return (try after.int("scans") - before.int("scans"), try after.int("fetched") - before.int("fetched"), found?.bookingId)
            }
            XCTAssertEqual(found, expected)
            XCTAssertEqual(scans, 0, "no scan of bookings")
            XCTAssertLessThanOrEqual(fetched, 1, "only the seats' booking is read")
        }
    }

    /// The watchers' change queries are planned with the snapshot's values every time: a
    /// generic plan cannot tell one show's recent changes from all its seats. (Prepared, the
    /// plan cache switched "has this show changed?" to a generic sequential scan after five
    /// runs.) Run as often as a long-lived picker runs them, they never scan the seats table.
    func testChangeQueriesKeepUsingTheIndexInALongSession() throws {
        let f = try Fixture(rows: 100, seatsPerRow: 200)
        try f.db.run("ANALYZE")
        let cursor = try ChangeFeed(database: f.db).cursor()
        _ = try f.service().hold(seats: ["C3", "C4"], for: f.showId)
        let scans = try f.db.transaction { conn -> Int64 in
            for _ in 0..<20 {
                for sql in [ChangeFeed.anyChangedSince, ChangeFeed.changesSince] {
                    try conn.query(sql, [.int(f.showId), .text(cursor.snapshot)])
                }
            }
            return try conn.query("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'seats'").single().int("seq_scan")
        }
        XCTAssertEqual(scans, 0)
        XCTAssertEqual(try ChangeFeed(database: f.db).changes(show: f.showId, since: cursor).seats.map(\.label), ["C3", "C4"])
    }

    /// A show created since the last ANALYZE looks, to the planner, like a show of one seat. The
    /// change query still reads only the changed seats of it, not every seat.
    func testTheChangeQueryReadsOnlyTheChangedSeatsOfANewShow() throws {
        let f = try Fixture(rows: 2, seatsPerRow: 10)
        try f.db.run("ANALYZE")
        let show = try ShowCatalog(database: f.db).createShow(name: "Added today", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                              plan: try VenuePlan.grid(rows: 100, seatsPerRow: 200))
        let cursor = try ChangeFeed(database: f.db).cursor()
        _ = try f.service().hold(seats: ["C3", "C4"], for: show)
        let (labels, read) = try f.db.transaction { conn -> ([String], Int64) in
            let counter = "SELECT pg_stat_get_xact_tuples_returned('seats_pkey'::regclass) + pg_stat_get_xact_tuples_returned('seats'::regclass) AS n"
            let before = try conn.query(counter).single().int("n")
            let rows = try conn.query(ChangeFeed.changesSince, [.int(show), .text(cursor.snapshot)])
            return (rows.rows.compactMap { $0.text("label") }, try conn.query(counter).single().int("n") - before)
        }
        XCTAssertEqual(labels, ["C3", "C4"])
        XCTAssertLessThanOrEqual(read, 10, "seat rows read for two changed seats")
    }
}
