@testable import ModexTUI
import SeatPickerUI
import XCTest

/// Keys the terminal description does not name arrive as ESC and the rest of their sequence;
/// they must never pass for Esc (which leaves the map or cancels a prompt) plus typed text.
final class UnnamedKeySequenceTests: XCTestCase {
    func reading(_ after: String) -> (UnnamedKeySequence.Reading, left: String) {
        var rest = after.unicodeScalars.map(\.value)[...]
        let reading = UnnamedKeySequence.read { rest.popFirst() }
        return (reading, String(String.UnicodeScalarView(rest.compactMap(Unicode.Scalar.init))))
    }

    func testEscOnItsOwnIsEsc() {
        XCTAssertEqual(reading("").0, .init(key: .escape))
    }

    func testEscThenAKeyIsEscAndTheKeyIsReadAgain() {
        XCTAssertEqual(reading("x").0, .init(key: .escape, unread: UInt32(UInt8(ascii: "x"))))
        XCTAssertEqual(reading("xy").left, "y")
    }

    func testMovementKeysAreTheirKeysWhateverTheirSequence() {
        let cases: [(String, Key)] = [
            ("[4~", .end), ("[8~", .end), ("[F", .end), ("OF", .end),
            ("[1~", .home), ("[7~", .home), ("[H", .home), ("OH", .home),
            ("[5~", .pageUp), ("[6~", .pageDown), ("[Z", .backTab),
            ("[A", .up), ("OB", .down), ("[1;2C", .right), ("[1;5D", .left), ("[4;2~", .end),
        ]
        for (sequence, key) in cases {
            let (read, left) = reading(sequence + "q")
            XCTAssertEqual(read, .init(key: key), sequence)
            XCTAssertEqual(left, "q", "\(sequence): the sequence is read to its end and no further")
        }
    }

    func testOtherSequencesAreNothingAndNeverTyped() {
        for sequence in ["[15~", "[3~", "[2~", "[1;2P", "OP", "[?1u", "[200~"] {
            let (read, left) = reading(sequence + "q")
            XCTAssertEqual(read, .init(key: nil), sequence)
            XCTAssertEqual(left, "q", sequence)
        }
    }

    func testACutOrEndlessSequenceIsNothing() {
        XCTAssertEqual(reading("[1;2").0, .init(key: nil))
        XCTAssertEqual(reading("O").0, .init(key: nil))
        XCTAssertEqual(reading("[" + String(repeating: "1", count: 40)).0, .init(key: nil))
    }
}
