import Foundation
import Logging
@testable import ModexTUI
import ModexTestSupport
import SeatMapModel
import SeatPickerUI
import XCTest

/// A database that stops answering (a hung server, a stalled disk) without refusing anything:
/// the picker's database thread says how long its oldest request has waited, which the picker
/// shows once it is a couple of seconds old, and forgets it when the answer comes.
final class SlowDatabaseTests: XCTestCase {
    func testTheWorkerSaysHowLongItsOldestRequestHasWaited() throws {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo, applicationName: "slow-worker-under-test") },
                                    policy: HoldPolicy(), inbox: inbox, log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }
        func loadShows() -> Bool {
            worker.submit(.loadShows)
            return eventually(within: 5) { inbox.drain().contains { if case .showsLoaded = $0 { true } else { false } } }
        }
        XCTAssertTrue(loadShows(), "the worker is connected")
        XCTAssertNil(worker.waitingSince, "nothing waits once the answer came")

        // The worker's server process stops, as a hung server would: no error, no answer.
        let backend = try db.run("SELECT pid FROM pg_stat_activity WHERE application_name = 'slow-worker-under-test'").single().int("pid")
        XCTAssertEqual(kill(pid_t(backend), SIGSTOP), 0)
        var resumed = false
        defer { if !resumed { kill(pid_t(backend), SIGCONT) } }
        let asked = Date()
        worker.submit(.loadShows)
        worker.submit(.loadShows)
        XCTAssertTrue(eventually(within: 5) { (worker.waitingSince.map { Date().timeIntervalSince($0) } ?? 0) >= 2.5 },
                      "the first request is still waiting")
        XCTAssertEqual(try XCTUnwrap(worker.waitingSince).timeIntervalSince(asked), 0, accuracy: 0.5,
                       "the wait counts from the oldest request")
        XCTAssertFalse(inbox.drain().contains { if case .showsLoaded = $0 { true } else { false } })

        XCTAssertEqual(kill(pid_t(backend), SIGCONT), 0)
        resumed = true
        XCTAssertTrue(eventually(within: 5) { worker.waitingSince == nil }, "both requests were answered")
        XCTAssertEqual(inbox.drain().filter { if case .showsLoaded = $0 { true } else { false } }.count, 2)
    }
}
