import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// Quitting gives back what this terminal holds, so its seats are free at once instead of
/// blocked for up to five minutes by a hold nobody can confirm any more.
final class QuitReleaseTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    func testQuittingFromTheListReleasesTheHoldsKeptOnMapsLeft() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("q")))
        XCTAssertEqual(update(&state, .key(.character("q"))), [.release(bookingId: 9), .quit])
        XCTAssertTrue(state.quitting)
        XCTAssertEqual(state.message, StatusMessage("Releasing your hold on C5 C6 before quitting..."))
        XCTAssertTrue(render(state).text.contains("Releasing your hold on C5 C6 before quitting..."), "drawn while it waits")
    }

    func testControlCOnTheMapReleasesItsHoldAndTheKeptOnes() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("q")))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert"), clockOffset: 0))
        _ = update(&state, .held(Hold(bookingId: 12, showId: 2, labels: ["N1-A1", "N1-A2", "N1-A3"],
                                      expiresAt: SampleData.now.addingTimeInterval(120))))
        XCTAssertEqual(update(&state, .key(.controlC)), [.release(bookingId: 9), .release(bookingId: 12), .quit])
        XCTAssertEqual(state.message, StatusMessage("Releasing your holds on C5 C6 and N1-A1..N1-A3 before quitting..."))
    }

    func testNothingHeldQuitsAtOnce() {
        var state = SampleData.state(size)
        XCTAssertEqual(update(&state, .key(.character("q"))), [.quit])
        XCTAssertNil(state.message)
    }

    /// A hold that ran out is over, and one whose confirmation is unanswered may be a booking.
    func testAHoldThatRanOutOrMayBeBookedIsLeftAlone() {
        var state = SampleData.busyTheatre(size)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(100)))
        XCTAssertEqual(update(&state, .key(.controlC)), [.quit])

        state = SampleData.busyTheatre(size)
        _ = update(&state, .key(.character("c")))
        for ch in "ann@example.com" { _ = update(&state, .key(.character(ch))) }
        _ = update(&state, .key(.enter))
        _ = update(&state, .key(.character("1")))
        _ = update(&state, .failed(.databaseUnreachable("no answer")))
        XCTAssertEqual(update(&state, .key(.controlC)), [.quit])
    }
}
