import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// "Go to seat" with a label the show lacks says what the show has instead.
final class MissingSeatHintTests: XCTestCase {
    func hint(_ layout: String, _ label: String) -> String {
        SeatMapState(map: SampleData.map(layout)).missingSeatHint(label)
    }

    func testTheArenaNamesItsSectionsRowsAndSeatNumbers() {
        let arena = SampleVenues.arena
        XCTAssertEqual(hint(arena, "S3-M50"), "There is no section S3; this show has N1 N2 E1 E2 S1 S2 W1 W2")
        XCTAssertEqual(hint(arena, "M50"), "There is no seat M50: give its section too, as in N1-M50")
        XCTAssertEqual(hint(arena, "S2-Z50"), "There is no row Z of section S2: rows are A to Y")
        XCTAssertEqual(hint(arena, "S2-M150"), "There is no seat S2-M150: row M of section S2 has seats 1 to 100")
        XCTAssertEqual(hint(arena, "S2M50"), "S2M50 is not a seat label; labels look like N1-A1")
    }

    func testTheTheatreHasNoSections() {
        let theatre = SampleVenues.theatre
        XCTAssertEqual(hint(theatre, "N1-C5"), "This show has no sections: type the seat alone, as in C5")
        XCTAssertEqual(hint(theatre, "K1"), "There is no row K: rows are A to J")
        XCTAssertEqual(hint(theatre, "C21"), "There is no seat C21: row C has seats 1 to 20")
        XCTAssertEqual(hint(theatre, ""), "Type a seat label such as A1")
        XCTAssertEqual(hint("category S 10 S\nA SSS\n\nB SS.SS\n", "C1"), "There is no row C: rows are A B")
        XCTAssertEqual(hint("category S 10 S\nA SSS\n\nB SS.SS\n", "B5"), "There is no seat B5: row B has seats 1 to 4")
    }
}
