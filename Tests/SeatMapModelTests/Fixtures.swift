import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A fresh database with one show, and helpers to read its stored state.
struct Fixture {
    let conninfo: String
    let db: Database
    let showId: Int64

    init(rows: Int = 1, seatsPerRow: Int = 10, holdSeconds: Double = 120) throws {
        conninfo = try TestCluster.freshDatabase()
        db = try Database(conninfo: conninfo)
        showId = try ShowCatalog(database: db).createShow(
            name: "Test show", startsAt: Date(timeIntervalSinceNow: 86_400),
            plan: try VenuePlan.grid(rows: rows, seatsPerRow: seatsPerRow))
    }

    func service(holdSeconds: Double = 120, maxSeats: Int = 10, operator operatorName: String = "tester") -> HoldService {
        var policy = HoldPolicy()
        policy.holdSeconds = holdSeconds
        policy.maxSeatsPerHold = maxSeats
        policy.operatorName = operatorName
        return HoldService(database: db, policy: policy)
    }

    /// A second database in the same cluster, migrated only up to `version`, to upgrade in a
    /// test; `drop` removes it (call it deferred, after closing the connection).
    func databaseAt(migration version: Int) throws -> (db: Database, drop: () -> Void) {
        let name = "v\(version)_\(getpid())"
        try db.run("CREATE DATABASE \(name)")
        let conninfo = conninfo.replacingOccurrences(of: #"dbname=\S+"#, with: "dbname=\(name)", options: .regularExpression)
        let old = try Database(conninfo: conninfo)
        XCTAssertEqual(try Migrator(database: old).migrate(Array(Migration.all.prefix { $0.version <= version })), Array(1...version))
        return (old, { [db] in
            old.connection.close()
            _ = try? db.run("DROP DATABASE \(name) WITH (FORCE)")
        })
    }

    /// A new connection to the same database, for another "terminal".
    func connect() throws -> Database { try Database(conninfo: conninfo) }

    /// Stored (not effective) seat statuses by label.
    func storedSeats() throws -> [String: (status: String, booking: Int64?)] {
        var out: [String: (String, Int64?)] = [:]
        for row in try db.run("SELECT label, status::text AS status, booking_id FROM seats WHERE show_id = $1", [.int(showId)]).rows {
            out[try row.string("label")] = (try row.string("status"), row.optionalInt("booking_id"))
        }
        return out
    }

    func count(_ sql: String) throws -> Int {
        Int(try db.run(sql).first!.int("n"))
    }

    /// Sessions of this database waiting for a lock, such as a call queued behind an open transaction.
    func lockWaiters() throws -> Int {
        try count("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
    }

    func assertClean(file: StaticString = #filePath, line: UInt = #line) throws {
        let report = try IntegrityChecker(database: db).check(sweepLagSeconds: 3_600)
        XCTAssertEqual(report.findings, [], "integrity check", file: file, line: line)
    }
}

func assertThrows(_ expected: BookingError, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected \(expected), but nothing was thrown", file: file, line: line)
    } catch let error as BookingError {
        XCTAssertEqual(error, expected, file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}

/// Asserts that `body` throws a BookingError with the given code whose message contains `text`.
func assertThrows(code: String, containing text: String = "", file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected a \(code) error, but nothing was thrown", file: file, line: line)
    } catch let error as BookingError {
        XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
        XCTAssertTrue(text.isEmpty || error.message.contains(text), "\"\(error.message)\" should mention \"\(text)\"", file: file, line: line)
    } catch {
        XCTFail("expected a \(code) error, got \(error)", file: file, line: line)
    }
}
