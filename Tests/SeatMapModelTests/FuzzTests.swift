import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Random and malformed input for the layout parser and input validation: never a crash,
/// always either a value or an `.invalidInput` error with a message. Seeded, so a failure
/// repeats; the counts are printed.
final class FuzzTests: XCTestCase {
    static let alphabet: [String] = Array("ABCPSXYZab01239 .._-#\t\n:;'\"\\é名🎭\u{0}\u{7}").map(String.init)
        + ["category ", "section ", "\n", "category A 10 X\n"]

    func randomText(_ rng: inout SeededGenerator, maxLength: Int) -> String {
        (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
    }

    /// Mutates a valid layout: deletes, duplicates or replaces pieces of it.
    func mutate(_ text: String, _ rng: inout SeededGenerator) -> String {
        var chars = Array(text)
        for _ in 0..<Int.random(in: 1...6, using: &rng) where !chars.isEmpty {
            let i = Int.random(in: 0..<chars.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: chars.remove(at: i)
            case 1: chars.insert(contentsOf: Self.alphabet.randomElement(using: &rng)!, at: i)
            case 2: chars[i] = Self.alphabet.randomElement(using: &rng)!.first!
            default: chars.insert(contentsOf: chars[i..<min(chars.count, i + 30)], at: i)
            }
        }
        return String(chars)
    }

    func testLayoutParserNeverCrashesAndAlwaysExplains() {
        var rng = SeededGenerator(seed: 20_261_125)
        var parsed = 0, refused = 0
        let seeds = [SampleVenues.theatre, "category A 10 X\nA  AA.AA\nsection S1\nB  AAA\n"]
        for i in 0..<20_000 {
            let text = i % 2 == 0 ? mutate(seeds[i % 4 / 2], &rng) : randomText(&rng, maxLength: 200)
            do {
                let plan = try LayoutParser.parse(text, maxSeats: 5_000)
                XCTAssertFalse(plan.seats.isEmpty)
                XCTAssertEqual(Set(plan.seats.map(\.label)).count, plan.seats.count, "labels are unique")
                XCTAssertFalse(plan.categories.contains { $0.name.unicodeScalars.contains { $0.value < 32 } }, "no control characters reach the database")
                parsed += 1
            } catch let error as BookingError {
                guard case .invalidInput(let message) = error else { return XCTFail("unexpected \(error) for \(text.debugDescription)") }
                XCTAssertTrue(message.hasPrefix("Layout line ") || message.hasPrefix("The layout has no seats"), message)
                refused += 1
            } catch {
                XCTFail("unexpected \(error)")
            }
        }
        print("layout fuzz: \(parsed + refused) cases, \(parsed) parsed, \(refused) refused with a message")
        XCTAssertEqual(parsed + refused, 20_000)
        XCTAssertGreaterThan(parsed, 100, "the mutations should keep some layouts valid")
        XCTAssertGreaterThan(refused, 1_000)
    }

    func testInputValidationNeverCrashesAndAlwaysExplains() {
        var rng = SeededGenerator(seed: 42)
        var accepted = 0, refused = 0
        let checks: [(String) throws -> Void] = [
            { _ = try InputValidation.seatLabel($0) },
            { _ = try InputValidation.email($0) },
            { _ = try InputValidation.showName($0) },
            { _ = try InputValidation.startTime($0) },
            { _ = try InputValidation.identifier($0, what: "booking") },
            { _ = try InputValidation.seatLabels($0.split(separator: " ").map(String.init), maxSeats: 10) },
            { _ = try InputValidation.requestId($0) },
            { _ = try SalesReport.day($0) },
            { _ = try InputValidation.paymentMethod($0) },
        ]
        // One seed per check, in the same order.
        let seeds = ["B7", "fan@example.com", "Gala night", "2026-12-01T19:30", "42", "n1-aa12 B7", "order-7731", "2026-11-26", "card"]
        for i in 0..<80_000 {
            let input = i % 3 == 0 ? mutate(seeds[i % seeds.count], &rng) : randomText(&rng, maxLength: 40)
            do {
                try checks[i % checks.count](input)
                accepted += 1
            } catch let error as BookingError {
                guard case .invalidInput(let message) = error, !message.isEmpty else { return XCTFail("unexpected \(error)") }
                refused += 1
            } catch {
                XCTFail("unexpected \(error)")
            }
        }
        print("validation fuzz: \(accepted + refused) cases, \(accepted) accepted, \(refused) refused with a message")
        XCTAssertEqual(accepted + refused, 80_000)
        XCTAssertGreaterThan(accepted, 500)
    }
}
