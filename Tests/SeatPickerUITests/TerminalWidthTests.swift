import Glibc
@testable import SeatPickerUI
import XCTest

/// Wide characters (CJK, emoji) take two columns in a terminal. The grid must lay them out as
/// ncurses will draw them, or a show name like "東京公演" pushes the rest of its row off the screen.
final class TerminalWidthTests: XCTestCase {
    /// The generated table against glibc's `wcwidth` on this machine, for every code point: the
    /// function ncurses uses to place what the backend draws.
    func testTheTableAgreesWithThisSystemsWcwidth() throws {
        guard let symbol = dlsym(nil, "wcwidth") else { return XCTFail("glibc has no wcwidth") }
        let wcwidth = unsafeBitCast(symbol, to: (@convention(c) (wchar_t) -> Int32).self)
        guard let utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) else { return XCTFail("the C.UTF-8 locale is missing") }
        let previous = uselocale(utf8)
        defer { uselocale(previous); freelocale(utf8) }
        var disagreements: [String] = []
        var checked = 0
        for code in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(code) else { continue }
            let system = wcwidth(wchar_t(bitPattern: code))
            let expected: Int? = system < 0 ? nil : Int(system)
            let table = TerminalWidth.columns(of: scalar)
            if table != expected { disagreements.append("U+\(String(code, radix: 16)): table \(table.map(String.init) ?? "nil"), wcwidth \(system)") }
            checked += 1
        }
        XCTAssertEqual(checked, 0x110000 - 0x800, "every code point but the surrogates")
        XCTAssertEqual(disagreements.count, 0, "regenerate with scripts/generate-terminal-width-table.swift: "
                       + disagreements.prefix(10).joined(separator: "; "))
    }

    func testCharacterColumns() {
        XCTAssertEqual(Character("A").terminalColumns, 1)
        XCTAssertEqual(Character("é").terminalColumns, 1)
        XCTAssertEqual(Character("e\u{301}").terminalColumns, 1, "a combining accent adds nothing")
        XCTAssertEqual(Character("東").terminalColumns, 2)
        XCTAssertEqual(Character("🎭").terminalColumns, 2)
        XCTAssertEqual(Character("🇯🇵").terminalColumns, 2, "two regional indicators, one column each")
        XCTAssertEqual(Character("👨‍👩‍👧").terminalColumns, 6, "ncurses gives each joined emoji its own cells")
        XCTAssertEqual(Character("\u{200B}").terminalColumns, 0)
        XCTAssertNil(Character("\u{1B}").terminalColumns)
        XCTAssertNil(Character("\r\n").terminalColumns)
        XCTAssertNil(Character("\u{378}").terminalColumns, "unassigned")
    }

    func testAWideCharacterFillsTwoCellsAndAppearsOnceInTheText() {
        var grid = CellGrid(size: ScreenSize(width: 8, height: 1))
        grid.put(1, 0, "東京 A", .title)
        XCTAssertEqual(grid.text, " 東京 A ")
        XCTAssertEqual(grid.cells.map(\.isWideTail), [false, false, true, false, true, false, false, false])
        XCTAssertEqual(grid[1, 0].character, "東")
        XCTAssertEqual(grid[3, 0].character, "京")
        XCTAssertEqual(grid[6, 0].character, "A")
        XCTAssertEqual(grid.styles, ".TTTTTT.")
        XCTAssertEqual(grid.columns(of: "東京 A"), 6)
    }

    func testAWideCharacterThatDoesNotFitLeavesABlank() {
        var grid = CellGrid(size: ScreenSize(width: 5, height: 1))
        grid.put(0, 0, "xxxxx")
        grid.put(2, 0, "A東京")
        XCTAssertEqual(grid.text, "xxA東")
        grid.put(0, 0, "xxxxx")
        grid.put(3, 0, "A東")
        XCTAssertEqual(grid.text, "xxxA ", "half a character is never drawn")
        XCTAssertFalse(grid.cells.contains(where: \.isWideTail))
        grid.put(-1, 0, "東B")
        XCTAssertEqual(grid.text, " BxA ", "a character cut by the left edge leaves a blank too")
    }

    func testOverwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(size: ScreenSize(width: 6, height: 1))
        grid.put(0, 0, "東京演")
        grid.put(1, 0, "a")
        XCTAssertEqual(grid.text, " a京演", "the right half overwritten: the left half goes")
        grid.put(2, 0, "b")
        XCTAssertEqual(grid.text, " ab 演", "the left half overwritten: the right half goes")
        XCTAssertEqual(grid.cells.map(\.isWideTail), [false, false, false, false, false, true])
        grid.put(3, 0, "公")
        XCTAssertEqual(grid.text, " ab公 ", "a wide character written over the left half of another")
        XCTAssertEqual(grid.cells.map(\.isWideTail), [false, false, false, false, true, false])
    }

    func testJoinedEmojiTakeTheirFullWidth() {
        var grid = CellGrid(size: ScreenSize(width: 9, height: 1))
        grid.put(0, 0, "a👨‍👩‍👧b")
        XCTAssertEqual(grid.text, "a👨‍👩‍👧b ")
        XCTAssertEqual(grid.cells.filter(\.isWideTail).count, 5)
        grid.put(3, 0, "x")
        XCTAssertEqual(grid.text, "a  x   b ")
        XCTAssertFalse(grid.cells.contains(where: \.isWideTail), "cutting into it blanks all of it")
    }

    func testUnprintableAndZeroWidthCharacters() {
        var grid = CellGrid(size: ScreenSize(width: 8, height: 1))
        grid.put(0, 0, "a\u{1B}[2Jb\u{200B}c")
        XCTAssertEqual(grid.text, "a\u{FFFD}[2Jbc ", "an escape is never sent to the terminal")
        XCTAssertEqual(grid.columns(of: "a\u{1B}b\u{200B}"), 3)
    }

    func testASCIIOnlyTerminalsGetAQuestionMarkPerCharacter() {
        var grid = CellGrid(size: ScreenSize(width: 12, height: 1), asciiOnly: true)
        grid.put(0, 0, "東京 été\u{7}")
        XCTAssertEqual(grid.text, "?? ?t??     ")
        XCTAssertFalse(grid.cells.contains(where: \.isWideTail))
        XCTAssertEqual(grid.columns(of: "東京"), 2)
    }

    func testPrefixByColumns() {
        let grid = CellGrid(size: ScreenSize(width: 1, height: 1))
        XCTAssertEqual(grid.prefix(of: "東京公演", columns: 5), "東京")
        XCTAssertEqual(grid.prefix(of: "東京公演", columns: 4), "東京")
        XCTAssertEqual(grid.prefix(of: "ab東", columns: 3), "ab")
        XCTAssertEqual(grid.prefix(of: "abc", columns: 0), "")
    }
}
