import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// `c`, `x` and `e` act on this terminal's hold; without one, each says so instead of doing
/// nothing the clerk can see. Enter with a hold cannot add seats to it, and says what to do.
final class HoldKeyTests: XCTestCase {
    func testConfirmReleaseAndExtendWithoutAHoldSaySo() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        _ = update(&state, .key(.character(" ")))   // a seat selected, not held
        for (key, action) in [("c", "confirm"), ("x", "release"), ("e", "extend")] {
            state.message = nil
            XCTAssertEqual(update(&state, .key(.character(Character(key)))), [], key)
            XCTAssertEqual(state.message, StatusMessage("Nothing to \(action): hold seats first (Space, then Enter).", isError: true))
            XCTAssertNil(state.prompt, key)
        }
        guard case .seats(let map) = state.screen else { return XCTFail("not on the map") }
        XCTAssertEqual(map.selection.count, 1, "the selection is kept")
    }

    /// A customer who wants one more seat: a hold cannot take more, so the message says how
    /// to sell it.
    func testEnterWithAHoldSaysHowToSellMoreSeats() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))   // holds C5 C6, D7 selected
        SampleData.moveCursor(&state, to: "C7")
        _ = update(&state, .key(.character(" ")))
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(state.message, StatusMessage("You already hold C5 C6: to add C7 D7, confirm these (c) and hold them next, "
                                                    + "or release these (x) and hold all together.", isError: true))
        _ = update(&state, .key(.character(" ")))   // C7 unselected
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(state.message?.text, "You already hold C5 C6: to add D7, confirm these (c) and hold it next, "
                                            + "or release these (x) and hold all together.")
        SampleData.moveCursor(&state, to: "D7")
        _ = update(&state, .key(.character(" ")))   // nothing selected
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(state.message, StatusMessage("You already hold C5 C6: confirm them (c) or release them (x) first.", isError: true))
    }

    /// A request already on its way: a second `x` or `e` waits for its answer, silently.
    func testABusyHoldTakesNoSecondRequest() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))   // holds C5 C6
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 9)])
        XCTAssertEqual(update(&state, .key(.character("x"))), [])
        XCTAssertEqual(update(&state, .key(.character("e"))), [])
        XCTAssertNotEqual(state.message?.isError, true)
    }
}
