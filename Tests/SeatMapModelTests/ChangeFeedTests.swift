import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

final class ChangeFeedTests: XCTestCase {
    func testVersionAndChangedSeatsFollowEveryOperation() throws {
        let f = try Fixture()
        let feed = ChangeFeed(database: f.db)
        let v0 = try feed.version(of: f.showId)
        XCTAssertEqual(try feed.changes(show: f.showId, since: v0).seats, [])
        let hold = try f.service().hold(seats: ["A1", "A2"], for: f.showId)
        let v1 = try feed.version(of: f.showId)
        XCTAssertGreaterThan(v1, v0)
        let changes = try feed.changes(show: f.showId, since: v0)
        XCTAssertEqual(changes.seats.map(\.label), ["A1", "A2"])
        XCTAssertEqual(changes.seats.map(\.status), [.reserved, .reserved])
        XCTAssertEqual(changes.seats.first?.holdExpiresAt, hold.expiresAt)
        XCTAssertEqual(changes.version, v1)
        try f.service().confirm(booking: hold.bookingId, email: "v@example.com")
        XCTAssertEqual(try feed.changes(show: f.showId, since: v1).seats.map(\.status), [.booked, .booked])
        try f.service().cancel(booking: hold.bookingId)
        let v3 = try feed.version(of: f.showId)
        XCTAssertEqual(v3, v1 + 2)
        XCTAssertEqual(try feed.changes(show: f.showId, since: v1 + 1).seats.map(\.status), [.available, .available])
        assertThrows(code: "not_found") { _ = try feed.version(of: 999_999) }
    }

    func testListenerHearsAChangeFromAnotherConnection() throws {
        let f = try Fixture()
        let listener = try f.connect()
        try ChangeFeed(database: listener).listen()
        let hold = try f.service().hold(seats: ["A7"], for: f.showId)
        var heard: [(showId: Int64, version: Int64)] = []
        XCTAssertTrue(try eventually(within: 1) {
            heard += try listener.connection.waitForNotifications(timeoutMilliseconds: 100).compactMap(ChangeFeed.parse)
            return !heard.isEmpty
        })
        XCTAssertEqual(heard.first?.showId, f.showId)
        XCTAssertEqual(heard.first?.version, try ChangeFeed(database: f.db).version(of: hold.showId))
    }
}
