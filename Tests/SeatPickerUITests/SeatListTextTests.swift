import SeatMapModel
@testable import SeatPickerUI
import XCTest

final class SeatListTextTests: XCTestCase {
    let theatre = SeatMapState(map: SampleData.map(SampleVenues.theatre))
    let arena = SeatMapState(map: SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert"))

    func testRunsOfThreeOrMoreBecomeRangesInSeatOrder() {
        XCTAssertEqual(theatre.seatList(["C6", "C5"], dash: "–"), "C5 C6", "two seats stay as they are")
        XCTAssertEqual(theatre.seatList(["A3", "A1", "A2", "B7"], dash: "–"), "A1–A3 B7")
        XCTAssertEqual(theatre.seatList(["A1", "A2", "A3", "A5", "A6", "A7", "A8"], dash: ".."), "A1..A3 A5..A8", "a gap in the numbers ends the range")
        XCTAssertEqual(theatre.seatList(["A9", "A10", "A11", "B10"], dash: "–"), "A9–A11 B10", "numbers sort as numbers")
        let deep = SeatMapState(map: SampleData.map("category S 10.00 Stalls\n" + (0..<28).map { "\(SeatLabel.rowName($0)) SSS\n" }.joined()))
        XCTAssertEqual(deep.seatList(["AA1", "B1", "Z1"], dash: "–"), "B1 Z1 AA1", "rows in the venue's order, not the alphabet's")
    }

    func testRangesNeverJoinRowsOrSections() {
        let labels = (1...10).map { "N1-A\($0)" } + ["N1-B1", "N1-B2", "N1-B3"]
        XCTAssertEqual(arena.seatList(labels, dash: "–"), "N1-A1–N1-A10 N1-B1–N1-B3")
        XCTAssertEqual(arena.seatList(["N1-A99", "N1-A100", "N1-B1", "N1-B2"], dash: "–"), "N1-A99 N1-A100 N1-B1 N1-B2", "the end of one row and the start of the next")
        XCTAssertEqual(arena.seatList(["N2-A3", "N1-A1", "N1-A2"], dash: "–"), "N1-A1 N1-A2 N2-A3", "the same row name in another section")
    }

    func testUnknownLabelsComeLastAsTheyAre() {
        XCTAssertEqual(theatre.seatList(["Z99", "A1"], dash: "–"), "A1 Z99")
    }
}
