import Foundation
import SeatMapModel
import XCTest

final class ChangePollingTests: XCTestCase {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func note(_ payload: String) -> PGNotification { PGNotification(channel: ChangeFeed.channel, payload: payload, senderPID: 1) }

    func testChecksEverySecondUntilListenIsProvenThenEveryTenSeconds() {
        var polling = ChangePolling()
        XCTAssertTrue(polling.shouldCheck(now: t0, notes: [], show: 7), "first check at once")
        XCTAssertFalse(polling.shouldCheck(now: t0.addingTimeInterval(0.5), notes: [], show: 7))
        XCTAssertTrue(polling.shouldCheck(now: t0.addingTimeInterval(1.0), notes: [], show: 7))
        // The probe comes back: LISTEN works, so the safety check slows to every 10 s.
        XCTAssertFalse(polling.shouldCheck(now: t0.addingTimeInterval(1.2), notes: [note(ChangeFeed.probePayload)], show: 7))
        XCTAssertTrue(polling.listenWorks)
        XCTAssertFalse(polling.shouldCheck(now: t0.addingTimeInterval(5), notes: [], show: 7))
        XCTAssertTrue(polling.shouldCheck(now: t0.addingTimeInterval(5), notes: [note("7")], show: 7), "an announcement for the show")
        XCTAssertFalse(polling.shouldCheck(now: t0.addingTimeInterval(6), notes: [note("8")], show: 7), "another show's")
        XCTAssertTrue(polling.shouldCheck(now: t0.addingTimeInterval(15), notes: [], show: 7))
        // A change nobody announced: back to every second.
        polling.foundUnannouncedChange()
        XCTAssertFalse(polling.listenWorks)
        XCTAssertTrue(polling.shouldCheck(now: t0.addingTimeInterval(16), notes: [], show: 7))
    }

    /// The probe is heard right after connecting, usually before the clerk opens a show; it
    /// still proves LISTEN, so the show opened later is checked every 10 s, not every second.
    func testTheProbeHeardBeforeAShowIsFollowedStillProvesListen() {
        var polling = ChangePolling()
        polling.heard([note(ChangeFeed.probePayload)])
        XCTAssertTrue(polling.listenWorks)
        XCTAssertTrue(polling.shouldCheck(now: t0, notes: [], show: 7))
        XCTAssertFalse(polling.shouldCheck(now: t0.addingTimeInterval(1.5), notes: [], show: 7))
        XCTAssertTrue(polling.shouldCheck(now: t0.addingTimeInterval(10), notes: [], show: 7))
        var other = ChangePolling()
        other.heard([PGNotification(channel: "elsewhere", payload: "x", senderPID: 1)])
        XCTAssertFalse(other.listenWorks, "only the change channel proves anything")
    }
}
