import Foundation
import ModexTestSupport
import Synchronization
@testable import SeatMapModel
import XCTest

/// A hold can commit and its answer still be lost. Named by its request id, it can be found
/// again, and the same request retried gets the same hold back instead of a refusal.
final class HoldRequestTests: XCTestCase {
    func testTheSameRequestSentAgainGetsTheSameHoldBack() throws {
        let f = try Fixture()
        let service = f.service()
        let request = UUID().uuidString
        let first = try service.hold(seats: ["A1", "A2"], for: f.showId, request: request)
        // Only a retry asks whether the request took the seats.
        assertThrows(.seatsUnavailable(["A1", "A2"])) {
            _ = try service.hold(seats: ["A1", "A2"], for: f.showId, request: request)
        }
        let again = try service.hold(seats: ["a2", "A1"], for: f.showId, request: request, retrying: true)
        XCTAssertEqual(again.bookingId, first.bookingId)
        XCTAssertEqual(again.expiresAt.timeIntervalSince1970, first.expiresAt.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 1, "nothing more was held")
        XCTAssertEqual(try f.db.run("SELECT request_id::text AS id FROM bookings").single().string("id"), request)
        try f.assertClean()
    }

    func testAnotherRequestForTheSameSeatsIsStillRefused() throws {
        let f = try Fixture()
        let service = f.service()
        _ = try service.hold(seats: ["A1", "A2"], for: f.showId, request: UUID().uuidString)
        assertThrows(.seatsUnavailable(["A1", "A2"])) { _ = try service.hold(seats: ["A1", "A2"], for: f.showId, request: UUID().uuidString, retrying: true) }
        assertThrows(.seatsUnavailable(["A1"])) { _ = try service.hold(seats: ["A1"], for: f.showId) }
    }

    func testTheSameRequestForOtherSeatsIsNotTakenForTheFirst() throws {
        let f = try Fixture()
        let service = f.service()
        let request = UUID().uuidString
        _ = try service.hold(seats: ["A1", "A2"], for: f.showId, request: request)
        assertThrows(.seatsUnavailable(["A2"])) { _ = try service.hold(seats: ["A2", "A3"], for: f.showId, request: request, retrying: true) }
        XCTAssertNil(try service.findHold(request: request, show: f.showId, seats: ["A1"]), "a hold of A1 A2 is not a hold of A1 alone")
        XCTAssertNotNil(try service.findHold(request: request, show: f.showId, seats: ["A2", "A1"]))
    }

    func testFindHoldAnswersOnlyWhileTheHoldIsInForce() throws {
        let f = try Fixture()
        let service = f.service()
        let request = UUID().uuidString
        XCTAssertNil(try service.findHold(request: request, show: f.showId, seats: ["A1"]), "nothing was held yet")
        let hold = try service.hold(seats: ["A1"], for: f.showId, request: request)
        XCTAssertEqual(try service.findHold(request: request, show: f.showId, seats: ["A1"])?.bookingId, hold.bookingId)
        XCTAssertNil(try service.findHold(request: UUID().uuidString, show: f.showId, seats: ["A1"]), "another request made no hold")
        try service.release(booking: hold.bookingId)
        XCTAssertNil(try service.findHold(request: request, show: f.showId, seats: ["A1"]), "a released hold is not found")
        let redone = try service.hold(seats: ["A1"], for: f.showId, request: request)
        XCTAssertNotEqual(redone.bookingId, hold.bookingId, "once its hold ended, the request holds afresh")
    }

    func testALapsedHoldIsNotFoundAndTheRequestHoldsAfresh() throws {
        let f = try Fixture()
        let service = f.service(holdSeconds: 1)
        let request = UUID().uuidString
        let hold = try service.hold(seats: ["A1"], for: f.showId, request: request)
        XCTAssertTrue(try eventually(within: 5, every: 0.1) {
            try service.findHold(request: request, show: f.showId, seats: ["A1"]) == nil
        }, "the hold lapsed")
        XCTAssertNotEqual(try service.hold(seats: ["A1"], for: f.showId, request: request).bookingId, hold.bookingId)
        try f.assertClean()
    }

    /// Holds A1 A2 while another session has A1 locked, on a connection that gives up after
    /// half a second: the request goes unanswered while its server process waits for A1 (until
    /// the returned blocker commits, or the lock timeout).
    func holdWithItsAnswerLost(_ f: Fixture) throws -> (blocker: Database, request: String, backend: Int32) {
        let blocker = try f.connect()
        try blocker.connection.execute(script: "BEGIN")
        try blocker.connection.query("SELECT 1 FROM seats WHERE show_id = $1 AND label = 'A1' FOR UPDATE", [.int(f.showId)])
        let client = try f.connect()
        client.connection.answerTimeout = 0.5
        let backend = client.connection.backendPID
        let request = UUID().uuidString
        assertThrows(code: "database_unreachable", containing: "did not answer") {
            _ = try HoldService(database: client, policy: f.service().policy).hold(seats: ["A1", "A2"], for: f.showId, request: request)
        }
        return (blocker, request, backend)
    }

