import Foundation
@testable import SeatPickerUI
import XCTest

/// Compares a rendered screen with a stored text snapshot in `Snapshots/NAME.txt`.
/// With colour on, the style letters of every cell follow the text (legend in CellStyle).
/// MODEX_RECORD_SNAPSHOTS=1 writes the snapshots instead; a missing snapshot fails.
func assertSnapshot(_ grid: CellGrid, named name: String, withStyles: Bool, file: StaticString = #filePath, line: UInt = #line) {
    let directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = directory.appendingPathComponent("\(name).txt")
    let border = "+" + String(repeating: "-", count: grid.size.width) + "+"
    func framed(_ text: String) -> String {
        ([border] + text.split(separator: "\n", omittingEmptySubsequences: false).map { "|\($0)|" } + [border]).joined(separator: "\n")
    }
    var actual = framed(grid.text)
    if withStyles { actual += "\n" + framed(grid.styles) }
    actual += "\n"
    if ProcessInfo.processInfo.environment["MODEX_RECORD_SNAPSHOTS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(name).txt; record it with MODEX_RECORD_SNAPSHOTS=1 and review it", file: file, line: line)
        return
    }
    XCTAssertEqual(actual, expected, "snapshot \(name) differs; actual:\n\(actual)", file: file, line: line)
}
