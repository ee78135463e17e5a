import Foundation

/// Limits that apply to holds.
public struct HoldPolicy: Sendable, Equatable {
    /// How long a hold lasts, by the database clock.
    public var holdSeconds: Double = 120
    /// The most seats one hold may take.
    public var maxSeatsPerHold: Int = 10
    /// How much one extension adds.
    public var extensionSeconds: Double = 60
    /// The longest a hold may last in all, counted from when it was made.
    public var maxHoldSeconds: Double = 300
    /// Recorded on each booking as the operator.
    public var operatorName: String = OperatorIdentity.current
    /// The shortest time between two announcements of one show from one connection; changes
    /// inside it are announced together when it ends (see `AnnouncementThrottle`).
    public var announcementInterval: TimeInterval = 0.05
    /// How often an open seat picker runs the expiry sweep (`ExpirySweeper`), so lapsed holds
    /// are tidied without a separate `modex expire --watch`.
    public var sweepInterval: TimeInterval = 10

    public init() {}

    /// Reads `MODEX_HOLD_SECONDS`, `MODEX_MAX_SEATS` and `MODEX_SWEEP_SECONDS` where set.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> HoldPolicy {
        var policy = HoldPolicy()
        if let raw = env["MODEX_HOLD_SECONDS"], !raw.isEmpty {
            guard let seconds = Double(raw) else { throw BookingError.invalidInput("MODEX_HOLD_SECONDS=\(raw) is not a number") }
            policy.holdSeconds = try InputValidation.holdSeconds(seconds)
        }
        if let raw = env["MODEX_MAX_SEATS"], !raw.isEmpty {
            guard let n = Int(raw), (1...1_000).contains(n) else { throw BookingError.invalidInput("MODEX_MAX_SEATS=\(raw) must be a whole number from 1 to 1000") }
            policy.maxSeatsPerHold = n
        }
        if let raw = env["MODEX_SWEEP_SECONDS"], !raw.isEmpty {
            guard let seconds = Double(raw), (1...3_600).contains(seconds) else {
                throw BookingError.invalidInput("MODEX_SWEEP_SECONDS=\(raw) must be a number of seconds from 1 to 3600")
            }
            policy.sweepInterval = seconds
        }
        return policy
    }
}

/// Holds, confirms, releases and cancels bookings. Every operation is one SQL function call,
/// all or nothing, with locks taken in one fixed order.
public struct HoldService {
    let database: Database
    public var policy: HoldPolicy

    public init(database: Database, policy: HoldPolicy = HoldPolicy()) {
        self.database = database
        self.policy = policy
        database.announcements.interval = policy.announcementInterval
    }

    /// Holds `labels` of one show as a PENDING booking, or throws `.seatsUnavailable` naming the
    /// seats that were taken; nothing is held then.
    ///
    /// `request` names this hold request (a new id for each new hold; see `Schema0005`), so
    /// that its hold can be found if the answer is lost. With `retrying`, the same request was
    /// sent before and its answer lost: if that attempt holds exactly these seats, its hold is
    /// the answer instead of a refusal.
    public func hold(seats labels: [String], for showId: Int64, email: String? = nil,
                     request: String? = nil, retrying: Bool = false) throws -> Hold {
        let call = try holdCall(seats: labels, for: showId, email: email, request: request)
        let hold: Hold
        do {
            hold = try database.perform(call)
        } catch BookingError.seatsUnavailable(let taken) where retrying {
            // Asked after the refusal, so a first attempt still running has finished by now:
            // the refusal waited for its seats.
            if let request, let earlier = try findHold(request: request, show: showId, seats: labels) { return earlier }
            throw BookingError.seatsUnavailable(taken)
        }
        announce(showId)
        return hold
    }

    /// The call `hold(seats:for:email:request:)` makes, its input checked, for a caller that
    /// sends it itself (see `BookingCall`), then announces the change (`announcementsDue`).
    public func holdCall(seats labels: [String], for showId: Int64, email: String? = nil,
                         request: String? = nil) throws -> BookingCall<Hold> {
        let labels = try InputValidation.seatLabels(labels, maxSeats: policy.maxSeatsPerHold)
        let email = try email.map(InputValidation.email)
        let seconds = try InputValidation.holdSeconds(policy.holdSeconds)
        let extensible = policy.maxHoldSeconds - seconds
        return BookingCall("SELECT booking_id, expires_at FROM modex_hold($1, $2, $3, $4, $5, $6)",
                           [.int(showId), .textArray(labels), email.map(PGValue.text), .text(policy.operatorName),
                            .double(seconds), request.map(PGValue.text)]) { rows in
            let row = try rows.single()
            // The database's expiry is its now() plus `seconds`, and the booking was made at that now().
            let expiresAt = try row.date("expires_at")
            return Hold(bookingId: try row.int("booking_id"), showId: showId, labels: labels, expiresAt: expiresAt,
                        longestExpiry: expiresAt.addingTimeInterval(extensible))
        }
    }

