import Foundation
import ModexTestSupport
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// Random keys, clicks, terminal sizes, clock jumps and database answers (including answers
/// that make no sense for the screen they reach) are fed to `update`, and every state is
/// rendered. Nothing may crash, the frame must fill the terminal exactly (wide characters in
/// show names and typed text included), and the state must stay consistent. Seeded, so a failure can be replayed from the seed it prints.
final class PickerFuzzTests: XCTestCase {
    /// FUZZ_RUNS asks for more runs, to search further by hand.
    static let runs = Int(ProcessInfo.processInfo.environment["FUZZ_RUNS"] ?? "") ?? 200, steps = 150

    func testRandomInputNeverCrashesOrBreaksTheState() {
        let venues = [SampleData.map(SampleVenues.theatre, id: 1),
                      SampleData.map("category A 10.00 Only\nA  A\n", id: 2, name: "One seat"),
                      SampleData.map("category A 10.00 東京 🎭 席\nA  AA.AA\n", id: 3, name: "東京公演 🎭 Ünïcødé 👨‍👩‍👧 e\u{301}te\u{301} Gala")]
        var rendered = 0
        for seed in 1...UInt64(Self.runs) {
            var random = SeededGenerator(seed: seed)
            var state = SampleData.state(ScreenSize(width: 80, height: 24))
            for step in 1...Self.steps {
                let msg = Self.randomMsg(&random, state: state, venues: venues)
                let effects = update(&state, msg)
                let grid = render(state, options: seed % 2 == 0 ? RenderOptions() : RenderOptions(glyphs: .ascii, colour: false),
                                  timeZone: SampleData.utc)
                rendered += 1
                let context = "seed \(seed), step \(step), after \(msg)"
                XCTAssertEqual(grid.size, state.size, context)
                XCTAssertEqual(grid.cells.count, state.size.width * state.size.height, context)
                if let problem = Self.brokenRow(in: grid) { return XCTFail("\(problem): \(context)") }
                if let problem = Self.inconsistency(in: state) { return XCTFail("\(problem): \(context)") }
                if let problem = effects.lazy.compactMap(Self.badRequest).first { return XCTFail("\(problem): \(context)") }
            }
        }
        XCTAssertEqual(rendered, Self.runs * Self.steps)
        print("picker fuzz: \(Self.runs) runs, \(rendered) messages, each rendered")
    }

    /// A row whose cells would not line up on a terminal: a character stored that takes no
    /// column or cannot be printed, or a wide character without exactly its covered cells.
    static func brokenRow(in grid: CellGrid) -> String? {
        for y in 0..<grid.size.height {
            var x = 0
            while x < grid.size.width {
                let cell = grid[x, y]
                if cell.isWideTail { return "row \(y): column \(x) is covered by no wide character" }
                guard let width = cell.character.terminalColumns, width > 0 else {
                    return "row \(y): column \(x) holds \(cell.character.unicodeScalars.map { "U+\(String($0.value, radix: 16))" })"
                }
                for covered in (x + 1)..<(x + width) where covered >= grid.size.width || !grid[covered, y].isWideTail {
                    return "row \(y): \(cell.character) at column \(x) is \(width) wide, column \(covered) is not covered"
                }
                x += width
            }
        }
        return nil
    }

    /// What is wrong with a request the picker makes, if anything: seats given back are some of
    /// the booking's own, each once.
    static func badRequest(_ effect: Effect) -> String? {
        guard case .returnSeats(let entry, let labels) = effect else { return nil }
        if labels.isEmpty || Set(labels).count != labels.count || !Set(labels).isSubset(of: entry.booking.seats) {
            return "asked to give back \(labels) of booking \(entry.booking.bookingId), whose seats are \(entry.booking.seats)"
        }
        return nil
    }

