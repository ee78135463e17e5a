import Foundation

/// Checks user input before it reaches the database, with messages that say what is wrong.
public enum InputValidation {
    public static let maxNameLength = 200
    public static let maxEmailLength = 254
    public static let maxShowSeats = 100_000
    public static let maxSeatsPerRow = 999

    /// A trimmed show name of 1...200 characters without control characters.
    public static func showName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw BookingError.invalidInput("The show name is empty") }
        guard name.count <= maxNameLength else {
            throw BookingError.invalidInput("The show name is \(name.count) characters long; the limit is \(maxNameLength)")
        }
        guard !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw BookingError.invalidInput("The show name contains control characters")
        }
        return name
    }

    private static let emailLocalAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$%&'*+/=?^_`{|}~.-"))
    private static let emailDomainAllowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-"))

    /// A customer email: one `@`, a dotted domain, no spaces, at most 254 characters. Lowercases the domain.
    public static func email(_ raw: String) throws -> String {
        let email = trimmed(raw)
        let bad = BookingError.invalidInput("\"\(raw)\" is not an email address (like name@example.com)")
        guard !email.isEmpty else { throw BookingError.invalidInput("The customer's email is empty") }
        guard email.count <= maxEmailLength else {
            throw BookingError.invalidInput("The email address is longer than \(maxEmailLength) characters")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw bad }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.count <= 64,
              local.unicodeScalars.allSatisfy({ emailLocalAllowed.contains($0) }),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains(".."),
              domain.unicodeScalars.allSatisfy({ emailDomainAllowed.contains($0) }) else { throw bad }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { throw bad }
        return "\(local)@\(domain.lowercased())"
    }

    /// A seat label such as `B7` or `N1-AA12` (section, row letters, seat number), uppercased.
    public static func seatLabel(_ raw: String) throws -> String {
        let label = trimmed(raw).uppercased()
        guard SeatLabel(parsing: label) != nil else {
            throw BookingError.invalidInput("\"\(raw)\" is not a seat label (expected a row and a number such as B7, or a section prefix such as N1-AA12)")
        }
        return label
    }

    /// The labels one word names: a label, or a range of one row's seats (`B3..B6`, `B3–B6`;
    /// `SeatLabelRange`), lowest number first. A range of more than `maxSeats` (the most one
    /// hold may take) is refused before it is spelt out; nil takes any range, which is at most
    /// a row's 9999 seats.
    public static func seatLabelOrRange(_ raw: String, maxSeats: Int?) throws -> [String] {
        let word = trimmed(raw).uppercased()
        switch SeatLabelRange.parse(word) {
        case nil:
            return [try seatLabel(raw)]
        case .failure(.notALabel):
            throw BookingError.invalidInput("\"\(raw)\" is not a range of seats (expected two seats of one row, such as B3..B6)")
        case .failure(.acrossRows):
            throw BookingError.invalidInput("\"\(raw)\" goes from one row to another; name each row's seats")
        case .success(let range):
            if let maxSeats, range.numbers.count > maxSeats {
                throw BookingError.invalidInput("\"\(raw)\" is \(range.numbers.count) seats, more than the \(maxSeats) one hold may take")
            }
            return Array(range.labels)
        }
    }

    /// The labels `raw` names (labels and ranges, `seatLabelOrRange`), each once, in the order
    /// given.
    public static func distinctSeatLabels(_ raw: [String], maxSeats: Int?) throws -> [String] {
        var seen = Set<String>()
        return try raw.flatMap { try seatLabelOrRange($0, maxSeats: maxSeats) }.filter { seen.insert($0).inserted }
    }

    /// Validated, de-duplicated labels for one hold, in the order given; a range (`B3..B6`)
    /// stands for each of its seats.
    public static func seatLabels(_ raw: [String], maxSeats: Int) throws -> [String] {
        guard !raw.isEmpty else { throw BookingError.invalidInput("No seats were given") }
        let labels = try distinctSeatLabels(raw, maxSeats: maxSeats)
        guard labels.count <= maxSeats else {
            throw BookingError.invalidInput("\(labels.count) seats is more than the \(maxSeats) one hold may take")
        }
        return labels
    }

    /// `raw` without leading and trailing spaces or tabs (`.whitespaces`). Most input has none,
    /// and then Foundation's trimming, which copies the string through NSString, is skipped:
    /// `modex bench` validates thousands of labels a second.
    static func trimmed(_ raw: String) -> String {
        guard let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last,
              CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last) else { return raw }
        return raw.trimmingCharacters(in: .whitespaces)
    }

    public static let maxRequestIdLength = 100

    /// A hold request id, which a script chooses for each new hold (its own order number, or a
    /// UUID) and sends again with a retry: 1...100 visible characters, no spaces.
    public static func requestId(_ raw: String) throws -> String {
        let id = trimmed(raw)
        guard !id.isEmpty else { throw BookingError.invalidInput("The request id is empty") }
        // Counted as the database counts them (`char_length`), in code points.
        guard id.unicodeScalars.count <= maxRequestIdLength else {
            throw BookingError.invalidInput("The request id is \(id.unicodeScalars.count) characters long; the limit is \(maxRequestIdLength)")
        }
        guard !id.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.union(.controlCharacters).contains($0) }) else {
            throw BookingError.invalidInput("The request id \"\(raw)\" contains spaces or control characters")
        }
        return id
    }

    /// A positive database id written by the user.
    public static func identifier(_ raw: String, what: String) throws -> Int64 {
        guard let id = Int64(trimmed(raw)), id > 0 else {
            throw BookingError.invalidInput("\"\(raw)\" is not a \(what) number")
        }
        return id
    }

    /// A hold duration between 1 second and 1 hour.
    public static func holdSeconds(_ seconds: Double) throws -> Double {
        guard seconds.isFinite, seconds >= 1, seconds <= 3_600 else {
            throw BookingError.invalidInput("The hold duration must be between 1 and 3600 seconds (got \(numberText(seconds)))")
        }
        return seconds
    }

    /// A number as it was most likely typed: `0` rather than `0.0`, `0.5`, `inf`.
    public static func numberText(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A show start such as `2026-12-01T19:30`, read in the local time zone unless it names one.
    public static func startTime(_ raw: String, timeZone: TimeZone = .current) throws -> Date {
        let text = trimmed(raw)
        let withZone = ISO8601DateFormatter()
        withZone.formatOptions = [.withInternetDateTime]
        if let date = withZone.date(from: text) { return date }
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = timeZone
            f.dateFormat = format
            if let date = f.date(from: text) { return date }
        }
        throw BookingError.invalidInput("\"\(raw)\" is not a start time (expected e.g. 2026-12-01T19:30)")
    }

    /// A start time as people read it, in a form `startTime` accepts: `2026-12-01 19:30`.
    public static func startTimeText(_ date: Date, timeZone: TimeZone = .current) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    /// How a customer paid, as typed: `cash` or `card`, in any case.
    public static func paymentMethod(_ raw: String) throws -> PaymentMethod {
        guard let method = PaymentMethod(rawValue: trimmed(raw).lowercased()) else {
            throw BookingError.invalidInput("\"\(raw)\" is not a way of paying (expected cash or card)")
        }
        return method
    }

    /// A calendar day written as `2026-11-26`, checked to exist (no 30 February).
    public static func calendarDay(_ raw: String) throws -> String {
        let text = trimmed(raw)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        f.isLenient = false
        guard text.count == 10, let date = f.date(from: text), f.string(from: date) == text else {
            throw BookingError.invalidInput("\"\(raw)\" is not a day (expected e.g. 2026-11-26)")
        }
        return text
    }

    /// An operator's name as a login is written: 1 to 64 printable characters, no spaces.
    public static func operatorName(_ raw: String) throws -> String {
        let name = trimmed(raw)
        guard (1...64).contains(name.count), !name.contains(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 32 || $0.value == 127 } }) else {
            throw BookingError.invalidInput("\"\(raw)\" is not an operator's login name (1 to 64 characters, no spaces)")
        }
        return name
    }
}
