import Foundation
@testable import SeatMapModel
import XCTest

final class LayoutParserTests: XCTestCase {
    func testSampleTheatreHas200SeatsAnAisleAndTwoCategories() throws {
        let plan = try LayoutParser.parse(SampleVenues.theatre)
        XCTAssertEqual(plan.seats.count, 200)
        XCTAssertEqual(plan.categories.map(\.code), ["P", "S"])
        XCTAssertEqual(plan.categories.map(\.priceCents), [6_500, 4_000])
        let a10 = plan.seats.first { $0.label.description == "A10" }!
        let a11 = plan.seats.first { $0.label.description == "A11" }!
        XCTAssertEqual(a11.layoutColumn - a10.layoutColumn, 3, "two aisle columns between A10 and A11")
        XCTAssertEqual(plan.seats.filter { $0.category == "P" }.count, 80)
    }

    func testSampleArenaHas20000SeatsInSections() throws {
        let plan = try LayoutParser.parse(SampleVenues.arena)
        XCTAssertEqual(plan.seats.count, 20_000)
        XCTAssertEqual(Set(plan.seats.map(\.label.section)).count, 8)
        XCTAssertEqual(Set(plan.seats.map(\.label)).count, 20_000)
        XCTAssertTrue(plan.seats.contains { $0.label.description == "W2-Y100" })
    }

    func testShippedVenueFilesMatchTheBuiltInSamples() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("venues/theatre-200.txt"), encoding: .utf8), SampleVenues.theatre)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("venues/arena-20000.txt"), encoding: .utf8), SampleVenues.arena)
    }

    func testNumbersSkipGapsAndSectionsPrefixLabels() throws {
        let plan = try LayoutParser.parse("""
            category A 10 Front   # cheap
            category B 7.5 Back
            A  AA.AA
            B  B_BB

            section N1
            A  ..A
            """)
        XCTAssertEqual(plan.seats.map(\.label.description), ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "N1-A1"])
        XCTAssertEqual(plan.seats.map(\.layoutColumn), [0, 1, 3, 4, 0, 2, 3, 2])
        XCTAssertEqual(plan.seats.map(\.layoutRow), [0, 0, 0, 0, 1, 1, 1, 4])
        XCTAssertEqual(plan.categories.map(\.priceCents), [1_000, 750])
    }

    /// A price a digit too long is told as too high, not as not a price at all.
    func testPricesAboveTheLimitAreToldApart() {
        XCTAssertEqual(LayoutParser.parsePrice("1000000"), 100_000_000)
        XCTAssertNil(LayoutParser.parsePrice("1000000.01"), "the limit is exact")
        let problems = ["45", "1000000", "1000000.01", "1234567.89", "99999999999999999999", "12,50", "1.234", "-5", "", ".5", "ten"]
            .map(LayoutParser.priceProblem)
        XCTAssertEqual(problems, [nil, nil, .overTheLimit, .overTheLimit, .overTheLimit, .notAPrice, .notAPrice, .notAPrice, .notAPrice,
                                  .notAPrice, .notAPrice])
    }

    func testErrorsNameTheLineAndTheProblem() {
        let cases: [(String, String)] = [
            ("", "no seats"),
            ("category A 10 Front\nA  AXA", "line 2: unknown category \"X\""),
            ("A  AAA", "line 1: unknown category \"A\""),
            ("category AB 10 Front", "line 1: a category code is one capital letter"),
            ("category A ten Front", "line 1: \"ten\" is not a price"),
            ("category A 1500000 Box", "line 1: \"1500000\" is more than the 1,000,000.00 a seat may cost"),
            ("category A 10", "line 1: expected `category CODE PRICE NAME`"),
            ("category A 10 F\ncategory A 11 G", "line 2: category A is declared twice"),
            ("category A 10 F\nA  AA\nA  AA", "line 3: seat A1 appears twice"),
            ("category A 10 F\nA1  AA", "line 2: \"A1\" is not a row label"),
            ("category A 10 F\nA  ...", "line 2: row A has only gaps"),
            ("category A 10 F\nA", "line 2: row A has no seats"),
            ("category A 10 F\nsection too-long-name\nA  A", "line 2: expected `section NAME`"),
            ("category A 10 F\u{0}G\nA  A", "line 1: the category name contains control characters"),
        ]
        for (text, message) in cases {
            assertThrows(code: "invalid_input", containing: message) { _ = try LayoutParser.parse(text) }
        }
        assertThrows(code: "invalid_input", containing: "more than the 5 seats") {
            _ = try LayoutParser.parse("category A 1 F\nA  AAAAAA", maxSeats: 5)
        }
    }
}
