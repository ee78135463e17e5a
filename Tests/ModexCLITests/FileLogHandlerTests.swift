import Foundation
import Logging
@testable import ModexTUI
import XCTest

/// The seat picker's own log is moved aside when it has grown large, so a kiosk that opens the
/// picker thousands of times keeps at most two files.
final class FileLogHandlerTests: XCTestCase {
    func testALargeLogIsMovedAsideWhenThePickerOpensIt() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("modex-log-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("modex.log").path
        func lines(_ p: String) -> [String] {
            ((try? String(contentsOfFile: p, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        var log = Logger(label: "t") { FileLogHandler(label: $0, path: path, rotationBytes: 100) }
        log.info("first")
        XCTAssertEqual(lines(path).count, 1, "a small log is appended to")
        log = Logger(label: "t") { FileLogHandler(label: $0, path: path, rotationBytes: 100) }
        log.info("second, which takes the file past one hundred bytes")
        XCTAssertEqual(lines(path).count, 2)

        log = Logger(label: "t") { FileLogHandler(label: $0, path: path, rotationBytes: 100) }
        log.info("third")
        XCTAssertEqual(lines(path).count, 1, "the large log was moved aside")
        XCTAssertTrue(lines(path)[0].hasSuffix("third"))
        XCTAssertEqual(lines(path + ".1").count, 2)
        XCTAssertTrue(lines(path + ".1")[1].contains("second"))
    }
}
