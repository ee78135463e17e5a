import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// The database refuses a double sale even when the SQL comes from buggy code, and `modex check`
/// reports what the database cannot refuse.
final class DatabaseInvariantTests: XCTestCase {
    func testRawSQLSecondSaleOfASeatIsRefused() throws {
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A1"], for: f.showId)
        try f.service().confirm(booking: hold.bookingId, email: "first@example.com")
        let seat = try f.db.run("SELECT seat_id FROM seats WHERE show_id = $1 AND label = 'A1'", [.int(f.showId)]).first!.int("seat_id")
        // A second booking of A1, confirmed and recorded as sold the way a careless script would.
        let rogue = try f.db.run("""
            INSERT INTO bookings (show_id, status, operator, expires_at, email, confirmed_at, seat_ids)
            VALUES ($1, 'CONFIRMED', 'rogue', now(), 'rogue@example.com', now(), ARRAY[$2::int])
            RETURNING booking_id
            """, [.int(f.showId), .int(seat)]).first!.int("booking_id")
        assertThrows(code: "database_error", containing: "sold_seats_pkey") {
            try f.db.run("INSERT INTO sold_seats (show_id, seat_id, booking_id) VALUES ($1, $2, $3)",
                         [.int(f.showId), .int(seat), .int(rogue)])
        }
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM sold_seats"), 1)
        // A sale of a booking or seat that does not exist is refused too.
        assertThrows(code: "database_error", containing: "foreign key") {
            try f.db.run("INSERT INTO sold_seats (show_id, seat_id, booking_id) VALUES ($1, $2, 999999)",
                         [.int(f.showId), .int(seat + 1)])
        }
        assertThrows(code: "database_error", containing: "foreign key") {
            try f.db.run("INSERT INTO sold_seats (show_id, seat_id, booking_id) VALUES ($1, 999999, $2)",
                         [.int(f.showId), .int(hold.bookingId)])
        }
        // What the database cannot refuse, the check reports: the rogue booking claims A1.
        let report = try IntegrityChecker(database: f.db).check()
        XCTAssertEqual(Set(report.findings.map(\.invariant)), ["double_booking", "seat_booking_mismatch"], "\(report)")
        XCTAssertTrue(report.findings.contains { $0.detail.contains("booking \(rogue) is CONFIRMED but show \(f.showId) seat A1 is BOOKED for booking \(hold.bookingId)") },
                      "\(report)")
    }

    func testReviving_anOldBookingOfAReSoldSeatIsReported() throws {
        let f = try Fixture()
        let first = try f.service().hold(seats: ["A2"], for: f.showId)
        try f.service().release(booking: first.bookingId)
        let second = try f.service().hold(seats: ["A2"], for: f.showId)
        try f.service().confirm(booking: second.bookingId, email: "buyer@example.com")
        try f.assertClean()
        // Flipping the cancelled booking back to CONFIRMED: its sale cannot be recorded, and the check says so.
        try f.db.run("UPDATE bookings SET status = 'CONFIRMED', email = 'x@example.com', confirmed_at = now() WHERE booking_id = $1",
                     [.int(first.bookingId)])
        assertThrows(code: "database_error", containing: "sold_seats_pkey") {
            try f.db.run("INSERT INTO sold_seats (show_id, seat_id, booking_id) SELECT show_id, unnest(seat_ids), booking_id FROM bookings WHERE booking_id = $1",
                         [.int(first.bookingId)])
        }
        let report = try IntegrityChecker(database: f.db).check()
        XCTAssertEqual(Set(report.findings.map(\.invariant)), ["double_booking", "seat_booking_mismatch"], "\(report)")
    }

    /// A sale is a row of `sold_seats`: a seat BOOKED without one, or a sale whose seat is no
    /// longer BOOKED for its booking, is reported.
    func testIntegrityCheckReportsASaleAndItsSeatDisagreeing() throws {
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A5"], for: f.showId)
        try f.service().confirm(booking: hold.bookingId, email: "c@example.com")
        try f.db.run("DELETE FROM sold_seats WHERE booking_id = $1", [.int(hold.bookingId)])
        var report = try IntegrityChecker(database: f.db).check()
        XCTAssertEqual(report.findings.map(\.detail), ["show \(f.showId) seat A5 is BOOKED for booking \(hold.bookingId), but its sale is not recorded"])
        try f.db.run("INSERT INTO sold_seats (show_id, seat_id, booking_id) SELECT show_id, seat_id, $1 FROM seats WHERE label IN ('A5', 'A6')",
                     [.int(hold.bookingId)])
        report = try IntegrityChecker(database: f.db).check()
        XCTAssertEqual(report.findings.map(\.detail), ["show \(f.showId) seat A6 is recorded as sold to booking \(hold.bookingId) (CONFIRMED), but the seat is AVAILABLE"])
    }

