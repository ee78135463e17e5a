/// Whole numbers as people read them on screen and in the CLI's text: thousands grouped with
/// commas, so 20000 is "20,000". JSON carries plain numbers.
public enum GroupedNumber {
    /// `n` with its thousands grouped: "1,000,000", "-2,500", "999".
    public static func text(_ n: Int) -> String {
        var digits = String(n.magnitude)
        for comma in stride(from: digits.count - 3, to: 0, by: -3) {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: comma))
        }
        return (n < 0 ? "-" : "") + digits
    }

    /// `n` things, grouped and with the noun made plural but for one: "1 booking", "20,200 seats".
    public static func counted(_ n: Int, _ noun: String) -> String {
        "\(text(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    /// A show's seats by state, as the map's header and the CLI say them:
    /// "Available 19,990  Reserved 10  Booked 0".
    public static func seatCountsText(available: Int, reserved: Int, booked: Int) -> String {
        "Available \(text(available))  Reserved \(text(reserved))  Booked \(text(booked))"
    }
}
