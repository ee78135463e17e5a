import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// `a`: "four together, near here". The nearest block of free seats side by side is selected,
/// never across an aisle or a taken seat.
final class SeatsTogetherTests: XCTestCase {
    /// The busy theatre (A1 booked, B3 held elsewhere, C5 C6 this terminal's hold, D7 selected),
    /// cursor on `label`. Rows A-J have seats 1-10, an aisle, then 11-20.
    func theatre(cursorOn label: String) -> AppState {
        var state = SampleData.busyTheatre(ScreenSize(width: 80, height: 24))
        guard case .seats(var map) = state.screen else { return state }
        map.cursorSeat = map.index(of: label)!
        state.screen = .seats(map)
        return state
    }

    func ask(_ state: inout AppState, _ typed: String) {
        XCTAssertEqual(update(&state, .key(.character("a"))), [])
        XCTAssertEqual(state.prompt, .seatsTogether(text: "", error: nil))
        for ch in typed { _ = update(&state, .key(.character(ch))) }
        XCTAssertEqual(update(&state, .key(.enter)), [], "selecting asks nothing of the database")
    }

    func selection(_ state: AppState) -> [String] {
        guard case .seats(let map) = state.screen else { return [] }
        return map.selection.sorted { map.index(of: $0)! < map.index(of: $1)! }
    }

    func testTheBlockAroundTheCursorIsSelectedAndReplacesTheSelection() {
        var state = theatre(cursorOn: "E5")
        ask(&state, "4")
        XCTAssertNil(state.prompt)
        // E3-E6 and E4-E7 are as near: the one further left wins, whatever order seats come in.
        XCTAssertEqual(selection(state), ["E3", "E4", "E5", "E6"], "D7, selected before, is replaced")
        XCTAssertEqual(state.message, StatusMessage("Selected E3..E6, 4 together, total 160.00; Enter adds them to your hold."))
        guard case .seats(let map) = state.screen else { return XCTFail() }
        XCTAssertEqual(map.cursor.label, "E3")
        XCTAssertEqual(update(&state, .key(.enter)), [.addSeats(bookingId: 9, labels: ["E3", "E4", "E5", "E6"])],
                       "this terminal holds C5 C6: they join that hold")
    }

    func testTakenSeatsAndTheAisleSplitABlock() {
        // Row C: C5 C6 are this terminal's hold, so from C5 the nearest 5 free together in row
        // C are C7-C10 (4 seats, too few) or C1-C4 (too few): the block comes from row B or D.
        var state = theatre(cursorOn: "C5")
        ask(&state, "5")
        XCTAssertEqual(selection(state), ["D3", "D4", "D5", "D6", "D7"], "row D is as near as row B, whose B3 is held; D wins on its centre")
        // At the aisle: C10 C11 sit either side of it, so two together there is C9 C10 or C11 C12.
        state = theatre(cursorOn: "C10")
        ask(&state, "2")
        XCTAssertEqual(selection(state), ["C9", "C10"])
        state = theatre(cursorOn: "C11")
        ask(&state, "2")
        XCTAssertEqual(selection(state), ["C11", "C12"])
    }

