import Foundation
@testable import ModexTUI
import SeatMapModel
import SeatPickerUI
import XCTest

/// The database worker's record of hold requests whose answer was lost, as a plain value:
/// which request a hold goes out as, what the picker is told, and when a request is settled.
final class LostHoldsTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_796_124_600)
    let hold = Hold(bookingId: 7, showId: 1, labels: ["A1", "A2"], expiresAt: Date(timeIntervalSince1970: 1_796_124_700))

    /// A request for A1 A2 whose answer was lost on server process 101.
    func lost() -> (LostHolds, HoldRequest) {
        var lost = LostHolds(lifetime: 135)
        let request = lost.request(show: 1, labels: ["A1", "A2"], now: now)
        XCTAssertEqual(lost.record(request, sentOn: 101, failure: .databaseUnreachable("server closed the connection")),
                       [.holdInDoubt(showId: 1, labels: ["A1", "A2"])])
        return (lost, request)
    }

    func testAnAnsweredOrRefusedRequestIsForgotten() {
        var lost = LostHolds(lifetime: 135)
        let first = lost.request(show: 1, labels: ["A1"], now: now)
        XCTAssertEqual(lost.record(first, sentOn: 101, failure: nil), [])
        XCTAssertEqual(lost.record(lost.request(show: 1, labels: ["A2"], now: now), sentOn: 101, failure: .seatsUnavailable(["A2"])),
                       [.failed(.seatsUnavailable(["A2"]))])
        XCTAssertEqual(lost.record(lost.request(show: 1, labels: ["A3"], now: now), sentOn: 101, failure: .busy("A3 is busy")),
                       [.failed(.busy("A3 is busy"))], "the server refused it, so it is not in doubt")
        XCTAssertTrue(lost.requests.isEmpty)
        XCTAssertNotEqual(lost.request(show: 1, labels: ["A1"], now: now).id, first.id, "a new hold of the same seats is a new request")
    }

    func testALostRequestIsInDoubtAndARepeatOfItKeepsItsId() {
        var (lost, request) = lost()
        XCTAssertEqual(lost.inDoubt.map(\.id), [request.id])
        XCTAssertEqual(lost.inDoubt.first?.sentTo, [101])
        XCTAssertEqual(lost.request(show: 1, labels: ["A2", "A1"], now: now).id, request.id, "the same seats in any order")
        XCTAssertNotEqual(lost.request(show: 1, labels: ["A1"], now: now).id, request.id)
        XCTAssertNotEqual(lost.request(show: 2, labels: ["A1", "A2"], now: now).id, request.id)
        XCTAssertNotEqual(lost.request(show: 1, labels: ["A1", "A2"], now: now.addingTimeInterval(136)).id, request.id,
                          "not once its hold would have lapsed")

        // The repeat is refused with "busy" while the first attempt holds the lock: still in
        // doubt, and now asked about on both server processes.
        let repeated = lost.request(show: 1, labels: ["A1", "A2"], now: now)
        XCTAssertEqual(lost.record(repeated, sentOn: 202, failure: .busy("A1 is busy")), [.failed(.busy("A1 is busy"))])
        XCTAssertEqual(lost.inDoubt.first?.sentTo, [101, 202])
    }

    func testARefusedRepeatSettlesItAsNotHeld() {
        var (lost, _) = lost()
        let repeated = lost.request(show: 1, labels: ["A1", "A2"], now: now)
        XCTAssertEqual(lost.record(repeated, sentOn: 202, failure: .seatsUnavailable(["A1"])),
                       [.notHeldAfterAll(showId: 1, labels: ["A1", "A2"]), .failed(.seatsUnavailable(["A1"]))])
        XCTAssertTrue(lost.requests.isEmpty)
    }

    func testAFoundHoldIsToldOnceAndARepeatStillGetsIt() {
        var (lost, request) = lost()
        XCTAssertNil(lost.settle(request.id, .undecided))
        XCTAssertEqual(lost.inDoubt.count, 1)
        XCTAssertEqual(lost.settle(request.id, .held(hold)), .heldAfterAll(hold))
        XCTAssertTrue(lost.inDoubt.isEmpty)
        XCTAssertNil(lost.settle(request.id, .held(hold)), "told once")
        let repeated = lost.request(show: 1, labels: ["A1", "A2"], now: now)
        XCTAssertEqual(repeated.id, request.id, "a repeat queued meanwhile is sent as a retry of it")
        XCTAssertEqual(repeated.state, .recovered)
        XCTAssertEqual(lost.record(repeated, sentOn: 202, failure: nil), [])
        XCTAssertTrue(lost.requests.isEmpty)
    }

    func testARequestThatMadeNoHoldIsForgotten() {
        var (lost, request) = lost()
        XCTAssertEqual(lost.settle(request.id, .notHeld), .notHeldAfterAll(showId: 1, labels: ["A1", "A2"]))
        XCTAssertTrue(lost.requests.isEmpty)
    }

    func testOnceItsHoldWouldHaveLapsedARequestIsDropped() {
        var (lost, request) = lost()
        XCTAssertEqual(lost.dropLapsed(now: request.until.addingTimeInterval(-1)), [])
        XCTAssertEqual(lost.dropLapsed(now: request.until), [.notHeldAfterAll(showId: 1, labels: ["A1", "A2"])])
        XCTAssertTrue(lost.requests.isEmpty)

        var (found, other) = self.lost()
        _ = found.settle(other.id, .held(hold))
        XCTAssertEqual(found.dropLapsed(now: other.until), [], "a found hold is not reported again")
        XCTAssertTrue(found.requests.isEmpty)
    }
}
