import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A refused confirm, release, cancel or extend says what the booking is and what to do instead.
final class RefusalMessageTests: XCTestCase {
    func refusal(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "not refused"
        } catch let error as BookingError {
            XCTAssertEqual(error.exitCode, 4, error.message)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func testEachRefusalNamesTheStateAndTheWayOut() throws {
        let f = try Fixture()
        let s = f.service()
        let held = try s.hold(seats: ["A1"], for: f.showId).bookingId
        XCTAssertEqual(refusal { try s.cancel(booking: held) }, "Cannot cancel booking \(held): it is a hold, not yet confirmed; release it instead")

        let booked = try s.hold(seats: ["A2"], for: f.showId).bookingId
        _ = try s.confirm(booking: booked, email: "fan@example.com")
        XCTAssertEqual(refusal { try s.release(booking: booked) }, "Cannot release booking \(booked): it is confirmed; cancel it instead")
        XCTAssertEqual(refusal { _ = try s.confirm(booking: booked, email: "fan@example.com") }, "Cannot confirm booking \(booked): it is already confirmed")
        XCTAssertEqual(refusal { _ = try s.extend(booking: booked) }, "Cannot extend booking \(booked): it is already confirmed")
        try s.cancel(booking: booked)
        XCTAssertEqual(refusal { try s.cancel(booking: booked) }, "Cannot cancel booking \(booked): it was already cancelled")
        XCTAssertEqual(refusal { _ = try s.confirm(booking: booked, email: "fan@example.com") }, "Cannot confirm booking \(booked): it was cancelled")

        try s.release(booking: held)
        XCTAssertEqual(refusal { try s.release(booking: held) }, "Cannot release booking \(held): it was already released")
        XCTAssertEqual(refusal { _ = try s.confirm(booking: held, email: "fan@example.com") },
                       "Cannot confirm booking \(held): its hold was released before it was confirmed")
        XCTAssertEqual(refusal { try s.cancel(booking: held) }, "Cannot cancel booking \(held): its hold was released before it was confirmed")
    }

    /// A show that started more than `ShowCatalog.latestPastStart` ago, where the show list puts
    /// past shows, sells nothing more; a hold made before that line can still be confirmed.
    func testAShowThatStartedMoreThan12HoursAgoSellsNoMoreSeats() throws {
        let f = try Fixture()
        let s = f.service()
        func startedAgo(_ seconds: Double) throws -> Date {
            try f.db.run("UPDATE shows SET starts_at = now() - make_interval(secs => $2) WHERE show_id = $1",
                         [.int(f.showId), .double(seconds)])
            return try f.db.run("SELECT extract(epoch FROM starts_at)::float8 AS t FROM shows WHERE show_id = $1",
                                [.int(f.showId)]).single().date("t")
        }
        _ = try startedAgo(ShowCatalog.latestPastStart - 60)
        let late = try s.hold(seats: ["A1"], for: f.showId)
        let starts = try startedAgo(ShowCatalog.latestPastStart + 60)
        let spelled = DateFormatter()
        spelled.locale = Locale(identifier: "en_US_POSIX")
        spelled.dateFormat = "EEE d MMM yyyy 'at' HH:mm"
        XCTAssertEqual(refusal { _ = try s.hold(seats: ["A2"], for: f.showId) },
                       "Test show started on \(spelled.string(from: starts)), more than 12 hours ago: its seats can no longer be held")
        XCTAssertEqual(try f.storedSeats()["A2"]?.status, "AVAILABLE")
        _ = try s.confirm(booking: late.bookingId, email: "fan@example.com")
        XCTAssertEqual(try f.storedSeats()["A1"]?.status, "BOOKED", "the hold made before the line was still confirmed")
        try f.assertClean()
    }

    /// The server writes the time in this process's zone, as the rest of the CLI does, even when
    /// its own zone differs.
    func testARunOutHoldGivesItsEndInThisTerminalsTimeZone() throws {
        let f = try Fixture()
        try f.db.run("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET TimeZone = %L', current_database(), 'Pacific/Kiritimati'); END $$")
        let db = try f.connect()
        XCTAssertEqual(try db.run("SHOW TimeZone").single().string("TimeZone"), TimeZone.current.identifier)
        let hold = try f.service(holdSeconds: 1).hold(seats: ["A3"], for: f.showId)
        XCTAssertTrue(try eventually(within: 5) { try ChangeFeed(database: db).databaseTime() > hold.expiresAt })
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        let s = HoldService(database: db, policy: HoldPolicy())
        XCTAssertEqual(refusal { _ = try s.confirm(booking: hold.bookingId, email: "fan@example.com") },
                       "Cannot confirm booking \(hold.bookingId): its hold ran out at \(formatter.string(from: hold.expiresAt)); hold the seats again")
    }
}
