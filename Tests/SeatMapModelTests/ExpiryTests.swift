import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

final class ExpiryTests: XCTestCase {
    func testLapsedHoldIsAvailableToOthersWithoutASweep() throws {
        let f = try Fixture()
        let hold = try f.service(holdSeconds: 1).hold(seats: ["A1", "A2"], for: f.showId)
        let catalog = ShowCatalog(database: f.db)
        XCTAssertEqual(try catalog.seatMap(show: f.showId).seats.first { $0.label == "A1" }?.status, .reserved)
        assertThrows(.seatsUnavailable(["A1"])) { _ = try f.service().hold(seats: ["A1"], for: f.showId) }

        XCTAssertTrue(try eventually(within: 5) {
            try catalog.seatMap(show: f.showId).seats.first { $0.label == "A1" }?.status == .available
        })
        XCTAssertEqual(try f.service().booking(hold.bookingId).status, .expired)
        // Nobody swept; the next hold takes the seat at once. The lapsed booking still reads as
        // expired, and keeps A2 in storage until the sweep ends it.
        let next = try f.service().hold(seats: ["A1"], for: f.showId)
        XCTAssertEqual(try f.storedSeats()["A1"]?.booking, next.bookingId)
        XCTAssertEqual(try f.service().booking(hold.bookingId).status, .expired)
        XCTAssertEqual(try f.storedSeats()["A2"]?.booking, hold.bookingId)
        XCTAssertEqual(try catalog.show(f.showId).available, 9, "A2 reads as available")
        try f.assertClean()
        assertThrows(code: "wrong_state", containing: "its hold ran out at") { try f.service().confirm(booking: hold.bookingId, email: "a@example.com") }
        assertThrows(code: "wrong_state", containing: "its hold ran out at") { try f.service().release(booking: hold.bookingId) }
        // The sweep frees A2 and leaves A1 to the hold that took it.
        XCTAssertEqual(try ExpirySweeper(database: f.db).sweep(), ExpirySummary(expiredBookings: 1, freedSeats: 1))
        XCTAssertEqual(try f.db.run("SELECT status::text AS s FROM bookings WHERE booking_id = $1", [.int(hold.bookingId)]).first?.string("s"), "EXPIRED")
        XCTAssertEqual(try f.storedSeats()["A1"]?.booking, next.bookingId)
        XCTAssertEqual(try f.storedSeats()["A2"]?.status, "AVAILABLE")
        try f.assertClean()
    }

    func testSweepExpiresLapsedHoldsAndBumpsTheVersion() throws {
        let f = try Fixture()
        let hold = try f.service(holdSeconds: 1).hold(seats: ["A3", "A4"], for: f.showId)
        let feed = ChangeFeed(database: f.db)
        let before = try feed.cursor()
        XCTAssertTrue(try eventually(within: 5) { try feed.databaseTime() >= hold.expiresAt })
        let summary = try ExpirySweeper(database: f.db).sweep()
        XCTAssertEqual(summary, ExpirySummary(expiredBookings: 1, freedSeats: 2))
        XCTAssertEqual(try f.storedSeats()["A3"]?.status, "AVAILABLE")
        XCTAssertEqual(try feed.changes(show: f.showId, since: before).seats.map(\.label), ["A3", "A4"])
        XCTAssertEqual(try ExpirySweeper(database: f.db).sweep(), ExpirySummary(expiredBookings: 0, freedSeats: 0))
        try f.assertClean()
        XCTAssertTrue(try IntegrityChecker(database: f.db).check(sweepLagSeconds: 0).isClean)
    }

    func testConfirmJustBeforeExpirySurvivesTheSweep() throws {
        let f = try Fixture()
        let hold = try f.service(holdSeconds: 1).hold(seats: ["A5"], for: f.showId)
        try f.service().confirm(booking: hold.bookingId, email: "early@example.com")
        XCTAssertTrue(try eventually(within: 5) { try ChangeFeed(database: f.db).databaseTime() > hold.expiresAt })
        XCTAssertEqual(try ExpirySweeper(database: f.db).sweep(), ExpirySummary(expiredBookings: 0, freedSeats: 0))
        XCTAssertEqual(try f.service().booking(hold.bookingId).status, .confirmed)
        XCTAssertEqual(try f.storedSeats()["A5"]?.status, "BOOKED")
    }

    /// Confirm and sweep collide at expires_at +/- a few milliseconds. Whoever wins, the outcome
    /// is whole: a confirmed booking with booked seats, or an expired booking with free seats.
    func testConfirmVersusSweepRaceAtTheExpiryInstant() throws {
        let f = try Fixture(seatsPerRow: 20)
        let conninfo = f.conninfo
        var confirmed = 0, expired = 0
        for (i, offsetMs) in [-8.0, -4, -2, -1, 0, 0, 1, 2, 4, 8].enumerated() {
            let label = "A\(i + 1)"
            let hold = try f.service(holdSeconds: 1).hold(seats: [label], for: f.showId)
            let clockOffset = try ChangeFeed(database: f.db).databaseTime().timeIntervalSinceNow
            let localExpiry = hold.expiresAt.addingTimeInterval(-clockOffset)
            let results = race(2, setup: { _ in try Database(conninfo: conninfo) }) { worker, db -> String in
                if worker == 0 {
                    sleepUntil(localExpiry.addingTimeInterval(offsetMs / 1000))
                    do {
                        try HoldService(database: db).confirm(booking: hold.bookingId, email: "race@example.com")
                        return "confirmed"
                    } catch BookingError.wrongState { return "refused" }
                } else {
                    // Sweep repeatedly across the expiry instant.
                    let end = localExpiry.addingTimeInterval(0.015)
                    sleepUntil(localExpiry.addingTimeInterval(-0.010))
                    while Date() < end { try ExpirySweeper(database: db).sweep() }
                    try ExpirySweeper(database: db).sweep()
                    return "swept"
                }
            }
            let outcome = try results[0].get()
            XCTAssertEqual(try results[1].get(), "swept")
            try ExpirySweeper(database: f.db).sweep()
            let booking = try f.service().booking(hold.bookingId)
            let seat = try f.storedSeats()[label]
            if outcome == "confirmed" {
                confirmed += 1
                XCTAssertEqual(booking.status, .confirmed, "offset \(offsetMs) ms")
                XCTAssertEqual(seat?.status, "BOOKED", "offset \(offsetMs) ms")
            } else {
                expired += 1
                XCTAssertEqual(booking.status, .expired, "offset \(offsetMs) ms")
                XCTAssertEqual(seat?.status, "AVAILABLE", "offset \(offsetMs) ms")
            }
            try f.assertClean()
        }
        XCTAssertEqual(confirmed + expired, 10)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings WHERE status = 'PENDING'"), 0)
    }
}

func sleepUntil(_ date: Date) {
    let wait = date.timeIntervalSinceNow
    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
}
