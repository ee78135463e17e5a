import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// A hold request whose answer was lost: its seats are in doubt until the database worker
/// learns what became of it, and a hold that turns up late never blocks seats unseen.
final class LostHoldUpdateTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)
    let theatre = SampleData.map(SampleVenues.theatre)

    func map(_ state: AppState) -> SeatMapState {
        guard case .seats(let m) = state.screen else { XCTFail("not on the seat map"); return SeatMapState(map: theatre) }
        return m
    }

    func look(_ state: AppState, _ label: String) -> SeatLook {
        let m = map(state)
        return m.look(of: m.seats[m.index(of: label)!], at: state.databaseNow)
    }

    /// The clerk held `labels` and the answer was lost in an outage.
    func inDoubt(_ labels: [String]) -> AppState {
        var state = SampleData.state(size)
        _ = update(&state, .mapLoaded(theatre, clockOffset: 0))
        var m = map(state)
        m.selection = Set(labels)
        state.screen = .seats(m)
        XCTAssertEqual(update(&state, .key(.enter)), [.hold(showId: 1, labels: labels)])
        _ = update(&state, .connection(.unreachable("server closed the connection")))
        XCTAssertEqual(update(&state, .holdInDoubt(showId: 1, labels: labels)), [])
        return state
    }

    func changed(_ state: inout AppState, _ labels: [String], booking: Int64, cursor: String) {
        let seats = labels.map { SampleData.seat(theatre, $0, .reserved, booking: booking, expires: SampleData.now.addingTimeInterval(110)) }
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: seats, cursor: ChangeCursor(snapshot: cursor), databaseTime: SampleData.now)))
    }

    /// The change feed shows the seats held before the worker finds the hold: that is no news of
    /// another terminal, and once the hold is found the panel counts down.
    func testTheSeatsOfALostAnswerAreNotReportedTakenAndTheHoldArrivesLate() {
        var state = inDoubt(["A1", "A2"])
        XCTAssertFalse(map(state).busy, "the request is no longer in flight")
        XCTAssertEqual(map(state).holdsInDoubt, ["A1", "A2"])
        XCTAssertEqual(state.message, StatusMessage("No answer came about A1 A2; checking whether they were held for you..."))
        changed(&state, ["A1", "A2"], booking: 31, cursor: "300:300:")
        XCTAssertEqual(state.message?.isError, false, "not 'taken by another terminal': \(state.message?.text ?? "")")
        XCTAssertEqual(map(state).selection, ["A1", "A2"], "still the clerk's to hold again")
        XCTAssertEqual(look(state, "A1"), .selected, "shown as the clerk's selection, not as held elsewhere")
        XCTAssertEqual(map(state).counts(at: state.databaseNow).reserved, 2, "the counts say what the database holds")
        let reloaded = SeatMap(show: theatre.show, categories: theatre.categories,
                               seats: theatre.seats.map { ["A1", "A2"].contains($0.label) ? $0.with(status: .reserved, bookingId: 31, holdExpiresAt: SampleData.now.addingTimeInterval(110)) : $0 },
                               cursor: ChangeCursor(snapshot: "301:301:"), databaseTime: SampleData.now)
        _ = update(&state, .mapLoaded(reloaded, clockOffset: 0))
        XCTAssertEqual(map(state).selection, ["A1", "A2"], "a reload keeps seats in doubt selected")
        XCTAssertEqual(map(state).holdsInDoubt, ["A1", "A2"])

        let hold = Hold(bookingId: 31, showId: 1, labels: ["A1", "A2"], expiresAt: SampleData.now.addingTimeInterval(110))
        XCTAssertEqual(update(&state, .heldAfterAll(hold)), [])
        XCTAssertEqual(map(state).hold, hold)
        XCTAssertEqual(map(state).selection, [])
        XCTAssertEqual(map(state).holdsInDoubt, [])
        XCTAssertEqual(look(state, "A1"), .mine)
        XCTAssertEqual(state.message?.text, "Held A1 A2 after all (the answer had been lost). Press c to confirm, x to release, e for more time.")
        XCTAssertTrue(render(state).text.contains("1:50"), render(state).text)
        XCTAssertEqual(update(&state, .held(hold)), [], "a retry answered with the same hold changes nothing")
        XCTAssertEqual(map(state).hold, hold)
    }

    /// The clerk held other seats before the lost hold turned up: it is given back, and its
    /// release does not disturb the clerk's hold.
    func testALostHoldTurningUpAfterTheClerkHeldOtherSeatsIsGivenBack() {
        var state = inDoubt(["A1"])
        var m = map(state)
        m.selection = ["B1"]
        state.screen = .seats(m)
        XCTAssertEqual(update(&state, .key(.enter)), [.hold(showId: 1, labels: ["B1"])])
        let mine = Hold(bookingId: 40, showId: 1, labels: ["B1"], expiresAt: SampleData.now.addingTimeInterval(120))
        _ = update(&state, .held(mine))
        let late = Hold(bookingId: 31, showId: 1, labels: ["A1"], expiresAt: SampleData.now.addingTimeInterval(100))
        XCTAssertEqual(update(&state, .heldAfterAll(late)), [.release(bookingId: 31)])
        XCTAssertEqual(map(state).hold, mine)
        XCTAssertEqual(state.message?.text, "Releasing A1: that hold went through after all, but you hold other seats now.")
        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 40)], "the clerk's own hold is still theirs")
        _ = update(&state, .released(bookingId: 31))
        XCTAssertTrue(map(state).busy, "the giving back is not the answer to the clerk's release")
        XCTAssertEqual(map(state).hold, mine)
        _ = update(&state, .released(bookingId: 40))
        XCTAssertNil(map(state).hold)
        XCTAssertFalse(map(state).busy)
    }

    /// The hold of A1 went in doubt, the clerk switched to B1 and is waiting for that hold when
    /// the one of A1 (booking 31) turns up: the picker gives it back.
    func switchedToB1WhenTheLateHoldOfA1TurnsUp() -> AppState {
        var state = inDoubt(["A1"])
        XCTAssertEqual(update(&state, .connection(.online)), [.openShow(1)])
        var m = map(state)
        m.selection = ["B1"]
        state.screen = .seats(m)
        _ = update(&state, .key(.enter))
        let late = Hold(bookingId: 31, showId: 1, labels: ["A1"], expiresAt: SampleData.now.addingTimeInterval(100))
        XCTAssertEqual(update(&state, .heldAfterAll(late)), [.release(bookingId: 31)])
        return state
    }

    /// The lost hold turns up while the clerk, having switched to other seats, waits for them:
    /// it is given back at once, and that release is not the answer the clerk waits for.
    func testALateHoldOfSeatsTheClerkSwitchedFromIsGivenBackAtOnce() {
        var state = switchedToB1WhenTheLateHoldOfA1TurnsUp()
        XCTAssertNil(map(state).hold)
        _ = update(&state, .released(bookingId: 31))
        XCTAssertTrue(map(state).busy, "the hold of B1 is still in flight")
        let answer = Hold(bookingId: 40, showId: 1, labels: ["B1"], expiresAt: SampleData.now.addingTimeInterval(120))
        XCTAssertEqual(update(&state, .held(answer)), [])
        XCTAssertEqual(map(state).hold, answer)
        XCTAssertEqual(map(state).givingBack, [])
    }

    /// Should another hold be answered while a late one is shown, the late one is given back,
    /// not orphaned.
    func testAHoldAnsweredWhileALateOneIsShownReplacesItAndGivesItBack() {
        var state = inDoubt(["A1"])
        XCTAssertEqual(update(&state, .connection(.online)), [.openShow(1)])
        var m = map(state)
        m.selection = ["A1", "B1"]
        state.screen = .seats(m)
        _ = update(&state, .key(.enter))
        let late = Hold(bookingId: 31, showId: 1, labels: ["A1"], expiresAt: SampleData.now.addingTimeInterval(100))
        XCTAssertEqual(update(&state, .heldAfterAll(late)), [])
        XCTAssertEqual(map(state).hold, late)
        XCTAssertTrue(map(state).busy, "the other request is still in flight")
        let answer = Hold(bookingId: 40, showId: 1, labels: ["B1"], expiresAt: SampleData.now.addingTimeInterval(120))
        XCTAssertEqual(update(&state, .held(answer)), [.release(bookingId: 31)])
        XCTAssertEqual(map(state).hold, answer)
        XCTAssertEqual(state.message?.text, "Held B1. Press c to confirm, x to release, e for more time. Releasing A1, which was held late.")
        XCTAssertEqual(map(state).givingBack, [31])
    }

    /// The lost request made no hold: seats someone else took meanwhile are reported taken, and
    /// the rest stay selected to be held again.
    func testALostRequestThatMadeNoHoldSaysWhichSeatsWereTaken() {
        var state = inDoubt(["A1", "A2"])
        changed(&state, ["A1"], booking: 77, cursor: "300:300:")
        XCTAssertEqual(map(state).selection, ["A1", "A2"])
        XCTAssertEqual(update(&state, .notHeldAfterAll(showId: 1, labels: ["A1", "A2"])), [])
        XCTAssertEqual(state.message, StatusMessage("A1 was just taken by another terminal", isError: true))
        XCTAssertEqual(map(state).selection, ["A2"])
        XCTAssertEqual(map(state).holdsInDoubt, [])
        XCTAssertEqual(look(state, "A1"), .other)

        var free = inDoubt(["A1", "A2"])
        XCTAssertEqual(update(&free, .notHeldAfterAll(showId: 1, labels: ["A1", "A2"])), [])
        XCTAssertEqual(free.message, StatusMessage("A1 A2: the hold did not go through. Press Enter to try again.", isError: true))
        XCTAssertEqual(map(free).selection, ["A1", "A2"])
        XCTAssertEqual(update(&free, .key(.enter)), [.hold(showId: 1, labels: ["A1", "A2"])])
    }

    /// Seats in doubt do not hide a real conflict on the clerk's other selected seats.
    func testOtherSelectedSeatsTakenMeanwhileAreStillReported() {
        var state = inDoubt(["A1"])
        var m = map(state)
        m.selection.insert("C3")
        state.screen = .seats(m)
        changed(&state, ["A1", "C3"], booking: 77, cursor: "300:300:")
        XCTAssertEqual(state.message, StatusMessage("C3 was just taken by another terminal", isError: true))
        XCTAssertEqual(map(state).selection, ["A1"])
    }

    /// The clerk deselects a seat in doubt (it then looks held elsewhere, which it is, perhaps
    /// by this terminal) and may select it again; a late hold with a seat the clerk no longer
    /// wants is given back, and the seats still selected stay selected to be held again.
    func testALateHoldWithASeatTheClerkDeselectedIsGivenBack() {
        var state = inDoubt(["A1", "A2"])
        changed(&state, ["A1", "A2"], booking: 31, cursor: "300:300:")
        var m = map(state)
        m.cursorSeat = m.index(of: "A2")!
        state.screen = .seats(m)
        _ = update(&state, .key(.character(" ")))
        XCTAssertEqual(map(state).selection, ["A1"])
        XCTAssertEqual(look(state, "A2"), .other)
        _ = update(&state, .key(.character(" ")))
        XCTAssertEqual(map(state).selection, ["A1", "A2"], "a seat in doubt can be selected again")
        XCTAssertEqual(state.message?.isError, false, "not 'held by another terminal': \(state.message?.text ?? "")")
        _ = update(&state, .key(.character(" ")))

        let late = Hold(bookingId: 31, showId: 1, labels: ["A1", "A2"], expiresAt: SampleData.now.addingTimeInterval(100))
        XCTAssertEqual(update(&state, .heldAfterAll(late)), [.release(bookingId: 31)])
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(map(state).givingBack, [31])
        XCTAssertEqual(map(state).selection, ["A1"])
        XCTAssertEqual(state.message?.text, "Releasing A1 A2: that hold went through after all, but you had deselected A2 meanwhile.")
        _ = update(&state, .released(bookingId: 31))
        XCTAssertEqual(update(&state, .key(.enter)), [.hold(showId: 1, labels: ["A1"])])
    }

    /// Giving back a late hold fails while the clerk waits for another hold: that failure is
    /// not the answer the clerk waits for. The clerk's own release failing still is.
    func testAFailedGiveBackIsNotTakenForTheAnswerToTheClerksRequest() {
        var state = switchedToB1WhenTheLateHoldOfA1TurnsUp()
        XCTAssertEqual(update(&state, .releaseFailed(bookingId: 31, .busy("canceling statement due to lock timeout"))), [])
        XCTAssertTrue(map(state).busy, "the hold of B1 is still in flight")
        XCTAssertEqual(map(state).givingBack, [])
        XCTAssertEqual(state.message?.isError, true)
        XCTAssertTrue(state.message?.text.hasPrefix("Could not release the hold that went through late (booking 31): ") == true,
                      state.message?.text ?? "")
        XCTAssertTrue(state.message?.text.hasSuffix("Its seats come free when it runs out.") == true, state.message?.text ?? "")
        let answer = Hold(bookingId: 40, showId: 1, labels: ["B1"], expiresAt: SampleData.now.addingTimeInterval(120))
        XCTAssertEqual(update(&state, .held(answer)), [])
        XCTAssertEqual(map(state).hold, answer)

        XCTAssertEqual(update(&state, .key(.character("x"))), [.release(bookingId: 40)])
        let refusal = BookingError.busy("canceling statement due to lock timeout")
        XCTAssertEqual(update(&state, .releaseFailed(bookingId: 40, refusal)), [])
        XCTAssertFalse(map(state).busy, "the answer to the clerk's own release")
        XCTAssertEqual(state.message, StatusMessage(refusal.message, isError: true))
        XCTAssertEqual(map(state).hold, answer, "still held")
    }

    /// Off the map, a late hold is given back.
    func testALateHoldAfterTheClerkLeftTheShowIsReleased() {
        var state = inDoubt(["A1"])
        _ = update(&state, .connection(.online))
        _ = update(&state, .key(.character("q")))
        let late = Hold(bookingId: 31, showId: 1, labels: ["A1"], expiresAt: SampleData.now.addingTimeInterval(100))
        XCTAssertEqual(update(&state, .heldAfterAll(late)), [.release(bookingId: 31)])
        XCTAssertEqual(state.message?.text, "Releasing A1: that hold went through after you left the show.")
        XCTAssertEqual(update(&state, .notHeldAfterAll(showId: 1, labels: ["A1"])), [], "nothing to say off the map")
    }
}
