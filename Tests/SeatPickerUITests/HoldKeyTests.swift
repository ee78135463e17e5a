import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// `c`, `x` and `e` act on this terminal's hold; without one, each says so instead of doing
/// nothing the clerk can see. Enter with a hold adds the selected seats to it.
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

    /// A customer who wants one more seat: Enter adds the selection to the hold, which keeps
    /// its number and its time.
    func testEnterWithAHoldAddsTheSelectionToIt() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))   // holds C5 C6 (booking 9), D7 selected
        SampleData.moveCursor(&state, to: "C7")
        _ = update(&state, .key(.character(" ")))
        XCTAssertEqual(update(&state, .key(.enter)), [.addSeats(bookingId: 9, labels: ["C7", "D7"])])
        XCTAssertEqual(state.message?.text, "Adding C7 D7 to your hold...")
        XCTAssertEqual(update(&state, .key(.enter)), [], "one request at a time")
        guard case .seats(let before) = state.screen, let old = before.hold else { return XCTFail("no hold") }
        _ = update(&state, .seatsAdded(Hold(bookingId: 9, showId: 1, labels: ["C5", "C6", "C7", "D7"], expiresAt: old.expiresAt,
                                            longestExpiry: old.longestExpiry)))
        guard case .seats(let map) = state.screen else { return XCTFail("not on the map") }
        XCTAssertFalse(map.busy)
        XCTAssertEqual(map.hold?.labels, ["C5", "C6", "C7", "D7"])
        XCTAssertEqual(map.selection, [])
        XCTAssertEqual(map.look(of: map.seats[map.index(of: "D7")!], at: state.databaseNow), .mine)
        XCTAssertTrue(state.message?.text.hasPrefix("Added C7 D7: your hold is C5..C7 D7, total ") == true, state.message?.text ?? "")
        let screen = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text
        XCTAssertTrue(screen.contains("Your hold: 1:35 left · total"), screen)
    }

    func testAHoldTakesNoMoreThanTheLimitAndEnterAloneSaysHowToAdd() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))   // holds C5 C6, D7 selected
        state.holdPolicy.maxSeatsPerHold = 2
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(state.message, StatusMessage("A hold takes at most 2 seats: yours has 2, and D7 would make 3.", isError: true))
        SampleData.moveCursor(&state, to: "D7")
        _ = update(&state, .key(.character(" ")))   // nothing selected
        XCTAssertEqual(update(&state, .key(.enter)), [])
        XCTAssertEqual(state.message, StatusMessage("Select more seats with Space to add them to your hold; c confirms it, x releases it.",
                                                    isError: true))
    }

    /// An addition whose answer was lost went through: the seats, read again, say they are the
    /// hold's, and the hold takes them.
    func testSeatsTheDatabaseHasInTheHoldAreAdopted() {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))   // holds C5 C6 (booking 9), D7 selected
        XCTAssertEqual(update(&state, .key(.enter)), [.addSeats(bookingId: 9, labels: ["D7"])])
        _ = update(&state, .failed(.databaseUnreachable("connection lost")))
        guard case .seats(let map) = state.screen, let hold = map.hold else { return XCTFail("no hold") }
        XCTAssertEqual(hold.labels, ["C5", "C6"])
        let d7 = map.seats[map.index(of: "D7")!].with(status: .reserved, bookingId: 9, holdExpiresAt: hold.expiresAt)
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: [d7], cursor: ChangeCursor(snapshot: "9:9:"), databaseTime: SampleData.now)))
        guard case .seats(let after) = state.screen else { return XCTFail("not on the map") }
        XCTAssertEqual(after.hold?.labels, ["C5", "C6", "D7"])
        XCTAssertEqual(after.selection, [])
        XCTAssertEqual(state.message?.text, "D7 is in your hold too (the answer had been lost): your hold is C5 C6 D7.")
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
