/// A price category of a venue: a one-character code used in layout files, a name and a price.
public struct PriceCategory: Hashable, Sendable, Codable {
    public let code: String
    public let name: String
    public let priceCents: Int

    public init(code: String, name: String, priceCents: Int) {
        self.code = code
        self.name = name
        self.priceCents = priceCents
    }

    /// An amount of money as people read it, thousands grouped: 6500 is "65.00", 3250000 is
    /// "32,500.00". What a script reads (JSON) or a field is prefilled with is `decimalText`.
    public static func priceText(cents: Int) -> String {
        (cents < 0 ? "-" : "") + GroupedNumber.text(abs(cents) / 100) + String(format: ".%02d", abs(cents) % 100)
    }

    /// An amount of money as a layout file writes it and JSON carries it: 3250000 is "32500.00".
    public static func decimalText(cents: Int) -> String {
        (cents < 0 ? "-" : "") + String(format: "%d.%02d", abs(cents) / 100, abs(cents) % 100)
    }
}

/// One seat as laid out: its label parts, category and position on the map.
public struct PlannedSeat: Hashable, Sendable {
    public let label: SeatLabel
    public let category: String
    public let layoutRow: Int
    public let layoutColumn: Int
}

/// The seats and price categories of a show before it is stored.
public struct VenuePlan: Sendable, Equatable {
    public let categories: [PriceCategory]
    public let seats: [PlannedSeat]

    public init(categories: [PriceCategory], seats: [PlannedSeat]) {
        self.categories = categories
        self.seats = seats
    }

    /// The planned seats as an all-available seat map, numbered from 0 (for previews, tests and
    /// render benchmarks that need no database).
    public func availableSeatStates() -> [SeatState] {
        seats.enumerated().map { i, s in
            SeatState(seatId: i, label: s.label.description, section: s.label.section, row: s.label.row, number: s.label.number,
                      category: s.category, layoutRow: s.layoutRow, layoutColumn: s.layoutColumn,
                      status: .available, bookingId: nil, holdExpiresAt: nil)
        }
    }

    /// What a seat of a rows x seats grid costs unless a price is given: 25.00.
    public static let defaultGridPriceCents = 2_500

    /// A plain grid: rows A, B, ... of `seatsPerRow` seats, one category.
    public static func grid(rows: Int, seatsPerRow: Int, priceCents: Int = defaultGridPriceCents,
                            maxSeats: Int = InputValidation.maxShowSeats) throws -> VenuePlan {
        guard rows >= 1, seatsPerRow >= 1 else {
            throw BookingError.invalidInput("A show needs at least one row and one seat per row (got \(rows) x \(seatsPerRow))")
        }
        guard seatsPerRow <= InputValidation.maxSeatsPerRow, rows <= 18_278 else {
            throw BookingError.invalidInput("\(rows) rows x \(seatsPerRow) seats is not a real venue (at most 18278 rows and \(InputValidation.maxSeatsPerRow) seats per row)")
        }
        guard rows * seatsPerRow <= maxSeats else {
            throw BookingError.invalidInput("\(rows) x \(seatsPerRow) = \(rows * seatsPerRow) seats is more than the \(maxSeats) a show may have")
        }
        var seats: [PlannedSeat] = []
        seats.reserveCapacity(rows * seatsPerRow)
        for r in 0..<rows {
            let row = SeatLabel.rowName(r)
            for n in 1...seatsPerRow {
                seats.append(PlannedSeat(label: SeatLabel(row: row, number: n)!, category: "S", layoutRow: r, layoutColumn: n - 1))
            }
        }
        return VenuePlan(categories: [PriceCategory(code: "S", name: "Standard", priceCents: priceCents)], seats: seats)
    }
}
