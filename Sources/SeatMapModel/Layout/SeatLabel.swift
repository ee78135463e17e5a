/// A seat's printed label: an optional section, row letters and a seat number (`B7`, `N1-AA12`).
public struct SeatLabel: Hashable, Sendable, CustomStringConvertible {
    public let section: String
    public let row: String
    public let number: Int

    public init?(section: String = "", row: String, number: Int) {
        guard Self.isSection(section), Self.isRow(row), (1...9_999).contains(number) else { return nil }
        self.section = section
        self.row = row
        self.number = number
    }

    /// Parses an uppercase label; nil when it is malformed.
    public init?(parsing text: String) {
        var section = ""
        var rest = Substring(text)
        if let dash = text.firstIndex(of: "-") {
            section = String(text[..<dash])
            if section.isEmpty { return nil }
            rest = text[text.index(after: dash)...]
        }
        let row = rest.prefix(while: { $0.isASCII && $0.isUppercase })
        let digits = rest.dropFirst(row.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.first != "0",
              digits.count <= 4, let number = Int(digits) else { return nil }
        self.init(section: section, row: String(row), number: number)
    }

    public var description: String { section.isEmpty ? "\(row)\(number)" : "\(section)-\(row)\(number)" }

    static func isSection(_ s: String) -> Bool {
        s.isEmpty || (s.count <= 6 && s.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
    }

    static func isRow(_ s: String) -> Bool {
        (1...3).contains(s.count) && s.allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// Row labels in order: A...Z, AA, AB, ...
    public static func rowName(_ index: Int) -> String {
        var n = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + n % 26))) + name
            n = n / 26 - 1
        } while n >= 0
        return name
    }
}