    /// The lost answer itself: the hold waits on a locked seat past the client's answer
    /// timeout, the client gives the connection up, and the server then commits the hold with
    /// nobody to tell. Its request finds it, and sending the request again returns it.
    func testAHoldWhoseAnswerWasLostIsFoundByItsRequest() throws {
        let f = try Fixture()
        let (blocker, request, backend) = try holdWithItsAnswerLost(f)
        try blocker.connection.execute(script: "COMMIT")

        let service = f.service()
        var found: Hold?
        XCTAssertTrue(try eventually(within: 5, every: 0.05) {
            found = try service.findHold(request: request, show: f.showId, seats: ["A1", "A2"])
            return found != nil
        }, "the abandoned request committed its hold, and its id finds it")
        let hold = try XCTUnwrap(found)
        XCTAssertEqual(hold.labels, ["A1", "A2"])
        XCTAssertEqual(try service.outcome(ofLostRequest: request, show: f.showId, seats: ["A1", "A2"], sentTo: [backend]),
                       .held(hold))
        XCTAssertEqual(try service.hold(seats: ["A1", "A2"], for: f.showId, request: request, retrying: true).bookingId, hold.bookingId,
                       "retrying the request returns the hold it made")
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings WHERE status = 'PENDING'"), 1)
        try f.assertClean()
    }

    /// A lost request is undecided while its server process still runs (here it waits on a
    /// locked seat), and once the process has ended (the lock wait timed out, the statement
    /// was rolled back and the process read the client's goodbye), it is known to hold nothing.
    func testALostRequestIsUndecidedWhileItsServerProcessRunsThenNotHeld() throws {
        let f = try Fixture()
        let (blocker, request, backend) = try holdWithItsAnswerLost(f)
        let service = f.service()
        func outcome() throws -> LostHoldOutcome {
            try service.outcome(ofLostRequest: request, show: f.showId, seats: ["A1", "A2"], sentTo: [backend])
        }
        XCTAssertEqual(try outcome(), .undecided, "its process still waits for A1")
        XCTAssertTrue(try eventually(within: 10, every: 0.05) { try outcome() != .undecided }, "its process ended")
        XCTAssertEqual(try outcome(), .notHeld)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = \(backend)"), 0)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 0)
        try blocker.connection.execute(script: "COMMIT")
        try f.assertClean()
    }

    /// A retry sent while the first attempt is still running (not yet committed) waits for
    /// its seats, then answers the hold the first attempt made: one booking, not two, and no
    /// refusal.
    func testARetryRacingTheFirstAttemptGetsItsHold() throws {
        let f = try Fixture()
        let request = UUID().uuidString
        let first = try f.connect()
        try first.connection.execute(script: "BEGIN")
        let made = try first.connection.query("SELECT booking_id FROM modex_hold($1, '{A1,A2}', NULL, 'tester', 120, $2)",
                                              [.int(f.showId), .text(request)]).single().int("booking_id")
        let conninfo = f.conninfo, show = f.showId
        let answered = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Hold, Error>?>(nil)
        DispatchQueue.global().async {
            let result = Result {
                try HoldService(database: try Database(conninfo: conninfo)).hold(seats: ["A1", "A2"], for: show, request: request, retrying: true)
            }
            outcome.withLock { $0 = result }
            answered.signal()
        }
        XCTAssertTrue(try eventually(within: 5) {
            try f.lockWaiters() == 1
        }, "the retry waits for the first attempt's seats")
        try first.connection.execute(script: "COMMIT")
        XCTAssertEqual(answered.wait(timeout: .now() + 5), .success)
        XCTAssertEqual(try XCTUnwrap(outcome.withLock { $0 }).get().bookingId, made)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 1)
        try f.assertClean()
    }

    /// A picker of the previous version is still running when the schema is upgraded: its
    /// prepared five-argument hold call is planned again and keeps working, and its holds carry
    /// no request id.
    func testThePreviousVersionsHoldCallStillWorksAcrossTheUpgrade() throws {
        let f = try Fixture()
        let name = "v4_\(getpid())"
        try f.db.run("CREATE DATABASE \(name)")
        let conninfo = f.conninfo.replacingOccurrences(of: #"dbname=\S+"#, with: "dbname=\(name)", options: .regularExpression)
        let db = try Database(conninfo: conninfo)
        XCTAssertEqual(try Migrator(database: db).migrate(Array(Migration.all.prefix { $0.version <= 4 })), [1, 2, 3, 4])
        let show = try ShowCatalog(database: db).createShow(name: "Upgrade", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                            plan: try VenuePlan.grid(rows: 1, seatsPerRow: 10))
        let old = try Database(conninfo: conninfo)
        try old.connection.execute(script: "PREPARE old_hold(bigint, text[]) AS SELECT * FROM modex_hold($1, $2, NULL, 'old', 120)")
        func oldHold(_ label: String) throws -> Int64 {
            try old.connection.query("EXECUTE old_hold(\(show), '{\(label)}')").single().int("booking_id")
        }
        _ = try oldHold("A1")
        XCTAssertEqual(try Migrator(database: db).migrate(Array(Migration.all.prefix { $0.version <= 5 })), [5])
        let booking = try oldHold("A2")
        XCTAssertEqual(try db.run("SELECT count(*) AS n FROM bookings WHERE request_id IS NULL AND booking_id = $1", [.int(booking)]).single().int("n"), 1)
        assertThrows(.seatsUnavailable(["A2"])) { _ = try oldHold("A2") }
        XCTAssertEqual(try Migrator(database: db).migrate(), Array(6...Migration.all.last!.version))
        XCTAssertTrue(try IntegrityChecker(database: db).check(sweepLagSeconds: 3_600).isClean)
        db.connection.close()
        old.connection.close()
        try f.db.run("DROP DATABASE \(name)")
    }
}
