import Foundation
import SeatMapModel

/// The manager's form for a new show: name, start, then rows x seats at a price, or a layout file.
/// Each field is validated as the user types, with the error shown beside it.
public struct NewShowForm: Equatable, Sendable {
    public enum Field: Int, CaseIterable, Sendable {
        case name, starts, rows, seatsPerRow, price, layoutFile
        public var title: String {
            switch self {
            case .name: "Name"
            case .starts: "Starts"
            case .rows: "Rows"
            case .seatsPerRow: "Seats per row"
            case .price: "Price per seat"
            case .layoutFile: "or layout file"
            }
        }
    }

    public var values: [Field: String] = [:]
    public var focus: Field = .name
    /// Why the database refused the form when it was last sent (say, a start in the past or an
    /// unreadable layout file); cleared by the next edit.
    public var refusal: String?

    /// What a seat of a rows x seats show costs when the price field is left empty.
    public static let defaultPrice = PriceCategory.decimalText(cents: VenuePlan.defaultGridPriceCents)

    public init() {}

    public func value(_ field: Field) -> String { values[field] ?? "" }

    /// A field's whole number, spaces around it ignored.
    private func number(_ field: Field) -> Int? { Int(value(field).trimmingCharacters(in: .whitespaces)) }

    /// The error for a field as typed so far, or nil when it is fine (or untouched).
    public func error(_ field: Field, timeZone: TimeZone = .current) -> String? {
        let text = value(field)
        let usingLayout = !value(.layoutFile).trimmingCharacters(in: .whitespaces).isEmpty
        func check(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as BookingError { return e.message } catch { return "\(error)" }
        }
        switch field {
        case .name:
            return text.isEmpty ? nil : check { _ = try InputValidation.showName(text) }
        case .starts:
            return text.isEmpty ? nil : check { _ = try InputValidation.startTime(text, timeZone: timeZone) }
        case .rows, .seatsPerRow, .price:
            let text = text.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return nil }
            if usingLayout { return "leave empty with a layout file (it sets the \(field == .price ? "prices" : "seats"))" }
            if field == .price {
                return switch LayoutParser.priceProblem(text) {
                case nil: nil
                case .notAPrice: "a price such as 25.00"
                case .overTheLimit: "at most \(LayoutParser.PriceProblem.limitText)"
                }
            }
            guard let n = Int(text), n > 0 else { return "a whole number above 0" }
            if field == .seatsPerRow, n > InputValidation.maxSeatsPerRow { return "at most \(InputValidation.maxSeatsPerRow)" }
            if let rows = number(.rows), let seats = number(.seatsPerRow), rows * seats > InputValidation.maxShowSeats {
                return "\(rows * seats) seats is more than \(InputValidation.maxShowSeats)"
            }
            return nil
        case .layoutFile:
            return nil
        }
    }

    /// The request to send, or nil while something is missing or wrong.
    public func request(timeZone: TimeZone = .current) -> Effect? {
        guard Field.allCases.allSatisfy({ error($0, timeZone: timeZone) == nil }),
              let name = try? InputValidation.showName(value(.name)),
              let starts = try? InputValidation.startTime(value(.starts), timeZone: timeZone) else { return nil }
        let layout = value(.layoutFile).trimmingCharacters(in: .whitespaces)
        if !layout.isEmpty { return .createShow(name: name, startsAt: starts, source: .layoutFile(layout)) }
        let priceText = value(.price).trimmingCharacters(in: .whitespaces)
        guard let rows = number(.rows), let seats = number(.seatsPerRow),
              let cents = LayoutParser.parsePrice(priceText.isEmpty ? Self.defaultPrice : priceText) else { return nil }
        return .createShow(name: name, startsAt: starts, source: .grid(rows: rows, seatsPerRow: seats, priceCents: cents))
    }
}