    /// What is wrong with `state`, if anything.
    static func inconsistency(in state: AppState) -> String? {
        switch (state.prompt, state.screen) {
        case (.cancelBooking(let entry), .seats(let map)) where entry.booking.showId != map.show.showId,
             (.correctPayment(let entry), .seats(let map)) where entry.booking.showId != map.show.showId,
             (.returnSeats(let entry, _, _), .seats(let map)) where entry.booking.showId != map.show.showId:
            return "asked about a booking of show \(entry.booking.showId) on show \(map.show.showId)'s map"
        case (.cancelBooking, .shows), (.correctPayment, .shows), (.returnSeats, .shows), (.seatsTogether, .shows), (.goToSeat, .shows), (.email, .shows),
             (.payment, .shows):
            return "a seat map's prompt over the show list"
        case (.email, .seats(let map)) where map.hold == nil, (.payment, .seats(let map)) where map.hold == nil:
            return "asked about confirming with no hold to confirm"
        case (.payment, .seats(let map)) where map.busy:
            return "asked how they paid while a request is unanswered"
        default: break
        }
        switch state.screen {
        case .shows(let list):
            if !list.visible.isEmpty && !list.visible.indices.contains(list.cursor) { return "list cursor \(list.cursor) outside the list" }
        case .seats(let map):
            if state.salesShown != nil { return "the sales screen over a seat map" }
            if !map.seats.indices.contains(map.cursorSeat) { return "seat cursor \(map.cursorSeat) outside the map" }
            let labels = Set(map.seats.map(\.label))
            if !map.selection.isSubset(of: labels) { return "selection \(map.selection) has seats the map lacks" }
            if let hold = map.hold, hold.showId != map.show.showId { return "a hold of show \(hold.showId) on show \(map.show.showId)'s map" }
            let mine = map.seats.filter { map.look(of: $0, at: state.databaseNow) == .mine }.map(\.label)
            if !map.selection.isDisjoint(with: mine) { return "seats both in this terminal's hold and selected" }
        }
        return nil
    }

