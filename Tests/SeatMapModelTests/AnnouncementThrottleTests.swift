import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// The throttle as a pure value, then one connection's announcements as a listener hears them.
final class AnnouncementThrottleTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_000)

    func testFirstChangeIsAnnouncedAtOnceAndABurstOnceAtTheEndOfTheInterval() {
        var throttle = AnnouncementThrottle(interval: 0.5)
        XCTAssertTrue(throttle.changed(show: 7, at: t0))
        XCTAssertFalse(throttle.changed(show: 7, at: t0 + 0.125))
        XCTAssertFalse(throttle.changed(show: 7, at: t0 + 0.25))
        XCTAssertEqual(throttle.nextDue, t0 + 0.5)
        XCTAssertEqual(throttle.due(at: t0 + 0.375), [])
        XCTAssertEqual(throttle.due(at: t0 + 0.5), [7])
        XCTAssertNil(throttle.nextDue)
        XCTAssertEqual(throttle.due(at: t0 + 2), [], "a deferred announcement is sent once")
        // The flush counts as an announcement: a change right after it waits for the next interval.
        XCTAssertFalse(throttle.changed(show: 7, at: t0 + 0.625))
        XCTAssertEqual(throttle.nextDue, t0 + 1)
        // Announcing at once covers what was deferred.
        XCTAssertTrue(throttle.changed(show: 7, at: t0 + 2))
        XCTAssertNil(throttle.nextDue)
    }

    func testShowsAreThrottledSeparately() {
        var throttle = AnnouncementThrottle(interval: 0.5)
        XCTAssertTrue(throttle.changed(show: 1, at: t0))
        XCTAssertTrue(throttle.changed(show: 2, at: t0 + 0.125))
        XCTAssertFalse(throttle.changed(show: 1, at: t0 + 0.25))
        XCTAssertFalse(throttle.changed(show: 2, at: t0 + 0.375))
        XCTAssertEqual(throttle.due(at: t0 + 0.5), [1])
        XCTAssertEqual(throttle.due(at: t0 + 0.625), [2])
    }

    func testAChangeAfterAQuietIntervalIsAnnouncedAtOnce() {
        var throttle = AnnouncementThrottle(interval: 0.5)
        XCTAssertTrue(throttle.changed(show: 1, at: t0))
        XCTAssertTrue(throttle.changed(show: 1, at: t0 + 0.5))
        XCTAssertTrue(throttle.changed(show: 1, at: t0 + 1))
        XCTAssertNil(throttle.nextDue)
    }

    func testZeroIntervalAnnouncesEveryChange() {
        var throttle = AnnouncementThrottle(interval: 0)
        XCTAssertTrue(throttle.changed(show: 1, at: t0))
        XCTAssertTrue(throttle.changed(show: 1, at: t0))
        XCTAssertNil(throttle.nextDue)
    }

    func testDrainSendsWhatIsDeferredEvenBeforeItIsDue() {
        var throttle = AnnouncementThrottle(interval: 10)
        XCTAssertTrue(throttle.changed(show: 3, at: t0))
        XCTAssertFalse(throttle.changed(show: 3, at: t0 + 1))
        XCTAssertEqual(throttle.drain(at: t0 + 1), [3])
        XCTAssertNil(throttle.nextDue)
    }

    func testAnnouncementsThatCouldNotBeSentAreOwedAndDueAtOnce() {
        var throttle = AnnouncementThrottle(interval: 0.5)
        XCTAssertTrue(throttle.changed(show: 4, at: t0))
        throttle.unsent([4], at: t0 + 0.125)
        XCTAssertEqual(throttle.nextDue, t0 + 0.125, "owed, and due at once")
        XCTAssertEqual(throttle.due(at: t0 + 0.125), [4])
        XCTAssertNil(throttle.nextDue)
        // An unsent show is not counted as announced: its next change goes out at once.
        throttle.unsent([4], at: t0 + 0.25)
        XCTAssertTrue(throttle.changed(show: 4, at: t0 + 0.3))
        XCTAssertNil(throttle.nextDue)
    }

    /// Three holds in quick succession on one connection: the listener hears the first at once
    /// and one announcement for the other two when the interval ends, and the change feed then
    /// has all three seats.
    func testABurstOfHoldsReachesAListenerAsTwoAnnouncementsCoveringEveryChange() throws {
        let f = try Fixture()
        let listener = try f.connect()
        let feed = ChangeFeed(database: listener)
        try feed.listen()
        let cursor = try feed.cursor()
        var policy = HoldPolicy()
        policy.announcementInterval = 3
        let holds = HoldService(database: try f.connect(), policy: policy)
        for label in ["A1", "A2", "A3"] { _ = try holds.hold(seats: [label], for: f.showId) }

        var heard: [Int64] = []
        XCTAssertTrue(try eventually(within: 2) {
            heard += try listener.connection.waitForNotifications(timeoutMilliseconds: 50).compactMap(ChangeFeed.showId(announcedBy:))
            return !heard.isEmpty
        })
        XCTAssertEqual(heard, [f.showId], "only the first hold is announced at once")
        let due = try XCTUnwrap(holds.announceDeferredChanges())
        XCTAssertGreaterThan(due, Date(), "nothing is sent before the interval ends")
        XCTAssertTrue(eventually(within: 5) { holds.announceDeferredChanges() == nil })
        XCTAssertTrue(try eventually(within: 2) {
            heard += try listener.connection.waitForNotifications(timeoutMilliseconds: 50).compactMap(ChangeFeed.showId(announcedBy:))
            return heard.count == 2
        })
        XCTAssertEqual(heard, [f.showId, f.showId])
        XCTAssertEqual(try feed.changes(show: f.showId, since: cursor).seats.map(\.label).sorted(), ["A1", "A2", "A3"])
    }

    func testConfirmReturnsTheSameDetailsAsALookup() throws {
        let f = try Fixture()
        let service = f.service()
        let hold = try service.hold(seats: ["A4", "A2"], for: f.showId)
        let confirmed = try service.confirm(booking: hold.bookingId, email: "pat@example.com")
        XCTAssertEqual(confirmed, try service.booking(hold.bookingId))
        XCTAssertEqual(confirmed.seats, ["A2", "A4"])
        XCTAssertEqual(confirmed.status, .confirmed)
        XCTAssertEqual(confirmed.operatorName, "tester")
    }
}
