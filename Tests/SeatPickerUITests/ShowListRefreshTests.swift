import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// The show list stays current while it is open, without reading every show for every change.
final class ShowListRefreshTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    func list(_ state: AppState) -> ShowListState {
        guard case .shows(let list) = state.screen else { XCTFail("not on the show list"); return ShowListState() }
        return list
    }

    func at(_ state: inout AppState, _ seconds: TimeInterval) -> [Effect] {
        update(&state, .tick(SampleData.now.addingTimeInterval(seconds)))
    }

    func loaded(_ shows: [ShowSummary]) -> AppState {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded(shows))
        return state
    }

    let gala = SampleData.show(1, "Gala", seats: 200)
    let panto = SampleData.show(2, "Panto", seats: 40)
    let hamlet = SampleData.show(3, "Hamlet", seats: 40)

    /// Counts read grouped, and a column as wide as the biggest show keeps the names in line
    /// (a fixed width once cut "1,000,000/1,000,000" short).
    func testSeatCountsAreGroupedAndNeverCut() {
        let state = loaded([gala, SampleData.show(2, "Stadium", seats: 1_000_000)])
        let lines = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.split(separator: "\n")
        let header = try! XCTUnwrap(lines.first { $0.contains("Available/Total") })
        let stadium = try! XCTUnwrap(lines.first { $0.contains("Stadium") })
        let galaLine = try! XCTUnwrap(lines.first { $0.contains("Gala") })
        XCTAssertTrue(stadium.contains("1,000,000/1,000,000  Stadium"), String(stadium))
        XCTAssertTrue(galaLine.contains("200/200              Gala"), String(galaLine))
        XCTAssertEqual(header.range(of: "Name")?.lowerBound.utf16Offset(in: header), stadium.range(of: "Stadium")?.lowerBound.utf16Offset(in: stadium))
    }

    func testChangedShowsAreReadAgainAtMostEveryTwoSeconds() {
        var state = loaded([gala, panto, hamlet])
        XCTAssertEqual(at(&state, 5), [], "nothing changed")
        _ = update(&state, .showsAnnounced([2]))
        XCTAssertEqual(at(&state, 5.2), [.loadShowSummaries([2])])
        _ = update(&state, .showsAnnounced([2, 1]))
        XCTAssertEqual(at(&state, 6), [], "two seconds have not passed")
        XCTAssertEqual(at(&state, 7.2), [.loadShowSummaries([1, 2])])
        XCTAssertEqual(at(&state, 10), [])

        let sold = ShowSummary(showId: 2, name: "Panto", startsAt: panto.startsAt, createdAt: panto.createdAt,
                               totalSeats: 40, available: 31, reserved: 4, booked: 5)
        _ = update(&state, .showSummariesLoaded(requested: [1, 2], [gala, sold]))
        XCTAssertEqual(list(state).shows.map(\.available), [200, 31, 40])
        XCTAssertTrue(render(state, timeZone: SampleData.utc).text.contains("31/40"), render(state, timeZone: SampleData.utc).text)
    }

    func testTheWholeListIsReadEveryMinute() {
        var state = loaded([gala, panto])
        XCTAssertEqual(at(&state, 59), [])
        XCTAssertEqual(at(&state, 60), [.refreshShows])
        XCTAssertEqual(at(&state, 61), [], "once")
        _ = update(&state, .showsLoaded([gala, panto]))
        XCTAssertEqual(at(&state, 120), [])
        XCTAssertEqual(at(&state, 121), [.refreshShows], "a minute after the last full read")
        XCTAssertTrue(Effect.refreshShows.isBackgroundRead && Effect.loadShowSummaries([1]).isBackgroundRead)
        XCTAssertFalse(Effect.loadShows.isBackgroundRead, "a read the clerk asked for says when it fails")
    }

    func testTheCursorStaysOnItsShowWhenRowsComeAndGo() {
        var state = loaded([gala, panto, hamlet])
        _ = update(&state, .key(.down))
        _ = update(&state, .key(.down))
        XCTAssertEqual(list(state).showAtCursor, 3)
        // A manager created a show that starts first; the full read puts it at the top.
        let early = SampleData.show(4, "Matinee", seats: 10)
        _ = update(&state, .showsLoaded([early, gala, panto, hamlet]))
        XCTAssertEqual(list(state).showAtCursor, 3)
        // Panto was deleted: asked for again, it does not come back.
        _ = update(&state, .showsAnnounced([2]))
        XCTAssertEqual(at(&state, 3), [.loadShowSummaries([2])])
        _ = update(&state, .showSummariesLoaded(requested: [2], []))
        XCTAssertEqual(list(state).shows.map(\.showId), [4, 1, 3])
        XCTAssertEqual(list(state).showAtCursor, 3)
        XCTAssertEqual(update(&state, .key(.enter)), [.openShow(3)])
    }

    func testAnOpenMapReadsNoSummaries() {
        var state = loaded([gala, panto])
        _ = update(&state, .mapLoaded(SampleData.map("category A 1 X\nA  AA"), clockOffset: 0))
        _ = update(&state, .showsAnnounced([2]))
        XCTAssertEqual(at(&state, 90), [])
    }
}
