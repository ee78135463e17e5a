import SeatMapModel

/// Range checks for numeric options, each refusal naming the option, its range and the value
/// given ("--clients is 1-500 (got 0)"), exit 64.
enum OptionLimits {
    static func check(_ option: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard range.contains(value) else {
            throw BookingError.invalidInput("\(option) is \(range.lowerBound)-\(range.upperBound) (got \(value))")
        }
    }

    /// `value` must be above `lowerBound` (exclusive) and at most `upperBound`.
    static func check(_ option: String, _ value: Double, above lowerBound: Double, atMost upperBound: Double) throws {
        guard value > lowerBound, value <= upperBound else {
            throw BookingError.invalidInput("\(option) is above \(InputValidation.numberText(lowerBound)) and at most "
                + "\(InputValidation.numberText(upperBound)) (got \(InputValidation.numberText(value)))")
        }
    }

    static func check(_ option: String, _ value: Double, in range: ClosedRange<Double>) throws {
        guard range.contains(value) else {
            throw BookingError.invalidInput("\(option) is \(InputValidation.numberText(range.lowerBound))-"
                + "\(InputValidation.numberText(range.upperBound)) (got \(InputValidation.numberText(value)))")
        }
    }
}
