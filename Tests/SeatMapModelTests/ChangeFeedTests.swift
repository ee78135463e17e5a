import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

final class ChangeFeedTests: XCTestCase {
    func testCursorSeesEveryOperationAndOnlyTheChangedSeats() throws {
        let f = try Fixture()
        let feed = ChangeFeed(database: f.db)
        let c0 = try ShowCatalog(database: f.db).seatMap(show: f.showId).cursor
        XCTAssertFalse(try feed.hasChanged(show: f.showId, since: c0))
        XCTAssertEqual(try feed.changes(show: f.showId, since: c0).seats, [])

        let hold = try f.service().hold(seats: ["A1", "A2"], for: f.showId)
        XCTAssertTrue(try feed.hasChanged(show: f.showId, since: c0))
        let changes = try feed.changes(show: f.showId, since: c0)
        XCTAssertEqual(changes.seats.map(\.label), ["A1", "A2"])
        XCTAssertEqual(changes.seats.map(\.status), [.reserved, .reserved])
        XCTAssertEqual(changes.seats.first?.holdExpiresAt, hold.expiresAt)
        let c1 = changes.cursor
        XCTAssertFalse(try feed.hasChanged(show: f.showId, since: c1))

        try f.service().confirm(booking: hold.bookingId, email: "v@example.com")
        let confirmed = try feed.changes(show: f.showId, since: c1)
        XCTAssertEqual(confirmed.seats.map(\.status), [.booked, .booked])
        try f.service().cancel(booking: hold.bookingId)
        XCTAssertEqual(try feed.changes(show: f.showId, since: confirmed.cursor).seats.map(\.status), [.available, .available])
        assertThrows(code: "not_found") { _ = try feed.changes(show: 999_999, since: c1) }
    }

    /// A change whose transaction started before a cursor but committed after it is still seen:
    /// the cursor is a snapshot, not a counter, so commit order cannot hide a change.
    func testChangeCommittedAfterTheCursorByAnOlderTransactionIsNotMissed() throws {
        let f = try Fixture()
        let slow = try f.connect()
        try slow.connection.execute(script: "BEGIN")
        try slow.connection.query("SELECT * FROM modex_hold($1, '{A5}', NULL, 'slow', 120, NULL)", [.int(f.showId)])
        let fast = try f.service().hold(seats: ["A6"], for: f.showId)   // commits first
        let feed = ChangeFeed(database: f.db)
        let seen = try feed.changes(show: f.showId, since: try ShowCatalog(database: f.db).seatMap(show: f.showId).cursor)
        XCTAssertEqual(seen.seats, [], "nothing changed after a fresh map's cursor")
        let map = try ShowCatalog(database: f.db).seatMap(show: f.showId)
        XCTAssertEqual(map.seats.first { $0.label == "A6" }?.bookingId, fast.bookingId)
        XCTAssertEqual(map.seats.first { $0.label == "A5" }?.status, .available, "the slow hold is not committed yet")
        try slow.connection.execute(script: "COMMIT")
        XCTAssertTrue(try feed.hasChanged(show: f.showId, since: map.cursor))
        XCTAssertEqual(try feed.changes(show: f.showId, since: map.cursor).seats.map(\.label), ["A5"])
    }

    /// While writers commit, a reader following the feed gets every changed seat exactly once:
    /// the cursor it gets back is the snapshot its seats were read at.
    func testFollowingWhileOthersCommitDeliversEachChangeExactlyOnce() throws {
        let f = try Fixture(rows: 4, seatsPerRow: 50)
        let feed = ChangeFeed(database: f.db)
        var cursor = try feed.cursor()
        let writers = holdEverySeatFromTwoWriters(f)
        var delivered: [String] = []
        var reads = 0
        XCTAssertTrue(try eventually(within: 30, every: 0.001) {
            let finished = writers.wait(timeout: .now()) == .success
            let changes = try feed.changes(show: f.showId, since: cursor)
            delivered += changes.seats.map(\.label)
            cursor = changes.cursor
            reads += 1
            return finished && changes.seats.isEmpty
        })
        XCTAssertGreaterThan(reads, 10, "the reader read while the writers were writing")
        XCTAssertEqual(delivered.count, 200, "each of the 200 holds delivered once")
        XCTAssertEqual(Set(delivered).count, 200)
    }

