import Foundation
import Logging
@testable import ModexTUI
import ModexTestSupport
import SeatMapModel
import SeatPickerUI
import XCTest

/// A picker quitting waits for its releases (`DatabaseWorker.finish(within:)`), and also sends
/// the announcements its throttle had deferred: other terminals then see the seats free within
/// a second, not at their next periodic check.
final class FinishAnnouncesTests: XCTestCase {
    func testFinishSendsADeferredAnnouncementAtOnce() throws {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let showId = try ShowCatalog(database: db).createShow(
            name: "Quitting", startsAt: Date(timeIntervalSinceNow: 86_400), plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let listener = try Database(conninfo: conninfo)
        try ChangeFeed(database: listener).listen()
        var policy = HoldPolicy()
        policy.announcementInterval = 3   // a second change inside it is announced only when it ends
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo) }, policy: policy, inbox: inbox, log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }

        worker.submit(.hold(showId: showId, labels: ["A1"]))
        var held: Hold?
        XCTAssertTrue(eventually(within: 5) {
            for case .held(let hold) in inbox.drain() { held = hold }
            return held != nil
        })
        worker.submit(.release(bookingId: try XCTUnwrap(held).bookingId))   // as quitting does
        XCTAssertTrue(worker.finish(within: 1.5), "the release and its announcement were done")
        XCTAssertEqual(try listener.announcementsHeard(of: showId, within: 0.5), 2, "the hold's announcement, then the release's at once, not 3 s later")
    }
}
