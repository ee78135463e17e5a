import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// The hold line: time left, total and seats first; then the keys for the hold, each whole or
/// not at all, since a key cut short ("e e…") reads as a fault.
final class HoldPanelTests: XCTestCase {
    private func holdLine(width: Int, labels: [String]) -> String {
        var state = SampleData.state(ScreenSize(width: width, height: 24))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.arena, id: 2, name: "Winter Concert"), clockOffset: 0))
        let now = SampleData.now
        _ = update(&state, .held(Hold(bookingId: 9, showId: 2, labels: labels, expiresAt: now.addingTimeInterval(119),
                                      longestExpiry: now.addingTimeInterval(300))))
        let rows = render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.split(separator: "\n")
        return String(rows.first { $0.hasPrefix("Your hold: ") } ?? "")
    }

    func testKeysThatDoNotFitAreLeftOutWhole() {
        let seats = ["W1-B9", "W1-B10", "W1-B11"]
        XCTAssertEqual(holdLine(width: 80, labels: seats).trimmingCharacters(in: .whitespaces),
                       "Your hold: 1:59 left · total 240.00 · W1-B9..W1-B11   c confirm  x release")
        XCTAssertEqual(holdLine(width: 100, labels: seats).trimmingCharacters(in: .whitespaces),
                       "Your hold: 1:59 left · total 240.00 · W1-B9..W1-B11   c confirm  x release  e extend")
        XCTAssertFalse(holdLine(width: 60, labels: seats).contains("…"), holdLine(width: 60, labels: seats))
    }
}