    func testIntegrityCheckReportsCorruptedState() throws {
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A3"], for: f.showId)
        try f.service().confirm(booking: hold.bookingId, email: "c@example.com")
        try f.assertClean()
        try f.db.run("UPDATE seats SET status = 'AVAILABLE', booking_id = NULL WHERE show_id = $1 AND label = 'A3'", [.int(f.showId)])
        let report = try IntegrityChecker(database: f.db).check()
        XCTAssertFalse(report.isClean)
        XCTAssertEqual(report.findings.map(\.detail), [
            "booking \(hold.bookingId) is CONFIRMED but show \(f.showId) seat A3 is AVAILABLE for nobody",
            "show \(f.showId) seat A3 is recorded as sold to booking \(hold.bookingId) (CONFIRMED), but the seat is AVAILABLE",
        ])
    }

    func testIntegrityCheckFlagsPendingBookingsLeftBehindBySweep() throws {
        let f = try Fixture()
        let hold = try f.service(holdSeconds: 1).hold(seats: ["A4"], for: f.showId)
        XCTAssertTrue(try eventually(within: 5) { try ChangeFeed(database: f.db).databaseTime() > hold.expiresAt.addingTimeInterval(0.1) })
        let report = try IntegrityChecker(database: f.db).check(sweepLagSeconds: 0)
        XCTAssertEqual(report.findings.map(\.invariant), ["stale_pending"])
        try ExpirySweeper(database: f.db).sweep()
        XCTAssertTrue(try IntegrityChecker(database: f.db).check(sweepLagSeconds: 0).isClean)
    }
}

final class MigrationTests: XCTestCase {
    func testMigrationsAreIdempotentAndSafeToRunConcurrently() throws {
        let f = try Fixture()
        XCTAssertEqual(try Migrator(database: f.db).migrate(), [])
        XCTAssertEqual(try Migrator(database: f.db).appliedVersions(), Migration.all.map(\.version))

        // A database never migrated: two migrators at once, one applies everything, the other nothing.
        let admin = try f.connect()
        try admin.run("CREATE DATABASE blank_\(f.showId)_\(getpid())")
        let blank = f.conninfo.replacingOccurrences(of: #"dbname=\S+"#, with: "dbname=blank_\(f.showId)_\(getpid())", options: .regularExpression)
        let results = race(2, setup: { _ in try Database(conninfo: blank) }) { _, db in try Migrator(database: db).migrate() }
        let applied = try results.map { try $0.get() }.sorted { $0.count < $1.count }
        XCTAssertEqual(applied, [[], Migration.all.map(\.version)])
        let db = try Database(conninfo: blank)
        XCTAssertEqual(try Migrator(database: db).migrate(), [])
        XCTAssertEqual(Int(try db.run("SELECT count(*) AS n FROM modex_migrations").first!.int("n")), Migration.all.count)
    }

    /// A migration that does not fit the database (its schema was changed by hand, or by an
    /// unreleased build) says which version failed, changes nothing, and does not claim the
    /// database has no schema.
    func testAFailedMigrationSaysWhichOneAndChangesNothing() throws {
        let f = try Fixture()
        let broken = Migration(version: 99, name: "drop a function this database lacks", sql: """
            CREATE TABLE modex_half_done (x int);
            DROP FUNCTION modex_no_such_function(bigint);
            """)
        assertThrows(code: "internal_error", containing: "version 99 (drop a function this database lacks); nothing was changed") {
            _ = try Migrator(database: f.db).migrate(Migration.all + [broken])
        }
        do {
            _ = try Migrator(database: f.db).migrate(Migration.all + [broken])
        } catch let error as BookingError {
            XCTAssertFalse(error.message.contains("no Modex schema yet"), error.message)
        }
        XCTAssertEqual(try Migrator(database: f.db).appliedVersions(), Migration.all.map(\.version))
        XCTAssertFalse(try f.db.run("SELECT to_regclass('modex_half_done') IS NOT NULL AS present").single().bool("present"))
    }

    func testUnmigratedDatabaseSaysToRunMigrate() throws {
        let f = try Fixture()
        let admin = try f.connect()
        try admin.run("CREATE DATABASE empty_\(getpid())")
        let empty = try Database(conninfo: f.conninfo.replacingOccurrences(of: #"dbname=\S+"#, with: "dbname=empty_\(getpid())", options: .regularExpression))
        assertThrows(code: "database_error", containing: "modex migrate") { _ = try ShowCatalog(database: empty).shows() }
    }
}