    /// The customer pointed at the part of the house they want: a block at that price wins over
    /// a nearer one at another, and when there is none the message says why the price changed.
    func testSeatsAtThePriceUnderTheCursorComeFirst() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        let house = SampleData.map("category P 65.00 Premium\ncategory S 40.00 Stalls\nA  PPPPP\nB  SSSSS\nC  SSSSS\n")
        _ = update(&state, .mapLoaded(house, clockOffset: 0))
        func book(_ labels: [String], _ booking: Int64) {
            _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: labels.map { SampleData.seat(house, $0, .booked, booking: booking) },
                                                                     cursor: ChangeCursor(snapshot: "\(100 + booking):\(100 + booking):"),
                                                                     databaseTime: SampleData.now)))
        }
        book(["B2"], 4)
        func ask(from label: String, _ count: String) {
            guard case .seats(var map) = state.screen else { return XCTFail() }
            map.cursorSeat = map.index(of: label)!
            state.screen = .seats(map)
            self.ask(&state, count)
        }
        // From B3, A1-A4 and C1-C4 are as near; A is nearer the front, but Premium.
        ask(from: "B3", "3")
        XCTAssertEqual(selection(state), ["B3", "B4", "B5"])
        ask(from: "B3", "4")
        XCTAssertEqual(selection(state), ["C1", "C2", "C3", "C4"], "Stalls, not A's Premium seats")
        XCTAssertEqual(state.message?.text, "Selected C1..C4, 4 together, total 160.00; Enter holds them.")
        // A3 booked too. From A2: no two Premium seats are together but A1 A2 and A4 A5.
        book(["A3"], 5)
        ask(from: "A2", "2")
        XCTAssertEqual(selection(state), ["A1", "A2"])
        ask(from: "A2", "3")
        XCTAssertEqual(selection(state), ["C1", "C2", "C3"], "no 3 Premium together: the nearest at another price (B3-B5 is further to the side)")
        XCTAssertEqual(state.message?.text, "Selected C1..C3, 3 together, total 120.00 (no 3 Premium seats together); Enter holds them.")
        ask(from: "A3", "1")
        XCTAssertEqual(selection(state), ["A2"], "one seat: the nearest Premium one")
        book(["A1", "A2", "A4", "A5"], 6)
        ask(from: "A3", "1")
        XCTAssertEqual(selection(state), ["B3"])
        XCTAssertEqual(state.message?.text, "Selected B3, total 40.00 (no Premium seat is free); Enter holds it.")
    }

    func testOneSeatIsTheNearestFreeOne() {
        var state = theatre(cursorOn: "A1")   // booked
        ask(&state, "1")
        XCTAssertEqual(selection(state), ["A2"])
        XCTAssertEqual(state.message?.text, "Selected A2, total 65.00; Enter adds it to your hold.")
    }

    func testTooManyOrNotANumberIsMarkedOnThePrompt() {
        var state = theatre(cursorOn: "E5")
        for typed in ["0", "11", "four", ""] {
            ask(&state, typed)
            XCTAssertEqual(state.prompt, .seatsTogether(text: typed, error: "a whole number from 1 to 10 (a hold takes at most 10 seats)"), typed)
            _ = update(&state, .key(.escape))
            XCTAssertNil(state.prompt)
        }
        XCTAssertEqual(selection(state), ["D7"], "nothing changed")
    }

    func testWhenNoBlockFitsTheLongestRunIsNamed() {
        // One row of five seats with the middle one booked: at most two together.
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        let small = SampleData.map("category A 10.00 Only\nA  AAAAA\n")
        _ = update(&state, .mapLoaded(small, clockOffset: 0))
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: [SampleData.seat(small, "A3", .booked, booking: 4)],
                                                                 cursor: ChangeCursor(snapshot: "101:101:"), databaseTime: SampleData.now)))
        ask(&state, "3")
        XCTAssertEqual(state.message, StatusMessage("No 3 free seats side by side; the most together is 2 (A1 A2).", isError: true))
        XCTAssertEqual(selection(state), [])

        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: ["A1", "A2", "A4", "A5"].map {
            SampleData.seat(small, $0, .reserved, booking: 5, expires: SampleData.now.addingTimeInterval(60))
        }, cursor: ChangeCursor(snapshot: "102:102:"), databaseTime: SampleData.now)))
        ask(&state, "1")
        XCTAssertEqual(state.message, StatusMessage("No seat of this show is free.", isError: true))
    }

    /// A hold that ran out frees its seats for `a` at once, by the database clock.
    func testALapsedHoldIsFree() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        let small = SampleData.map("category A 10.00 Only\nA  AAA\n")
        _ = update(&state, .mapLoaded(small, clockOffset: 0))
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: [SampleData.seat(small, "A2", .reserved, booking: 4,
                                                                                             expires: SampleData.now.addingTimeInterval(-1))],
                                                                 cursor: ChangeCursor(snapshot: "101:101:"), databaseTime: SampleData.now)))
        ask(&state, "3")
        XCTAssertEqual(selection(state), ["A1", "A2", "A3"])
    }

    func testAShowPastItsSalesDoesNotAsk() {
        var state = SampleData.state(ScreenSize(width: 80, height: 24))
        var past = SampleData.map(SampleVenues.theatre)
        past = SeatMap(show: ShowSummary(showId: 1, name: "Yesterday", startsAt: SampleData.now.addingTimeInterval(-13 * 3600),
                                         createdAt: SampleData.now, totalSeats: past.seats.count, available: past.seats.count,
                                         reserved: 0, booked: 0),
                       categories: past.categories, seats: past.seats, cursor: past.cursor, databaseTime: SampleData.now)
        _ = update(&state, .mapLoaded(past, clockOffset: 0))
        XCTAssertEqual(update(&state, .key(.character("a"))), [])
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message, StatusMessage("Sales for this show are closed: it started more than 12 hours ago.", isError: true))
    }

    /// On the arena's 20,000 seats the search stays well inside a keystroke.
    func testTheArenaAnswersQuickly() {
        var state = SampleData.state(ScreenSize(width: 120, height: 40))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.arena), clockOffset: 0))
        let started = Date()
        ask(&state, "10")
        XCTAssertEqual(selection(state).count, 10)
        let took = Date().timeIntervalSince(started)
        XCTAssertLessThan(took, 1.0)
        print("seats together: 10 on the 20,000-seat arena in \(Int(took * 1000)) ms (debug build)")
    }
}
