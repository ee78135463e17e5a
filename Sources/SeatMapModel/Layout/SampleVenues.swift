/// The sample venues shipped in `venues/` and loaded into the demo database.
public enum SampleVenues {
    /// A 200-seat theatre: rows A-J of 10 + aisle + 10, premium rows A-D.
    public static let theatre: String = {
        var text = """
        # Sample theatre: 200 seats, a centre aisle, two price categories.
        category P 65.00 Premium stalls
        category S 40.00 Stalls

        """
        for r in 0..<10 {
            let row = SeatLabel.rowName(r)
            let code = r < 4 ? "P" : "S"
            let half = String(repeating: code, count: 10)
            text += "\(row)  \(half)..\(half)\n"
        }
        return text
    }()

    /// A 20,000-seat arena: 8 sections of 25 rows x 100 seats, aisles every 20 seats.
    public static let arena: String = {
        var text = """
        # Sample arena: 20,000 seats in 8 sections of 25 rows x 100 seats.
        category L 80.00 Lower tier
        category U 45.00 Upper tier

        """
        for section in ["N1", "N2", "E1", "E2", "S1", "S2", "W1", "W2"] {
            text += "section \(section)\n"
            for r in 0..<25 {
                let code = r < 10 ? "L" : "U"
                let block = String(repeating: code, count: 20)
                text += "\(SeatLabel.rowName(r))  " + Array(repeating: block, count: 5).joined(separator: ".") + "\n"
            }
        }
        return text
    }()
}
