import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A map larger than the screen says which way the rest of it lies ("more seats → ↓"), so a clerk
/// on an arena knows there are seats beyond the 36 drawn on an 80-column terminal.
final class OutOfViewTests: XCTestCase {
    private func countsLine(_ state: AppState, _ options: RenderOptions = RenderOptions()) -> String {
        String(render(state, options: options, timeZone: SampleData.utc).text.split(separator: "\n", omittingEmptySubsequences: false)[1])
    }

    private func arena(_ size: ScreenSize) -> AppState {
        var state = SampleData.state(size)
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert"), clockOffset: 0))
        return state
    }

    func testTheArenaSaysWhereTheRestOfItLies() throws {
        var state = arena(ScreenSize(width: 80, height: 24))
        XCTAssertTrue(countsLine(state).hasSuffix("more seats → ↓"), countsLine(state))
        XCTAssertTrue(countsLine(state, RenderOptions(glyphs: .ascii)).hasSuffix("more seats right down"))

        guard case .seats(let map) = state.screen else { return XCTFail("not on the map") }
        let last = try XCTUnwrap(map.seats.max { ($0.layoutRow, $0.layoutColumn) < ($1.layoutRow, $1.layoutColumn) })
        SampleData.moveCursor(&state, to: last.label)
        XCTAssertTrue(countsLine(state).hasSuffix("more seats ← ↑"), countsLine(state))

        SampleData.moveCursor(&state, to: "S1-M50")
        XCTAssertTrue(countsLine(state).hasSuffix("more seats ← → ↑ ↓"), countsLine(state))
    }

    func testAMapThatFitsSaysNothing() {
        var state = arena(ScreenSize(width: 400, height: 400))
        XCTAssertEqual(countsLine(state).trimmingCharacters(in: .whitespaces), "Available 20,000  Reserved 0  Booked 0")
        state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        XCTAssertFalse(countsLine(state).contains("more seats"), countsLine(state))
    }

    /// On a narrow screen the counts come first: the note is shortened, then left out, rather
    /// than written over them.
    func testTheCountsKeepTheirPlaceOnANarrowScreen() {
        var state = arena(ScreenSize(width: 60, height: 20))
        XCTAssertTrue(countsLine(state).hasSuffix("  more seats → ↓"), countsLine(state))
        XCTAssertEqual(countsLine(state, RenderOptions(glyphs: .ascii)), "Available 20,000  Reserved 0  Booked 0       more right down")
        state = arena(ScreenSize(width: 50, height: 20))
        XCTAssertEqual(countsLine(state), "Available 20,000  Reserved 0  Booked 0    more → ↓")
        state = arena(ScreenSize(width: 45, height: 20))
        XCTAssertEqual(countsLine(state).trimmingCharacters(in: .whitespaces), "Available 20,000  Reserved 0  Booked 0")
    }
}
