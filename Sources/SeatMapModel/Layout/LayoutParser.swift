/// Reads the plain-text venue layout format documented in the README:
///
///     # comment
///     category P 65.00 Premium stalls
///     section N1              (optional; labels become N1-A7)
///     A  PPPPP..PPPPP         (row label, then one character per position:
///                              a category code is a seat, `.` is an aisle or gap)
///
/// A blank line leaves an empty line on the map. Seats are numbered from 1, left to right,
/// skipping gaps.
public enum LayoutParser {
    public static func parse(_ text: String, maxSeats: Int = InputValidation.maxShowSeats) throws -> VenuePlan {
        var categories: [String: PriceCategory] = [:]
        var categoryOrder: [String] = []
        var seats: [PlannedSeat] = []
        var section = ""
        var layoutRow = 0
        var labels = Set<SeatLabel>()
        var sawRow = false

        func fail(_ line: Int, _ message: String) -> BookingError {
            .invalidInput("Layout line \(line): \(message)")
        }

        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let keyword = words.first else {
                if sawRow && rawLine.trimmingCharacters(in: .whitespaces) == "" { layoutRow += 1 }
                continue
            }
            switch keyword.lowercased() {
            case "category":
                guard words.count >= 4 else { throw fail(lineNumber, "expected `category CODE PRICE NAME`, e.g. `category P 65.00 Premium`") }
                let code = words[1]
                guard code.count == 1, let c = code.first, c.isASCII, c.isUppercase || c.isNumber else {
                    throw fail(lineNumber, "a category code is one capital letter or digit, not \"\(code)\"")
                }
                guard categories[code] == nil else { throw fail(lineNumber, "category \(code) is declared twice") }
                let cents: Int
                switch price(words[2]) {
                case .success(let parsed): cents = parsed
                case .failure(let problem): throw fail(lineNumber, "\"\(words[2])\" \(problem.text(example: "45.00"))")
                }
                let name = words[3...].joined(separator: " ")
                guard name.count <= 60 else { throw fail(lineNumber, "the category name is longer than 60 characters") }
                guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw fail(lineNumber, "the category name contains control characters")
                }
                categories[code] = PriceCategory(code: code, name: name, priceCents: cents)
                categoryOrder.append(code)
            case "section":
                guard words.count == 2, SeatLabel.isSection(words[1].uppercased()), !words[1].isEmpty else {
                    throw fail(lineNumber, "expected `section NAME` with a name of 1 to 6 letters or digits")
                }
                if sawRow { layoutRow += 1 }
                section = words[1].uppercased()
            default:
                let row = keyword.uppercased()
                guard SeatLabel.isRow(row) else {
                    throw fail(lineNumber, "\"\(keyword)\" is not a row label (1 to 3 letters), `category` or `section`")
                }
                let cells = words.dropFirst().joined()
                guard !cells.isEmpty else { throw fail(lineNumber, "row \(row) has no seats") }
                var number = 0
                for (column, cell) in cells.enumerated() {
                    if cell == "." || cell == "_" { continue }
                    let code = String(cell)
                    guard categories[code] != nil else {
                        throw fail(lineNumber, "unknown category \"\(code)\" in row \(row); declare it first with `category \(code) PRICE NAME`")
                    }
                    number += 1
                    guard let label = SeatLabel(section: section, row: row, number: number) else {
                        throw fail(lineNumber, "row \(row) has more than 9999 seats")
                    }
                    guard labels.insert(label).inserted else {
                        throw fail(lineNumber, "seat \(label) appears twice; each row label may be used once per section")
                    }
                    seats.append(PlannedSeat(label: label, category: code, layoutRow: layoutRow, layoutColumn: column))
                    guard seats.count <= maxSeats else {
                        throw fail(lineNumber, "the layout has more than the \(maxSeats) seats a show may have")
                    }
                }
                guard number > 0 else { throw fail(lineNumber, "row \(row) has only gaps") }
                sawRow = true
                layoutRow += 1
            }
        }
        guard !seats.isEmpty else {
            throw BookingError.invalidInput("The layout has no seats; add rows such as `A  SSSS..SSSS` after a `category` line")
        }
        return VenuePlan(categories: categoryOrder.compactMap { categories[$0] }, seats: seats)
    }

    /// The most a seat may cost, in whole units of money.
    public static let maxPrice = 1_000_000

    /// Why a typed price is refused.
    public enum PriceProblem: Error, Equatable, Sendable {
        /// Not an amount such as 45 or 45.50.
        case notAPrice
        /// An amount, above `maxPrice` (a digit too many, most likely).
        case overTheLimit

        /// `maxPrice` as people read it: "1,000,000.00".
        public static let limitText = PriceCategory.priceText(cents: LayoutParser.maxPrice * 100)

        /// "is not a price such as `example`", or "is more than the 1,000,000.00 a seat may cost".
        public func text(example: String) -> String {
            switch self {
            case .notAPrice: "is not a price such as \(example)"
            case .overTheLimit: "is more than the \(Self.limitText) a seat may cost"
            }
        }
    }

    /// `text` as a seat's price in cents, or why it is not one.
    public static func price(_ text: String) -> Result<Int, PriceProblem> {
        if let cents = parsePrice(text) { return .success(cents) }
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let writtenRight = !whole.isEmpty && whole.allSatisfy(\.isNumber) && parsePrice("0" + text.dropFirst(whole.count)) != nil
        return .failure(writtenRight ? .overTheLimit : .notAPrice)
    }

    /// Why `text` is not a seat's price; nil for a price.
    public static func priceProblem(_ text: String) -> PriceProblem? {
        if case .failure(let problem) = price(text) { problem } else { nil }
    }

    /// "45", "45.5" or "45.50" as cents; nil above `maxPrice`.
    public static func parsePrice(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0, whole <= maxPrice,
              parts[0].allSatisfy(\.isNumber) else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let frac = parts[1]
        guard (1...2).contains(frac.count), frac.allSatisfy(\.isNumber), let f = Int(frac) else { return nil }
        let cents = whole * 100 + (frac.count == 1 ? f * 10 : f)
        return cents <= maxPrice * 100 ? cents : nil
    }
}
