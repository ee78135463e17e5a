import Foundation
@testable import ModexTUI
import SeatMapModel
import XCTest

/// `modex seats` as text: a ruler of seat numbers over each section, blank where rows disagree.
final class SeatMapTextTests: XCTestCase {
    func text(_ layout: String) throws -> [String] {
        let plan = try LayoutParser.parse(layout)
        let show = ShowSummary(showId: 1, name: "T", startsAt: Date(), createdAt: Date(), totalSeats: plan.seats.count,
                               available: plan.seats.count, reserved: 0, booked: 0)
        let map = SeatMap(show: show, categories: plan.categories, seats: plan.availableSeatStates(),
                          cursor: ChangeCursor(snapshot: "1:1:"), databaseTime: Date())
        return SeatMapText.render(map).components(separatedBy: "\n")
    }

    func testAStaggeredRowLeavesTheColumnsItNumbersDifferentlyBlank() throws {
        XCTAssertEqual(try text("category S 10 S\nA  ..SSSS\nB  SSSSSS\n"), [
            "   12",
            "A    ....",
            "B  ......",
            "(. available, r reserved, X booked)",
        ])
    }

    func testEachSectionGetsARulerOfItsOwnNumbers() throws {
        XCTAssertEqual(try text("category S 10 S\nsection N\nA  SSS\nsection S\nA  .SSS\nB  .SSS\n"), [
            "     123",
            "N-A  ... ",
            "         ",   // the layout's gap between sections
            "      123",
            "S-A   ...",
            "S-B   ...",
            "(. available, r reserved, X booked)",
        ])
    }
}
