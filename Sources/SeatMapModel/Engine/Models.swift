import Foundation

/// A seat's status as users see it. A hold past its `expires_at` reads as `AVAILABLE`.
public enum SeatStatus: String, Codable, Sendable, CaseIterable {
    case available = "AVAILABLE"
    case reserved = "RESERVED"
    case booked = "BOOKED"
}

/// A booking's lifecycle: PENDING (held) -> CONFIRMED, or -> EXPIRED / CANCELLED.
public enum BookingStatus: String, Codable, Sendable, CaseIterable {
    case pending = "PENDING"
    case confirmed = "CONFIRMED"
    case expired = "EXPIRED"
    case cancelled = "CANCELLED"
}

/// A show with its seat counts.
public struct ShowSummary: Sendable, Equatable {
    public let showId: Int64
    public let name: String
    public let startsAt: Date
    public let createdAt: Date
    public let totalSeats: Int
    public let available: Int
    public let reserved: Int
    public let booked: Int

    public init(showId: Int64, name: String, startsAt: Date, createdAt: Date, totalSeats: Int, available: Int, reserved: Int, booked: Int) {
        self.showId = showId
        self.name = name
        self.startsAt = startsAt
        self.createdAt = createdAt
        self.totalSeats = totalSeats
        self.available = available
        self.reserved = reserved
        self.booked = booked
    }

    /// Whether the show started more than `ShowCatalog.latestPastStart` ago, after which the
    /// database refuses to hold its seats (migration 7).
    public func salesClosed(at databaseNow: Date) -> Bool {
        startsAt < databaseNow.addingTimeInterval(-ShowCatalog.latestPastStart)
    }
}

/// One seat and its current state.
public struct SeatState: Sendable, Equatable {
    public let seatId: Int
    public let label: String
    public let section: String
    public let row: String
    public let number: Int
    public let category: String
    public let layoutRow: Int
    public let layoutColumn: Int
    public let status: SeatStatus
    /// The booking holding or owning the seat; nil when available.
    public let bookingId: Int64?
    /// When the hold lapses (database clock); nil unless reserved.
    public let holdExpiresAt: Date?

    public init(seatId: Int, label: String, section: String, row: String, number: Int, category: String, layoutRow: Int, layoutColumn: Int, status: SeatStatus, bookingId: Int64?, holdExpiresAt: Date?) {
        self.seatId = seatId
        self.label = label
        self.section = section
        self.row = row
        self.number = number
        self.category = category
        self.layoutRow = layoutRow
        self.layoutColumn = layoutColumn
        self.status = status
        self.bookingId = bookingId
        self.holdExpiresAt = holdExpiresAt
    }
}

extension SeatState {
    /// The same seat in another state.
    public func with(status: SeatStatus, bookingId: Int64?, holdExpiresAt: Date?) -> SeatState {
        SeatState(seatId: seatId, label: label, section: section, row: row, number: number, category: category,
                  layoutRow: layoutRow, layoutColumn: layoutColumn, status: status, bookingId: bookingId, holdExpiresAt: holdExpiresAt)
    }
}

/// A whole seat map, read at `databaseTime` (for clock-offset correction). `cursor` marks what
/// it includes: `ChangeFeed` answers what changed after it.
public struct SeatMap: Sendable, Equatable {
    public let show: ShowSummary
    public let categories: [PriceCategory]
    public let seats: [SeatState]
    public let cursor: ChangeCursor
    public let databaseTime: Date

    public init(show: ShowSummary, categories: [PriceCategory], seats: [SeatState], cursor: ChangeCursor, databaseTime: Date) {
        self.show = show
        self.categories = categories
        self.seats = seats
        self.cursor = cursor
        self.databaseTime = databaseTime
    }
}

/// The seats that changed after a cursor, and the cursor to ask from next time.
public struct SeatChanges: Sendable, Equatable {
    public let seats: [SeatState]
    public let cursor: ChangeCursor
    public let databaseTime: Date

    public init(seats: [SeatState], cursor: ChangeCursor, databaseTime: Date) {
        self.seats = seats
        self.cursor = cursor
        self.databaseTime = databaseTime
    }
}

/// A point in the database's commit history: the text of a `pg_snapshot` (`xmin:xmax:xip,...`).
/// A change is "after" the cursor when its transaction is not visible in that snapshot, so
/// changes are never missed, whatever order concurrent transactions commit in.
public struct ChangeCursor: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let snapshot: String
    public init(snapshot: String) { self.snapshot = snapshot }
    public var description: String { snapshot }
}

/// A successful hold: a PENDING booking that lapses at `expiresAt` by the database clock.
public struct Hold: Sendable, Equatable {
    public let bookingId: Int64
    public let showId: Int64
    public let labels: [String]
    public var expiresAt: Date
    /// The latest `expiresAt` an extension can reach (when the hold was made plus
    /// `HoldPolicy.maxHoldSeconds`), when known.
    public let longestExpiry: Date?

    public init(bookingId: Int64, showId: Int64, labels: [String], expiresAt: Date, longestExpiry: Date? = nil) {
        self.bookingId = bookingId
        self.showId = showId
        self.labels = labels
        self.expiresAt = expiresAt
        self.longestExpiry = longestExpiry
    }

    /// Whether an extension could still add time (true when the limit is not known).
    public var canBeExtended: Bool {
        longestExpiry.map { $0.timeIntervalSince(expiresAt) >= 1 } ?? true
    }
}

/// A booking as stored, with its seats' labels.
public struct BookingDetails: Sendable, Equatable {
    public let bookingId: Int64
    public let showId: Int64
    /// The effective status: a PENDING booking past its expiry reads as EXPIRED.
    public let status: BookingStatus
    public let seats: [String]
    public let email: String?
    public let operatorName: String
    public let createdAt: Date
    public let expiresAt: Date
    public let confirmedAt: Date?
    /// When the booking was released, cancelled or marked expired by the sweep.
    public let endedAt: Date?
    /// Who released or cancelled it: nil for a hold that ran out, and for bookings ended
    /// before migration 8 or by an older version of modex.
    public let endedBy: String?
    /// How the customer paid: nil while not confirmed, and for bookings confirmed before
    /// migration 10 or by a caller that did not say.
    public let paidBy: PaymentMethod?
    /// For seats a customer gave back while keeping the rest of a booking: the booking they
    /// came from (see `HoldService.returnSeats`).
    public let returnedFrom: Int64?

    public init(bookingId: Int64, showId: Int64, status: BookingStatus, seats: [String], email: String?, operatorName: String,
                createdAt: Date, expiresAt: Date, confirmedAt: Date?, endedAt: Date? = nil, endedBy: String? = nil,
                paidBy: PaymentMethod? = nil, returnedFrom: Int64? = nil) {
        self.bookingId = bookingId
        self.showId = showId
        self.status = status
        self.seats = seats
        self.email = email
        self.operatorName = operatorName
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.confirmedAt = confirmedAt
        self.endedAt = endedAt
        self.endedBy = endedBy
        self.paidBy = paidBy
        self.returnedFrom = returnedFrom
    }
}

/// What one expiry sweep did.
public struct ExpirySummary: Sendable, Equatable {
    public let expiredBookings: Int
    public let freedSeats: Int
}
