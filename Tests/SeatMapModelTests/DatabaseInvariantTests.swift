import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// The database refuses a double booking even when the SQL comes from buggy code.
final class DatabaseInvariantTests: XCTestCase {
    func testRawSQLSecondActiveBookingOfASeatIsRefused() throws {
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A1"], for: f.showId)
        let seat = try f.db.run("SELECT seat_id FROM seats WHERE show_id = $1 AND label = 'A1'", [.int(f.showId)]).first!.int("seat_id")
        // A second PENDING booking linked to A1, written the way a careless script would.
        let rogue = try f.db.run("""
            INSERT INTO bookings (show_id, status, operator, expires_at) VALUES ($1, 'PENDING', 'rogue', now() + interval '2 min')
            RETURNING booking_id
            """, [.int(f.showId)]).first!.int("booking_id")
        assertThrows(code: "database_error", containing: "one_active_booking_per_seat") {
            try f.db.run("INSERT INTO booking_seats (show_id, booking_id, seat_id, booking_status) VALUES ($1, $2, $3, 'PENDING')",
                         [.int(f.showId), .int(rogue), .int(seat)])
        }
        // Confirming both: the second confirmation is refused too.
        try f.service().confirm(booking: hold.bookingId, email: "first@example.com")
        assertThrows(code: "database_error", containing: "one_active_booking_per_seat") {
            try f.db.run("INSERT INTO booking_seats (show_id, booking_id, seat_id, booking_status) VALUES ($1, $2, $3, 'PENDING')",
                         [.int(f.showId), .int(rogue), .int(seat)])
        }
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM booking_seats"), 1)
    }

    func testReviving_anOldBookingOfAReSoldSeatIsRefused() throws {
        let f = try Fixture()
        let first = try f.service().hold(seats: ["A2"], for: f.showId)
        try f.service().release(booking: first.bookingId)
        let second = try f.service().hold(seats: ["A2"], for: f.showId)
        try f.service().confirm(booking: second.bookingId, email: "buyer@example.com")
        // Flipping the cancelled booking back to CONFIRMED cascades to its link and hits the index.
        assertThrows(code: "database_error", containing: "one_active_booking_per_seat") {
            try f.db.run("UPDATE bookings SET status = 'CONFIRMED', email = 'x@example.com', confirmed_at = now() WHERE booking_id = $1",
                         [.int(first.bookingId)])
        }
        // A link whose status disagrees with its booking is refused by the foreign key.
        assertThrows(code: "database_error", containing: "foreign key") {
            try f.db.run("UPDATE booking_seats SET booking_status = 'EXPIRED' WHERE booking_id = $1", [.int(first.bookingId)])
        }
        try f.assertClean()
    }

    func testIntegrityCheckReportsCorruptedState() throws {
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A3"], for: f.showId)
        try f.service().confirm(booking: hold.bookingId, email: "c@example.com")
        try f.assertClean()
        try f.db.run("UPDATE seats SET status = 'AVAILABLE', booking_id = NULL WHERE show_id = $1 AND label = 'A3'", [.int(f.showId)])
        let report = try IntegrityChecker(database: f.db).check()
        XCTAssertFalse(report.isClean)
        XCTAssertEqual(report.findings.map(\.invariant), ["seat_booking_mismatch"])
        XCTAssertTrue(report.findings[0].detail.contains("A3"), report.findings[0].detail)
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
