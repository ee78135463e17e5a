import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A map that opens over another screen (a reload answered late, after the clerk moved on) closes
/// the prompt asked there, which would otherwise act on the wrong show. Found by the picker fuzz
/// test; the new-show form keeps what was typed.
final class MapOpeningPromptTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    func testAPromptOfAnotherShowsMapIsClosed() {
        var state = SampleData.state(size)
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 1), clockOffset: 0))
        _ = update(&state, .key(.character("g")))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 1), clockOffset: 0))
        XCTAssertEqual(state.prompt, .goToSeat(text: "", error: nil), "the same show read again keeps it")
        _ = update(&state, .mapLoaded(SampleData.map("category A 10.00 Only\nA  AA\n", id: 2, name: "Other"), clockOffset: 0))
        XCTAssertNil(state.prompt)
    }

    func testTheListsFilterPromptIsClosedButTheFilterKept() {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200)]))
        _ = update(&state, .key(.character("/")))
        _ = update(&state, .key(.character("S")))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 1), clockOffset: 0))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.listFilter, "S")
    }

    func testTheNewShowFormKeepsWhatWasTyped() {
        var state = SampleData.state(size)
        _ = update(&state, .key(.character("n")))
        _ = update(&state, .key(.character("M")))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 1), clockOffset: 0))
        guard case .newShow(let form)? = state.prompt else { return XCTFail("the form was closed") }
        XCTAssertEqual(form.value(.name), "M")
    }
}