    /// The hold that `request` made of `labels` in show `showId`, if it still has them (pending
    /// and not lapsed); nil if that request made no hold, or its hold has ended. This is how a
    /// client whose answer was lost learns whether the hold went through.
    public func findHold(request: String, show showId: Int64, seats labels: [String]) throws -> Hold? {
        let labels = try InputValidation.seatLabels(labels, maxSeats: policy.maxSeatsPerHold)
        // Only the primary key in WHERE: with a status or expiry test there the planner may
        // read every pending booking of the show through their index instead.
        let row = try database.run("""
            SELECT b.booking_id, extract(epoch FROM b.expires_at)::float8 AS expires_at,
                   extract(epoch FROM b.created_at)::float8 AS created_at,
                   b.request_id = $3 AND b.status = 'PENDING' AND b.expires_at > now()
                   AND ARRAY(SELECT seat.label FROM seats seat
                              WHERE seat.show_id = b.show_id AND seat.seat_id = ANY (b.seat_ids) ORDER BY 1)
                     = ARRAY(SELECT unnest($2::text[]) ORDER BY 1) AS made_by_request
              FROM bookings b
             WHERE b.show_id = $1
               AND b.booking_id = (SELECT s.booking_id FROM seats s WHERE s.show_id = $1 AND s.label = ($2::text[])[1])
            """, [.int(showId), .textArray(labels), .text(request)]).first
        guard let row, row.text("made_by_request") == "t" else { return nil }
        return Hold(bookingId: try row.int("booking_id"), showId: showId, labels: labels, expiresAt: try row.date("expires_at"),
                    longestExpiry: try row.date("created_at").addingTimeInterval(policy.maxHoldSeconds))
    }

    /// Confirms a PENDING booking whose hold has not lapsed, recording the customer's email and
    /// how they paid (nil: not recorded, for a caller that does not know).
    @discardableResult
    public func confirm(booking bookingId: Int64, email rawEmail: String, paidBy: PaymentMethod? = nil) throws -> BookingDetails {
        let details = try database.perform(try confirmCall(booking: bookingId, email: rawEmail, paidBy: paidBy))
        announce(details.showId)
        return details
    }

    /// The call `confirm(booking:email:paidBy:)` makes, its input checked (see `holdCall`).
    public func confirmCall(booking bookingId: Int64, email rawEmail: String, paidBy: PaymentMethod? = nil) throws -> BookingCall<BookingDetails> {
        let email = try InputValidation.email(rawEmail)
        return BookingCall("SELECT * FROM modex_confirm($1, $2, $3)", [.int(bookingId), .text(email), paidBy.map { .text($0.rawValue) }]) { rows in
            let row = try rows.single()
            return BookingDetails(bookingId: bookingId, showId: try row.int("show_id"), status: .confirmed, seats: try row.textArray("seats"),
                                  email: email, operatorName: try row.string("operator"), createdAt: try row.date("created_at"),
                                  expiresAt: try row.date("expires_at"), confirmedAt: try row.date("confirmed_at"), paidBy: paidBy)
        }
    }

    /// Adds `policy.extensionSeconds` to a held booking, up to `policy.maxHoldSeconds` after it
    /// was made; returns the new expiry (database clock).
    public func extend(booking bookingId: Int64) throws -> Date {
        let row = try database.call("SELECT show_id, expires_at FROM modex_extend($1, $2, $3)",
                                   [.int(bookingId), .double(policy.extensionSeconds), .double(policy.maxHoldSeconds)]).single()
        announce(try row.int("show_id"))
        return try row.date("expires_at")
    }

    /// Gives a held booking's seats back (PENDING -> CANCELLED), recording the operator.
    public func release(booking bookingId: Int64) throws {
        announce(try database.perform(releaseCall(booking: bookingId)))
    }

    /// The call `release(booking:)` makes; its answer is the booking's show (see `holdCall`).
    public func releaseCall(booking bookingId: Int64) -> BookingCall<Int64> {
        BookingCall("SELECT modex_end_booking($1, 'PENDING', 'release', $2) AS show_id", [.int(bookingId), .text(policy.operatorName)]) {
            try $0.single().int("show_id")
        }
    }

    /// Cancels a confirmed booking and frees its seats (CONFIRMED -> CANCELLED), recording the
    /// operator, who must be allowed to (`requireMayCancel`).
    public func cancel(booking bookingId: Int64) throws {
        try requireMayCancel(bookingId)
        announce(try database.call("SELECT modex_end_booking($1, 'CONFIRMED', 'cancel', $2) AS show_id",
                                   [.int(bookingId), .text(policy.operatorName)]).single().int("show_id"))
    }

