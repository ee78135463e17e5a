import SeatMapModel
import XCTest

/// A row's run of seats, typed (`B3..B6`) and listed.
final class SeatLabelRangeTests: XCTestCase {
    func testARangeIsParsedEitherWayRoundWithinOneRow() throws {
        XCTAssertNil(SeatLabelRange.parse("B3"), "a single label is not a range")
        let range = try XCTUnwrap(SeatLabelRange.parse("N1-B6–N1-B3")).get()
        XCTAssertEqual(range.numbers, 3...6)
        XCTAssertEqual(Array(range.labels), ["N1-B3", "N1-B4", "N1-B5", "N1-B6"])
        XCTAssertEqual(SeatLabelRange.parse("B3..C4"), .failure(.acrossRows))
        XCTAssertEqual(SeatLabelRange.parse("B3.."), .failure(.notALabel("B3..")))
        XCTAssertEqual(SeatLabelRange.parse("B3..Q"), .failure(.notALabel("Q")))
        XCTAssertEqual(try XCTUnwrap(SeatLabelRange.parse("A1..A9999")).get().labels.count, 9_999, "counted, not spelt out")
    }

    /// Where no seat map gives the order, labels are listed by row with runs as ranges.
    func testSeatListsWithoutAMapGroupRuns() {
        XCTAssertEqual(SeatLabelRange.listText(["B2", "AA1", "A3", "A1", "A2", "B1", "B3", "B4", "C9", "N1-A2", "N1-A1", "N1-A3", "??"], dash: ".."),
                       "A1..A3 B1..B4 C9 AA1 N1-A1..N1-A3 ??")
        XCTAssertEqual(SeatLabelRange.listText(["A1", "A2", "A4"], dash: "–"), "A1 A2 A4", "two together are not a range")
        XCTAssertEqual(SeatLabelRange.listText([], dash: ".."), "")
    }

}
