import Glibc
@testable import ModexTUI
import XCTest

/// The picker leaves when its input has ended, and only then.
final class InputEndTests: XCTestCase {
    func testOnlyAnInputAtItsEndHasEnded() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]) }
        XCTAssertFalse(TerminalSession.inputHasEnded(fd: ends[0]), "nothing written yet: waiting, not ended")
        XCTAssertEqual(write(ends[1], "\u{e9}", 1), 1)
        XCTAssertFalse(TerminalSession.inputHasEnded(fd: ends[0]), "a byte waiting")
        var byte: UInt8 = 0
        XCTAssertEqual(read(ends[0], &byte, 1), 1)
        XCTAssertFalse(TerminalSession.inputHasEnded(fd: ends[0]), "read, and the writer is still there")
        close(ends[1])
        XCTAssertTrue(TerminalSession.inputHasEnded(fd: ends[0]), "the writer is gone")
    }
}
