import SeatPickerUI

/// A key whose escape sequence the terminal description does not name: `\e[4~` for End under
/// a TERM that expects `\eOF`, Shift or Ctrl with an arrow (`\e[1;2C`), F5 (`\e[15~`). ncurses
/// hands such a sequence over a byte at a time, and its ESC alone would cancel a prompt or
/// leave the map, and the rest would be typed into the prompt. So an ESC followed at once by
/// `[` or `O` is read to its end here: a movement key becomes that key, anything else nothing.
enum UnnamedKeySequence {
    /// What the input after an ESC stands for. `next` gives the characters already waiting
    /// after it, nil when there are none (an Esc pressed on its own).
    struct Reading: Equatable {
        /// The key, or nil for a sequence the picker has no use for.
        var key: Key?
        /// A character read that belongs to what comes next (Alt with a key sends ESC and
        /// the key): it is to be read again.
        var unread: UInt32?
    }

    /// CSI sequences end with a byte from 0x40 to 0x7E; a longer one than this is not a key.
    static let longest = 16

    static func read(after next: () -> UInt32?) -> Reading {
        guard let first = next() else { return Reading(key: .escape) }
        switch first {
        case UInt32(UInt8(ascii: "O")):
            return Reading(key: next().flatMap(Unicode.Scalar.init).flatMap { movementKeys[Character($0)] })
        case UInt32(UInt8(ascii: "[")):
            var parameters = ""
            for _ in 0..<longest {
                guard let byte = next(), let scalar = Unicode.Scalar(byte) else { return Reading(key: nil) }
                if (0x40...0x7E).contains(byte) { return Reading(key: csiKey(parameters: parameters, final: Character(scalar))) }
                parameters.append(Character(scalar))
            }
            return Reading(key: nil)
        default:
            return Reading(key: .escape, unread: first)
        }
    }

    /// The final letters of movement keys, alike after `\eO` (application mode: `\eOA`) and
    /// after `\e[` (`\e[A`, `\e[1;5C`).
    private static let movementKeys: [Character: Key] = ["A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end]

    /// An arrow with a modifier (`1;5C`, Ctrl-Right) is the arrow; `~` keys go by their number.
    private static func csiKey(parameters: String, final: Character) -> Key? {
        if let key = movementKeys[final] { return key }
        return switch final {
        case "Z": .backTab
        case "~":
            switch parameters.split(separator: ";").first {
            case "1", "7": .home
            case "4", "8": .end
            case "5": .pageUp
            case "6": .pageDown
            default: nil
            }
        default: nil
        }
    }
}