    /// Throws `.notAllowed` unless this operator may cancel the booking, which refunds it: a
    /// manager (or anyone, while no manager is named; see `Managers`), or the operator who made
    /// it, to undo a mistake at the counter, until the show begins. From curtain-up only a
    /// manager refunds, so a ticket that may have been used is never refunded on a clerk's
    /// word alone. `.notFound` if there is no such booking.
    public func requireMayCancel(_ bookingId: Int64) throws {
        try requireMayAmend(bookingId, to: "cancel booking \(bookingId)", isRefund: true)
    }

    /// Throws `.notAllowed` unless this operator may `action` (a phrase like "cancel booking 5")
    /// on the booking: a manager, anyone while no manager is named, or the booking's seller;
    /// for a refund, the seller only until the show begins (by the database clock).
    func requireMayAmend(_ bookingId: Int64, to action: String, isRefund: Bool = false) throws {
        let managers = Managers(database: database)
        guard try !managers.allow(policy.operatorName) else { return }
        guard let row = try database.run("""
            SELECT b.operator, s.starts_at <= now() AS begun
              FROM bookings b JOIN shows s ON s.show_id = b.show_id
             WHERE b.booking_id = $1
            """, [.int(bookingId)]).first else {
            throw BookingError.notFound("Booking \(bookingId) does not exist")
        }
        let seller = try row.string("operator"), why: String
        if isRefund, try row.bool("begun") {
            why = " once the show has begun"
        } else if seller != policy.operatorName {
            why = ", which \(seller) sold"
        } else {
            return
        }
        throw BookingError.notAllowed("Only a manager can \(action)\(why); managers: \(try managers.names().joined(separator: ", "))")
    }

    /// Tells watchers the show changed. The change has committed already; an announcement that
    /// cannot be sent (the connection died in between) stays owed by the connection's throttle,
    /// and if nobody sends it later, watchers' periodic check still finds the change.
    /// Announcements of one show are throttled per connection (`policy.announcementInterval`).
    func announce(_ showId: Int64) {
        send(announcementsDue(afterChanging: showId))
    }

    /// The shows to announce now, after a change of `showId` committed: it, unless announced
    /// within `policy.announcementInterval`, and any deferred announcement now due. A caller
    /// that sends its calls itself (see `holdCall`) sends these with `ChangeFeed.announcementCall`,
    /// and hands back those it could not send to `announcementsUnsent`.
    public func announcementsDue(afterChanging showId: Int64) -> [Int64] {
        let now = Date()
        var shows = database.announcements.due(at: now)
        if database.announcements.changed(show: showId, at: now) { shows.append(showId) }
        return shows
    }

    /// Records announcements that could not be sent: they stay owed (`AnnouncementThrottle.unsent`).
    public func announcementsUnsent(_ shows: [Int64]) {
        if !shows.isEmpty { database.announcements.unsent(shows, at: Date()) }
    }

    /// Sends the deferred announcements that are due, or all of them when `all` (before the
    /// connection is dropped). Owners of a long-lived connection call this when idle; returns
    /// when the next one is due. One still due afterwards could not be sent: the connection is
    /// gone, and the owner can move `database.announcements` to a new connection.
    @discardableResult
    public func announceDeferredChanges(all: Bool = false) -> Date? {
        send(all ? database.announcements.drain(at: Date()) : database.announcements.due(at: Date()))
        return database.announcements.nextDue
    }

    /// Sends `shows`' announcements; those that fail stay owed.
    private func send(_ shows: [Int64]) {
        let feed = ChangeFeed(database: database)
        announcementsUnsent(shows.filter { (try? feed.announce(show: $0)) == nil })
    }

    /// What a booking's seats cost together, by their price categories (what the customer pays
    /// for a confirmed booking); `.notFound` if there is no such booking.
    public func priceCents(ofBooking bookingId: Int64) throws -> Int {
        try bookingWithTotal(bookingId).totalCents
    }

    /// A booking and its seats; `.notFound` if there is none.
    public func booking(_ bookingId: Int64) throws -> BookingDetails {
        try bookingWithTotal(bookingId).booking
    }

    /// A booking and what its seats cost together, in one read; `.notFound` if there is none.
    public func bookingWithTotal(_ bookingId: Int64) throws -> BookingLedger.Entry {
        guard let row = try database.run("SELECT \(BookingColumns.select) FROM bookings b WHERE b.booking_id = $1",
                                         [.int(bookingId)]).first else {
            throw BookingError.notFound("Booking \(bookingId) does not exist")
        }
        let decoded = try BookingColumns.decode(row)
        return BookingLedger.Entry(booking: decoded.details, totalCents: decoded.totalCents)
    }
}
