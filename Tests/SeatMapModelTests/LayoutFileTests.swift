import Foundation
@testable import SeatMapModel
import XCTest

/// A layout file named by a manager is read, or refused with a reason they can act on.
final class LayoutFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("layout-file-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func refusal(_ path: String) -> String {
        do {
            _ = try LayoutFile.plan(atPath: path)
            return "read"
        } catch let error as BookingError {
            XCTAssertEqual(error.exitCode, 64)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func testAReadableFileGivesItsPlan() throws {
        let file = directory.appendingPathComponent("hall.txt")
        try "category A 10.00 Stalls\nA  AAA.AA\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try LayoutFile.plan(atPath: " \(file.path) ").seats.map(\.label.description), ["A1", "A2", "A3", "A4", "A5"])
    }

    func testATildeMeansTheHomeDirectory() throws {
        let name = ".modex-layout-test-\(getpid()).txt"
        let file = URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(name)
        try "category A 10.00 Stalls\nA  AA\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        XCTAssertEqual(try LayoutFile.plan(atPath: "~/\(name)").seats.count, 2)
    }

    func testEachUnreadableFileSaysWhy() throws {
        XCTAssertEqual(refusal(directory.appendingPathComponent("none.txt").path), "There is no layout file \(directory.path)/none.txt")
        XCTAssertEqual(refusal("none-\(getpid()).txt"), "There is no layout file none-\(getpid()).txt in \(FileManager.default.currentDirectoryPath)")
        XCTAssertEqual(refusal(directory.path), "\(directory.path) is a folder, not a layout file")

        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertEqual(refusal(fifo), "\(fifo) is not a regular file, so not a layout file")

        let latin1 = directory.appendingPathComponent("latin1.txt")
        try Data("category A 10.00 Caf\u{e9}\nA  AA\n".data(using: .isoLatin1)!).write(to: latin1)
        XCTAssertEqual(refusal(latin1.path), "The layout file \(latin1.path) is not UTF-8 text")

        let huge = directory.appendingPathComponent("huge.txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: UInt64(LayoutFile.maximumBytes + 1))
        try handle.close()
        XCTAssertEqual(refusal(huge.path), "\(huge.path) is 10 MB; a layout file is at most 10 MB")
    }
}