    /// While writers commit, a map and the changes since its cursor never overlap: no seat the
    /// map already shows held comes again as a change (each seat is held once here, so a seat
    /// in both with the same state is a double delivery).
    func testASeatMapAndTheChangesAfterItsCursorDoNotOverlap() throws {
        let f = try Fixture(rows: 4, seatsPerRow: 50)
        let writers = holdEverySeatFromTwoWriters(f)
        let catalog = ShowCatalog(database: f.db), feed = ChangeFeed(database: f.db)
        var overlaps: [String] = []
        var maps = 0
        while writers.wait(timeout: .now()) == .timedOut {
            let map = try catalog.seatMap(show: f.showId)
            let shown = Dictionary(uniqueKeysWithValues: map.seats.map { ($0.label, $0) })
            overlaps += try feed.changes(show: f.showId, since: map.cursor).seats.filter { shown[$0.label] == $0 }.map(\.label)
            XCTAssertEqual(map.show.reserved, map.seats.filter { $0.status == .reserved }.count, "the counts agree with the seats")
            maps += 1
        }
        XCTAssertGreaterThan(maps, 2, "maps were read while the writers wrote")
        XCTAssertEqual(overlaps, [])
        XCTAssertEqual(try catalog.seatMap(show: f.showId).seats.filter { $0.status == .reserved }.count, 200)
    }

    func testListenerHearsAChangeFromAnotherConnection() throws {
        let f = try Fixture()
        let listener = try f.connect()
        try ChangeFeed(database: listener).listen()
        _ = try f.service().hold(seats: ["A7"], for: f.showId)
        var heard: [Int64] = []
        XCTAssertTrue(try eventually(within: 1) {
            heard += try listener.connection.waitForNotifications(timeoutMilliseconds: 100).compactMap(ChangeFeed.showId(announcedBy:))
            return !heard.isEmpty
        })
        XCTAssertEqual(heard, [f.showId])
    }

    /// A deleted show is announced, and following it says the show is gone; a follower that
    /// missed the announcement finds out at its periodic check.
    func testADeletedShowIsAnnouncedAndFollowingItSaysSo() throws {
        let f = try Fixture()
        let feed = ChangeFeed(database: f.db)
        let cursor = try ShowCatalog(database: f.db).seatMap(show: f.showId).cursor
        let listener = try f.connect()
        try ChangeFeed(database: listener).listen()
        XCTAssertFalse(try feed.hasChanged(show: f.showId, since: cursor))

        _ = try ShowCatalog(database: f.db).deleteShow(f.showId)
        var heard: [Int64] = []
        XCTAssertTrue(try eventually(within: 1) {
            heard += try listener.connection.waitForNotifications(timeoutMilliseconds: 100).compactMap(ChangeFeed.showId(announcedBy:))
            return !heard.isEmpty
        })
        XCTAssertEqual(heard, [f.showId])
        XCTAssertTrue(try feed.hasChanged(show: f.showId, since: cursor), "the periodic check finds the show gone")
        var polling = ChangePolling()
        assertThrows(.notFound("Show \(f.showId) does not exist")) {
            _ = try feed.follow(show: f.showId, from: cursor, notes: [], polling: &polling)
        }
        XCTAssertFalse(try ShowCatalog(database: f.db).exists(f.showId))
    }

    /// Two writers on their own connections hold each seat of `f`'s 4 x 50 show, one at a time;
    /// the group is done when both have finished.
    private func holdEverySeatFromTwoWriters(_ f: Fixture) -> DispatchGroup {
        let done = DispatchGroup()
        for writer in 0..<2 {
            done.enter()
            let conninfo = f.conninfo, showId = f.showId
            Thread {
                defer { done.leave() }
                guard let db = try? Database(conninfo: conninfo) else { return }
                var policy = HoldPolicy()
                policy.announcementInterval = 0
                let holds = HoldService(database: db, policy: policy)
                for number in 1...50 {
                    for row in [writer * 2, writer * 2 + 1] {
                        _ = try? holds.hold(seats: ["\(SeatLabel.rowName(row))\(number)"], for: showId)
                    }
                }
            }.start()
        }
        return done
    }
}
