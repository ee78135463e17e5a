import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A request the database has not answered for a couple of seconds: the status line says how
/// long the picker has waited, above what it waits for, so the clerk knows it has not hung.
final class SlowAnswerNoticeTests: XCTestCase {
    private func statusLines(_ state: AppState) -> [String] {
        let rows = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return rows.suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func testTheWaitIsShownAboveTheRequestUntilTheAnswerComes() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        _ = update(&state, .key(.character(" ")))
        XCTAssertEqual(update(&state, .key(.enter)), [.hold(showId: 1, labels: ["A1"])])
        _ = update(&state, .databaseSlow(since: SampleData.now.addingTimeInterval(-2)))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(2)))
        XCTAssertEqual(statusLines(state), ["Still waiting for the database: no answer for 4 s.", "Holding A1..."])

        _ = update(&state, .databaseSlow(since: nil))
        _ = update(&state, .held(Hold(bookingId: 9, showId: 1, labels: ["A1"], expiresAt: state.databaseNow.addingTimeInterval(120))))
        XCTAssertFalse(statusLines(state).joined().contains("waiting for the database"), statusLines(state).joined(separator: "\n"))
    }

    /// An outage says more than a slow answer, and a prompt the clerk is typing in stays.
    func testAnOutageOrAPromptComesFirst() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .databaseSlow(since: SampleData.now.addingTimeInterval(-3)))
        XCTAssertTrue(statusLines(state).joined().contains("Still waiting for the database: no answer for 3 s."))
        _ = update(&state, .key(.character("/")))
        XCTAssertTrue(statusLines(state).last?.hasPrefix("Filter: ") == true, statusLines(state).joined(separator: "\n"))
        _ = update(&state, .key(.escape))
        _ = update(&state, .connection(.unreachable("connection refused")))
        XCTAssertTrue(statusLines(state).joined().contains("Database unreachable, retrying..."), statusLines(state).joined(separator: "\n"))
    }
}
