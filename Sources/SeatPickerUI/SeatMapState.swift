import Foundation
import SeatMapModel

/// The seat map of one show with this terminal's cursor, selection and hold.
public struct SeatMapState: Equatable, Sendable {
    public var show: ShowSummary
    public var categories: [PriceCategory]
    public private(set) var seats: [SeatState]
    /// Seat indices of each layout row, left to right (empty for gap rows).
    public private(set) var rows: [[Int]]
    public private(set) var columns: Int
    private var indexByLabel: [String: Int]
    public var cursorSeat: Int
    public var selection: Set<String> = []
    public var hold: Hold?
    public var changeCursor: ChangeCursor
    /// A request is in flight (hold, confirm, release, extend).
    public var busy = false
    /// Seats of hold requests whose answer was lost, until the database worker learns whether
    /// they were held: the change feed showing them held is then no news of another terminal.
    public var holdsInDoubt: Set<String> = []
    /// Holds that went through after the clerk had moved on, being released by the picker.
    public var givingBack: Set<Int64> = []
    /// The email typed for this terminal's hold, kept when the prompt closes without a booking
    /// (Esc, or the hold ran out), so that the next confirmation starts from it. Forgotten once
    /// the hold is booked or released, so it never carries over to the next customer.
    public var emailDraft = ""
    /// The booking whose confirmation was sent and is unanswered, or whose answer was lost in
    /// an outage. Until the database says (the answer, or the map read afresh once it is back),
    /// the hold is not reported as run out: it may be a booking already.
    public var confirming: Int64?
    /// The confirmed booking whose cancellation was sent and is unanswered.
    public var cancelling: Int64?

    public init(map: SeatMap) {
        show = map.show
        categories = map.categories
        seats = map.seats
        changeCursor = map.cursor
        let rowCount = (map.seats.map(\.layoutRow).max() ?? -1) + 1
        var rows = Array(repeating: [Int](), count: rowCount)
        for (i, seat) in map.seats.enumerated() { rows[seat.layoutRow].append(i) }
        for r in rows.indices { rows[r].sort { map.seats[$0].layoutColumn < map.seats[$1].layoutColumn } }
        self.rows = rows
        columns = (map.seats.map(\.layoutColumn).max() ?? -1) + 1
        indexByLabel = Dictionary(uniqueKeysWithValues: map.seats.enumerated().map { ($1.label, $0) })
        cursorSeat = 0
    }

    public func index(of label: String) -> Int? { indexByLabel[label] }

    /// This terminal no longer holds seats: its hold, a confirmation of it in doubt, and (unless
    /// `keepingEmail`, for a hold that ran out with the customer still at the counter) the email
    /// typed for it are forgotten together.
    mutating func endHold(keepingEmail: Bool = false) {
        hold = nil
        confirming = nil
        if !keepingEmail { emailDraft = "" }
    }

    public var cursor: SeatState { seats[cursorSeat] }

    /// Applies changed seats from the change feed.
    public mutating func apply(_ changed: [SeatState]) {
        for seat in changed {
            if let i = indexByLabel[seat.label] { seats[i] = seat }
        }
    }

    /// Shows the outcome of this terminal's own request at once, before the change feed
    /// brings the same rows.
    public mutating func mark(_ labels: [String], _ status: SeatStatus, booking: Int64?, expiresAt: Date?) {
        for label in labels {
            guard let i = indexByLabel[label] else { continue }
            seats[i] = seats[i].with(status: status, bookingId: booking, holdExpiresAt: expiresAt)
        }
    }

    public func category(_ code: String) -> PriceCategory? { categories.first { $0.code == code } }

    /// What `labels` cost together, by their price categories.
    public func priceCents(of labels: some Sequence<String>) -> Int {
        labels.compactMap(index(of:)).compactMap { category(seats[$0].category)?.priceCents }.reduce(0, +)
    }

    /// How a seat looks to this terminal at database time `now`.
    public func look(of seat: SeatState, at now: Date) -> SeatLook {
        switch seat.status {
        case .booked:
            return .booked
        case .reserved where Self.isHeld(seat, at: now):
            if let hold, seat.bookingId == hold.bookingId { return .mine }
            // Most likely the clerk's own hold whose answer was lost: still theirs to decide.
            if holdsInDoubt.contains(seat.label) && selection.contains(seat.label) { return .selected }
            return .other
        default:
            return selection.contains(seat.label) ? .selected : .available
        }
    }

    /// Whether a reserved seat's hold is still in force at database time `now`.
    private static func isHeld(_ seat: SeatState, at now: Date) -> Bool { (seat.holdExpiresAt ?? .distantPast) > now }

    /// Whether a seat is booked, or held by a hold still in force at database time `now`.
    static func isTaken(_ seat: SeatState, at now: Date) -> Bool {
        seat.status == .booked || (seat.status == .reserved && isHeld(seat, at: now))
    }

    /// Available, reserved and booked counts at database time `now` (lapsed holds are available).
    public func counts(at now: Date) -> (available: Int, reserved: Int, booked: Int) {
        var reserved = 0, booked = 0
        for seat in seats {
            switch seat.status {
            case .booked: booked += 1
            case .reserved where Self.isHeld(seat, at: now): reserved += 1
            default: break
            }
        }
        return (seats.count - reserved - booked, reserved, booked)
    }

    /// The seat nearest to `column` in layout row `row`, searching outwards in `direction`.
    func nearestSeat(fromRow row: Int, column: Int, direction: Int) -> Int? {
        var r = row + direction
        while r >= 0 && r < rows.count {
            if let best = rows[r].min(by: { abs(seats[$0].layoutColumn - column) < abs(seats[$1].layoutColumn - column) }) {
                return best
            }
            r += direction
        }
        return nil
    }
}

/// The five looks a seat can have on this terminal.
public enum SeatLook: Equatable, Sendable {
    case available, selected, mine, other, booked
}