    static func randomMsg(_ random: inout SeededGenerator, state: AppState, venues: [SeatMap]) -> Msg {
        let labels: [String] = {
            guard case .seats(let map) = state.screen else { return ["A1", "Z9"] }
            return map.seats.map(\.label) + ["Z9"]
        }()
        func someLabels() -> [String] { (0..<Int.random(in: 1...3, using: &random)).map { _ in labels.randomElement(using: &random)! } }
        func show() -> Int64 { Int64.random(in: 1...4, using: &random) }
        func booking() -> Int64 { Int64.random(in: 1...6, using: &random) }
        let later = state.now.addingTimeInterval(Double.random(in: -30...150, using: &random))
        // The questions about a booking are reached often enough to be fuzzed: asked about a
        // booking of the map's show, and answered with `s` (some seats) and seat labels.
        if case .seats(let map) = state.screen, state.prompt == nil, Int.random(in: 0..<50, using: &random) == 0 {
            return .bookingToCancel(showId: map.show.showId, bookingId: booking(), BookingLedger.Entry(
                booking: BookingDetails(bookingId: booking(), showId: map.show.showId, status: .confirmed, seats: someLabels(),
                                        email: "fan@example.com", operatorName: "boxoffice", createdAt: state.now, expiresAt: later,
                                        confirmedAt: state.now), totalCents: 2_500))
        }
        switch state.prompt {
        case .cancelBooking where Int.random(in: 0..<3, using: &random) == 0: return .key(.character("s"))
        case .returnSeats where Int.random(in: 0..<4, using: &random) == 0:
            return .key(.character(Array(labels.randomElement(using: &random)! + " ").randomElement(using: &random)!))
        default: break
        }
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<45:
            let keys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace,
                               .tab, .backTab, .clearField, .click(x: Int.random(in: -3...120, using: &random), y: Int.random(in: -3...40, using: &random))]
            let characters = Array(" hjklqxecgbnsXpyY/?@.aZ0129é中🎭\u{7f}\u{200B}")
            return .key(Bool.random(using: &random) ? keys.randomElement(using: &random)! : .character(characters.randomElement(using: &random)!))
        case 45..<50: return .resize(ScreenSize(width: Int.random(in: 0...130, using: &random), height: Int.random(in: 0...45, using: &random)))
        case 50..<58: return .tick(state.now.addingTimeInterval(Double.random(in: 0...40, using: &random)))
        case 58..<60: return .showsLoaded(venues.map(\.show).filter { _ in Bool.random(using: &random) })
        case 60:
            let ids = (0..<Int.random(in: 1...3, using: &random)).map { _ in show() }
            return Bool.random(using: &random)
                ? .showsAnnounced(Set(ids))
                : .showSummariesLoaded(requested: ids, venues.map(\.show).filter { ids.contains($0.showId) && Bool.random(using: &random) })
        case 61..<65: return .mapLoaded(venues.randomElement(using: &random)!, clockOffset: Double.random(in: -5...5, using: &random))
        case 65..<75:
            guard case .seats(let map) = state.screen else { return .tick(state.now) }
            let statuses: [SeatStatus] = [.available, .reserved, .booked]
            let seats = (0..<Int.random(in: 1...4, using: &random)).map { _ -> SeatState in
                let status = statuses.randomElement(using: &random)!
                // Other terminals' bookings: this terminal's own come with its answers.
                return map.seats.randomElement(using: &random)!.with(status: status, bookingId: status == .available ? nil : 100 + booking(),
                                                                    holdExpiresAt: status == .reserved ? later : nil)
            }
            return .seatsChanged(showId: map.show.showId, SeatChanges(seats: seats, cursor: ChangeCursor(snapshot: "200:200:"), databaseTime: later))
        case 75..<80: return .held(Hold(bookingId: booking(), showId: show(), labels: someLabels(), expiresAt: later))
        case 80..<83: return .holdInDoubt(showId: show(), labels: someLabels())
        case 83..<86: return .heldAfterAll(Hold(bookingId: booking(), showId: show(), labels: someLabels(), expiresAt: later))
        case 86..<88: return .notHeldAfterAll(showId: show(), labels: someLabels())
        case 88..<90:
            return .confirmed(BookingDetails(bookingId: booking(), showId: show(), status: .confirmed, seats: someLabels(), email: "fan@example.com",
                                             operatorName: "boxoffice", createdAt: state.now, expiresAt: later, confirmedAt: state.now,
                                             paidBy: [PaymentMethod.cash, .card, nil].randomElement(using: &random)!))
        case 90..<92: return .released(bookingId: booking())
        case 92..<93: return .releaseFailed(bookingId: booking(), .wrongState("Booking has already ended"))
        case 93..<94: return .extended(bookingId: booking(), expiresAt: later)
        case 94..<96:
            let errors: [BookingError] = [.seatsUnavailable(someLabels()), .notFound("Booking 9 does not exist"), .wrongState("ended"),
                                          .databaseUnreachable("server closed the connection"), .busy("lock timeout"), .invalidInput("bad")]
            return .failed(errors.randomElement(using: &random)!)
        case 96..<98:
            let states: [ConnectionState] = [.online, .connecting, .unreachable("connection refused")]
            return .connection(states.randomElement(using: &random)!)
        case 98: return .showDeleted(showId: show())
        default:
            func entry() -> BookingLedger.Entry {
                BookingLedger.Entry(booking: BookingDetails(bookingId: booking(), showId: show(), status: .confirmed, seats: someLabels(),
                                                            email: "fan@example.com", operatorName: "boxoffice", createdAt: state.now,
                                                            expiresAt: later, confirmedAt: state.now),
                                    totalCents: Int.random(in: 0...100_000, using: &random))
            }
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return .clockOffset(Double.random(in: -90...90, using: &random))
            case 1: return .lookupFailed(subject: "fan", Bool.random(using: &random) ? .busy("timeout") : .databaseUnreachable("gone"))
            case 2: return .bookingToCancel(showId: show(), bookingId: booking(), Bool.random(using: &random) ? entry() : nil)
            case 3:
                if Bool.random(using: &random) { return .cancelled(entry()) }
                let from = entry()
                return .seatsReturned(from: from, returned: BookingLedger.Entry(
                    booking: BookingDetails(bookingId: 50 + booking(), showId: from.booking.showId, status: .cancelled,
                                            seats: Array(from.booking.seats.prefix(1)), email: from.booking.email,
                                            operatorName: "boxoffice", createdAt: state.now, expiresAt: later, confirmedAt: state.now,
                                            paidBy: .cash, returnedFrom: from.booking.bookingId),
                    totalCents: 2_500))
            case 5: return .comingBookingsFound(query: "fan", (0..<Int.random(in: 0...3, using: &random)).map { _ in entry() })
            case 6: return .salesLoaded(day: "2026-12-01", daysBeforeToday: Int.random(in: 0...3, using: &random), (0..<Int.random(in: 0...30, using: &random)).map {
                SalesReport.Line(operatorName: $0 % 5 == 0 ? nil : "clerk\($0)", sold: .init(bookings: $0, seats: $0, cents: $0 * 100))
            })
            case 7: return .managersLoaded([[], ["alice"], ["boxoffice"]].randomElement(using: &random)!)
            case 8:
                let methods: [PaymentMethod?] = [.cash, .card, nil]
                switch Int.random(in: 0..<3, using: &random) {
                case 0: return .bookingToCorrectPayment(showId: show(), bookingId: booking(), Bool.random(using: &random) ? entry() : nil)
                case 1: return .paymentCorrected(entry(), to: Bool.random(using: &random) ? .cash : .card,
                                                 was: methods.randomElement(using: &random)!)
                default: return .paymentCorrectionFailed(bookingId: booking(), Bool.random(using: &random)
                                                         ? .notAllowed("Only a manager can") : .databaseUnreachable("gone"))
                }
            case 4: return .cancelFailed(bookingId: booking(), Bool.random(using: &random) ? .wrongState("cancelled") : .databaseUnreachable("gone"))
            default: break
            }
            // Found bookings, some of whose seats this map may lack.
            let found = (0..<Int.random(in: 0...4, using: &random)).map { _ in entry() }
            return .bookingsFound(showId: show(), query: Bool.random(using: &random) ? "fan" : "7", found)
        }
    }
}
