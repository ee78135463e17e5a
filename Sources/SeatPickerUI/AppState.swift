import Foundation
import SeatMapModel

/// Everything the screen shows, as a value. `update` changes it; `render` draws it.
public struct AppState: Equatable, Sendable {
    public var operatorName: String
    public var size: ScreenSize
    /// Local time at the last tick; the countdown uses it with `clockOffset`.
    public var now: Date
    /// Database clock minus local clock.
    public var clockOffset: TimeInterval = 0
    public var connection: ConnectionState = .connecting
    /// Since when (local time) the database has not answered a request, once that is long
    /// enough to tell the clerk; nil while it answers promptly.
    public var databaseSlowSince: Date?
    public var screen: Screen = .shows(ShowListState())
    public var prompt: Prompt?
    /// The new-show form while its show is being created, so a refusal can reopen it as typed.
    public var newShowInFlight: NewShowForm?
    public var showHelp = false
    /// The day's takings per operator, shown over the show list until a key is pressed.
    public var salesShown: SalesOverview?
    public var message: StatusMessage?
    public var quitting = false
    /// The show list's filter, kept while a show is open so going back finds it as it was.
    public var listFilter = ""
    /// Where the cursor goes when that show's map opens: the first seat of a booking found from
    /// the show list.
    public var seatToOpenAt: SeatPlace?
    /// The managers, as last read with the show list (nil until then).
    public var managers: [String]?
    /// Hold lengths for the help screen (the database applies them).
    public var holdPolicy = HoldPolicy()
    /// Holds this terminal made on a map the clerk has left, by show: the clerk's own again
    /// when that show is opened (`KeptHold`).
    public var keptHolds: [Int64: KeptHold] = [:]

    public init(operatorName: String, now: Date, size: ScreenSize) {
        self.operatorName = operatorName
        self.now = now
        self.size = size
    }

    /// Whether this operator may do a manager's work (create a show), as far as this terminal
    /// knows; the database decides.
    public var mayManage: Bool { managers.map { $0.isEmpty || $0.contains(operatorName) } ?? true }

    /// The database clock's "now", as far as this terminal knows.
    public var databaseNow: Date { now.addingTimeInterval(clockOffset) }

    /// Whether `hold` has run out by this terminal's corrected clock, or will within `slack`
    /// seconds (the database's refusal or sweep can come a moment before the countdown ends).
    func hasRunOut(_ hold: Hold, within slack: TimeInterval = 0) -> Bool {
        HoldCountdown(expiresAt: hold.expiresAt, clockOffset: clockOffset).isOver(at: now.addingTimeInterval(slack))
    }
}

public enum ConnectionState: Equatable, Sendable {
    case connecting
    case online
    case unreachable(String)
}

public enum Screen: Equatable, Sendable {
    case shows(ShowListState)
    case seats(SeatMapState)
}

/// A day's takings as the sales screen shows them.
public struct SalesOverview: Equatable, Sendable {
    public var day: String
    /// 0 for today, 1 for yesterday, and so on: `←` and `→` step from it.
    public var daysBeforeToday: Int
    public var lines: [SalesReport.Line]
    public init(day: String, daysBeforeToday: Int = 0, lines: [SalesReport.Line]) {
        self.day = day
        self.daysBeforeToday = daysBeforeToday
        self.lines = lines
    }

    /// The sales screen's title: which day, and the keys it takes.
    func title(glyphs: GlyphSet) -> String {
        let which = switch daysBeforeToday {
        case 0: "Sales today, \(day)"
        case 1: "Sales yesterday, \(day)"
        default: "Sales on \(day)"
        }
        return "\(which) (\(glyphs.leftAndRightKeys) other days, any other key closes)"
    }
}

/// One seat of one show.
public struct SeatPlace: Equatable, Sendable {
    public var showId: Int64
    public var label: String
    public init(showId: Int64, label: String) { self.showId = showId; self.label = label }
}

/// A line at the bottom: information, or an error in plain words.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}

public struct ShowListState: Equatable, Sendable {
    public var shows: [ShowSummary] = []
    public var loaded = false
    public var cursor = 0
    public var filter = ""
    /// The show to put the cursor on once the list has loaded (the one the clerk just left).
    public var returningTo: Int64?
    /// Shows other terminals changed since their summaries were last read.
    public var changedShows: Set<Int64> = []
    /// When the changed shows' summaries, and the whole list, were last asked for.
    public var lastSummariesRequest: Date?
    public var lastFullLoad: Date?

    public init(filter: String = "", returningTo: Int64? = nil) {
        self.filter = filter
        self.returningTo = returningTo
    }

    /// The shows whose name contains the filter (case-insensitive).
    public var visible: [ShowSummary] {
        filter.isEmpty ? shows : shows.filter { $0.name.localizedCaseInsensitiveContains(filter) }
    }
}

/// A one-line prompt or the new-show form.
public enum Prompt: Equatable, Sendable {
    case email(text: String, error: String?)
    /// How the customer paid, asked once their email is accepted: 1 cash, 2 card; Esc goes back
    /// to the email.
    case payment(email: String)
    case goToSeat(text: String, error: String?)
    /// Part of a customer's email, or a booking number, to find their booking of this show.
    case findBooking(text: String, error: String?)
    /// How many seats side by side to select near the cursor.
    case seatsTogether(text: String, error: String?)
    case filter(text: String)
    /// Whether to cancel this confirmed booking: y cancels it, n or Esc keeps it.
    case cancelBooking(BookingLedger.Entry)
    /// How this confirmed booking was paid, to correct a wrong key: 1 cash, 2 card, Esc keeps it.
    case correctPayment(BookingLedger.Entry)
    /// Which seats of this confirmed booking the customer gives back, typed as labels.
    case returnSeats(BookingLedger.Entry, text: String, error: String?)
    case newShow(NewShowForm)

    var isNewShowForm: Bool { if case .newShow = self { true } else { false } }
    /// The email or payment question of a confirmation, which goes when the hold does.
    var isConfirmationPrompt: Bool {
        switch self {
        case .email, .payment: true
        default: false
        }
    }
}
