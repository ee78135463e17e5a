import Foundation
import ModexTestSupport
import SeatMapModel
import Synchronization
import XCTest

/// PostgreSQL crashes (an immediate shutdown: no checkpoint, so the next start replays the
/// WAL) while four terminals hold and confirm. Every confirmation that a terminal was told about
/// is still there afterwards, seats and all, and the invariants hold. This is the promise behind
/// "a confirmed booking is never lost", and it rests on `synchronous_commit` staying on.
final class CrashRecoveryTests: XCTestCase {
    func testEveryAcknowledgedConfirmationSurvivesACrash() throws {
        // Default durability: fsync and synchronous_commit on, as on a kiosk.
        let cluster = EmbeddedCluster(home: URL(fileURLWithPath: "/tmp/modex-crash-\(getpid())"))
        try? FileManager.default.removeItem(at: cluster.home)
        let setup = try cluster.openDatabase(loadingDemoWhenNew: false)
        defer { try? cluster.stop(); try? FileManager.default.removeItem(at: cluster.home) }
        let rows = 20, perRow = 100, workers = 4
        let showId = try ShowCatalog(database: setup).createShow(
            name: "Crash", startsAt: Date(timeIntervalSinceNow: 86_400), plan: try VenuePlan.grid(rows: rows, seatsPerRow: perRow))
        setup.connection.close()

        let acknowledged = Mutex<[BookingDetails]>([])
        let done = DispatchGroup()
        let conninfo = cluster.conninfo()
        for worker in 0..<workers {
            done.enter()
            Thread {
                defer { done.leave() }
                guard let db = try? Database(conninfo: conninfo) else { return }
                let holds = HoldService(database: db)
                // Each terminal takes its own seats, one at a time, so none is ever refused.
                for seat in stride(from: worker, to: rows * perRow, by: workers) {
                    let label = "\(SeatLabel.rowName(seat / perRow))\(seat % perRow + 1)"
                    do {
                        let hold = try holds.hold(seats: [label], for: showId)
                        let booking = try holds.confirm(booking: hold.bookingId, email: "desk\(worker)@example.com")
                        acknowledged.withLock { $0.append(booking) }
                    } catch {
                        return   // the crash
                    }
                }
            }.start()
        }
        XCTAssertTrue(eventually(within: 60) { acknowledged.withLock { $0.count } >= 200 }, "the terminals were confirming")

        let pidFile = try String(contentsOf: cluster.dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8)
        let postmaster = try XCTUnwrap(pidFile.split(separator: "\n").first.flatMap { pid_t($0) })
        XCTAssertEqual(kill(postmaster, SIGQUIT), 0, "immediate shutdown of the postmaster")
        XCTAssertEqual(done.wait(timeout: .now() + 20), .success, "every terminal saw the crash")
        XCTAssertTrue(eventually(within: 20, every: 0.1) { !cluster.isRunning }, "the server went down")
        let told = acknowledged.withLock { $0 }
        XCTAssertLessThan(told.count, rows * perRow, "the crash came while the terminals were still confirming")

        try cluster.start()
        let log = try FileManager.default.contentsOfDirectory(at: cluster.serverLogDirectory, includingPropertiesForKeys: nil)
            .map { try String(contentsOf: $0, encoding: .utf8) }.joined()
        XCTAssertTrue(log.contains("automatic recovery in progress"), "the restart was a crash recovery:\n\(log.suffix(2_000))")

        let db = try Database(conninfo: cluster.conninfo())
        let holds = HoldService(database: db)
        for booking in told {
            guard let stored = try? holds.booking(booking.bookingId) else {
                XCTFail("confirmed booking \(booking.bookingId) was lost")
                continue
            }
            XCTAssertEqual(stored.status, .confirmed, "booking \(booking.bookingId)")
            XCTAssertEqual(stored.seats, booking.seats)
            XCTAssertEqual(stored.email, booking.email)
        }
        let seats = try ShowCatalog(database: db).seatMap(show: showId).seats
        let bookedBy = Dictionary(uniqueKeysWithValues: seats.filter { $0.status == .booked }.map { ($0.label, $0.bookingId) })
        for booking in told {
            XCTAssertEqual(bookedBy[booking.seats[0]], booking.bookingId, "\(booking.seats[0]) is booked by \(booking.bookingId)")
        }
        // A confirmation can commit in the instant before its answer is lost: at most one per terminal.
        XCTAssertTrue((told.count...(told.count + workers)).contains(bookedBy.count),
                      "\(bookedBy.count) seats booked, \(told.count) confirmations acknowledged")
        let report = try IntegrityChecker(database: db).check(sweepLagSeconds: 3_600)
        XCTAssertTrue(report.isClean, "\(report.findings)")
    }
}
