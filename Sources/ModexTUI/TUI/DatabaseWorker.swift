import Foundation
import Logging
import SeatMapModel
import SeatPickerUI
import Synchronization

/// Runs effects against the database on its own thread and connection, so the input loop
/// never waits for the database. Reconnects by itself after an outage.
final class DatabaseWorker: Sendable {
    private let pending = Mutex<[Effect]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    /// When each effect submitted and not yet carried out (or failed) was submitted, oldest first.
    private let submittedAt = Mutex<[Date]>([])
    /// Set by `finish(within:)`: announcements the throttle deferred are sent at once.
    private let finishing = Atomic<Bool>(false)
    /// Whether an announcement is still owed (deferred, or unsent for want of a connection).
    private let announcementsOwed = Atomic<Bool>(false)
    private let connect: @Sendable () throws -> Database
    private let policy: HoldPolicy
    private let inbox: Inbox
    private let log: Logger
    /// This terminal's clock (a test can step it).
    private let clock: @Sendable () -> Date
    /// The clock offset last sent to the screen.
    private let offsetSent = Mutex<TimeInterval?>(nil)

    init(connect: @escaping @Sendable () throws -> Database, policy: HoldPolicy, inbox: Inbox, log: Logger,
         clock: @escaping @Sendable () -> Date = { Date() }) {
        self.connect = connect
        self.policy = policy
        self.inbox = inbox
        self.log = log
        self.clock = clock
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "modex-database"
        thread.start()
    }

    func submit(_ effect: Effect) {
        submittedAt.withLock { $0.append(clock()) }
        pending.withLock { $0.append(effect) }
        wake.signal()
    }

    /// When the oldest effect still waiting for the database was submitted; nil when none is.
    /// The picker tells the clerk once this is a couple of seconds old.
    var waitingSince: Date? { submittedAt.withLock { $0.first } }

    /// Waits until every effect submitted so far has been carried out or has failed, and every
    /// change announced (the throttle's deferred announcements are sent at once), for at most
    /// `seconds`; false when the time ran out first (the database is slow or down).
    @discardableResult
    func finish(within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        finishing.store(true, ordering: .sequentiallyConsistent)
        wake.signal()
        while submittedAt.withLock({ !$0.isEmpty }) || announcementsOwed.load(ordering: .sequentiallyConsistent) {
            guard Date() < deadline else { return false }
            usleep(10_000)
        }
        return true
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        wake.signal()
    }

    private func run() {
        var database: Database?
        // Announcements a dropped connection still owed; the next connection sends them, so
        // other terminals see this terminal's last changes within a second even across a
        // reconnect.
        var owed: AnnouncementThrottle?
        var nextAnnouncement: Date?
        // Every open picker sweeps lapsed holds now and then (jittered, so pickers started together
        // do not sweep together); concurrent sweeps skip each other's rows.
        func sweepTime() -> Date { Date().addingTimeInterval(policy.sweepInterval * Double.random(in: 1...1.2)) }
        var nextSweep = sweepTime()
        // Hold requests whose answer was lost: asked about until their outcome is known.
        var lostHolds = LostHolds(lifetime: policy.holdSeconds + SessionLimits().answerTimeoutSeconds)

        func drop() {
            if let db = database { owed = db.announcements }
            database = nil
        }
        // The picker was told the database is unreachable, and hears when it answers again even
        // if nothing else would say so (only this connection failed, not the change feed's).
        var toldUnreachable = false
        func reconnect() throws -> Database {
            let db = try connect()
            if let carried = owed { db.announcements = carried }
            owed = nil
            database = db
            if toldUnreachable { inbox.post(.connection(.online)) }
            toldUnreachable = false
            return db
        }
        /// Sends what is due; a connection that cannot is dropped, and a new one tried once.
        func noteOwedAnnouncements() {
            announcementsOwed.store(database?.announcements.nextDue != nil || owed?.nextDue != nil, ordering: .sequentiallyConsistent)
        }
        /// Sends what is due, or everything owed when `all` (the picker is quitting).
        func announceDue(all: Bool = false) {
            for _ in 0..<2 {
                if database == nil, owed?.nextDue != nil { _ = try? reconnect() }
                guard let db = database else { return }
                let stillDue = HoldService(database: db, policy: policy).announceDeferredChanges(all: all).map { $0 <= Date() } ?? false
                guard stillDue else { return }
                drop()
            }
        }

        // While the database does not answer, it is asked again once a second, not four times.
        var askAgainAfter = Date.distantPast
        /// Asks what became of each hold request whose answer was lost, and tells the picker
        /// once it is known: the hold it made, or that it made none.
        func settleLostHolds() {
            lostHolds.dropLapsed().forEach(inbox.post)
            guard !lostHolds.inDoubt.isEmpty, database != nil || Date() >= askAgainAfter else { return }
            do {
                let db = try database ?? reconnect()
                let holds = HoldService(database: db, policy: policy)
                for lost in lostHolds.inDoubt {
                    let outcome = try holds.outcome(ofLostRequest: lost.id, show: lost.show, seats: lost.labels, sentTo: lost.sentTo)
                    if outcome != .undecided { log.info("hold request \(lost.id), whose answer was lost: \(outcome)") }
                    if let told = lostHolds.settle(lost.id, outcome) { inbox.post(told) }
                }
            } catch let error as BookingError {
                if error.isTransient {
                    drop()
                    askAgainAfter = Date().addingTimeInterval(1)
                }
            } catch {}
        }

        while !stopping.load(ordering: .relaxed) {
            // A lost hold is asked about four times a second while the database answers.
            let poll = lostHolds.inDoubt.isEmpty ? 1 : 0.25
            let idle = min(poll, max(0, nextAnnouncement?.timeIntervalSinceNow ?? poll))
            _ = wake.wait(timeout: .now() + idle)
            if let due = nextAnnouncement, due <= Date() { announceDue() }
            settleLostHolds()
            if nextSweep <= Date(), let db = database {
                nextSweep = sweepTime()
                do {
                    try recheckClockOffset(db)
                    let swept = try ExpirySweeper(database: db).sweep()
                    if swept.expiredBookings > 0 { log.info("swept \(swept.expiredBookings) lapsed hold(s)") }
                } catch let error as BookingError {
                    log.warning("expiry sweep failed: \(error.message)")
                    if error.isTransient { drop() }
                } catch {}
            }
            while let effect = pending.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                if stopping.load(ordering: .relaxed) { return }
                defer {
                    // Said before the effect counts as done, so `finish` cannot miss it.
                    noteOwedAnnouncements()
                    submittedAt.withLock { _ = $0.isEmpty ? nil : $0.removeFirst() }
                }
                var holdRequest: HoldRequest?
                if case .hold(let show, let labels) = effect { holdRequest = lostHolds.request(show: show, labels: labels) }
                var backend: Int32 = 0
                do {
                    // A connection that died while idle is replaced before the request, so the
                    // request itself runs once.
                    if let db = database, !db.ping() { drop() }
                    let db = try database ?? reconnect()
                    backend = db.connection.backendPID
                    let answer = try performNoticingDeletedShow(effect, holdRequest: holdRequest, on: db)
                    if let holdRequest { _ = lostHolds.record(holdRequest, sentOn: backend, failure: nil) }
                    inbox.post(answer)
                } catch let error as BookingError {
                    log.warning("\(effect) failed: \(error.message)")
                    if error.isTransient {
                        drop()
                        if case .databaseUnreachable(let why) = error {
                            inbox.post(.connection(.unreachable(why)))
                            toldUnreachable = true
                        }
                    }
                    if let holdRequest, backend != 0 {
                        // Sent: a lost answer puts the request in doubt instead of failing it.
                        lostHolds.record(holdRequest, sentOn: backend, failure: error).forEach(inbox.post)
                    } else if case .release(let id) = effect {
                        inbox.post(.releaseFailed(bookingId: id, error))
                    } else if let entry = effect.bookingToEnd {
                        inbox.post(.cancelFailed(bookingId: entry.booking.bookingId, error))
                    } else if case .correctPayment(let entry, _) = effect {
                        inbox.post(.paymentCorrectionFailed(bookingId: entry.booking.bookingId, error))
                    } else if let subject = effect.lookupSubject {
                        // Not `.failed`, which would end the map's request in flight.
                        inbox.post(.lookupFailed(subject: subject, error))
                    } else if effect.isBackgroundRead {
                        // Said nothing of: see `Effect.isBackgroundRead`.
                    } else {
                        inbox.post(.failed(error))
                    }
                } catch {
                    inbox.post(.failed(.internalFailure("\(error)")))
                }
            }
            if finishing.load(ordering: .sequentiallyConsistent) { announceDue(all: true) }
            noteOwedAnnouncements()
            // When the next announcement is due; owed ones without a connection are retried
            // once a second.
            nextAnnouncement = database?.announcements.nextDue ?? owed?.nextDue.map { max($0, Date().addingTimeInterval(1)) }
        }
    }

    /// `perform`, except that opening or holding seats of a show that has since been deleted
    /// answers `.showDeleted`, so the picker can leave it.
    private func performNoticingDeletedShow(_ effect: Effect, holdRequest: HoldRequest?, on db: Database) throws -> Msg {
        do {
            return try perform(effect, holdRequest: holdRequest, on: db)
        } catch BookingError.notFound(let why) {
            switch effect {
            case .openShow(let show), .hold(let show, _), .findBookings(let show, _), .readBookingToCancel(let show, _),
                 .readBookingToCorrectPayment(let show, _):
                if try !ShowCatalog(database: db).exists(show) { return .showDeleted(showId: show) }
            default: break
            }
            throw BookingError.notFound(why)
        }
    }

    /// Database clock minus this terminal's clock, corrected for the round trip.
    private func measureClockOffset(_ db: Database) throws -> TimeInterval {
        let sent = clock()
        let databaseTime = try ChangeFeed(database: db).databaseTime()
        return HoldCountdown.offset(databaseTime: databaseTime, sent: sent, received: clock())
    }

    /// Measures the offset again (with each sweep) and tells the screen when it moved by more
    /// than a quarter second: this terminal's clock can be stepped (NTP) while a map is open,
    /// and the countdown must not then say a hold ran out that the database still keeps.
    private func recheckClockOffset(_ db: Database) throws {
        let offset = try measureClockOffset(db)
        let moved = offsetSent.withLock { sent -> Bool in
            guard let previous = sent, abs(previous - offset) <= 0.25 else { sent = offset; return true }
            return false
        }
        if moved { inbox.post(.clockOffset(offset)) }
    }

    private func perform(_ effect: Effect, holdRequest: HoldRequest?, on db: Database) throws -> Msg {
        let holds = HoldService(database: db, policy: policy)
        switch effect {
        case .loadShows, .refreshShows:
            // Who may create shows, for the list's keys; the list matters more, so a failed
            // read of the managers only leaves the picker's last idea of them.
            if let names = try? Managers(database: db).names() { inbox.post(.managersLoaded(names)) }
            return .showsLoaded(try ShowCatalog(database: db).shows())
        case .loadShowSummaries(let ids):
            return .showSummariesLoaded(requested: ids, try ShowCatalog(database: db).shows(ids: ids))
        case .openShow(let id):
            let offset = try measureClockOffset(db)
            offsetSent.withLock { $0 = offset }
            return .mapLoaded(try ShowCatalog(database: db).seatMap(show: id), clockOffset: offset)
        case .hold(let show, let labels):
            return .held(try holds.hold(seats: labels, for: show, request: holdRequest?.id, retrying: holdRequest?.answerWasLost ?? false))
        case .addSeats(let id, let labels):
            return .seatsAdded(try holds.add(seats: labels, to: id))
        case .confirm(let id, let email, let paidBy):
            return .confirmed(try holds.confirm(booking: id, email: email, paidBy: paidBy))
        case .release(let id):
            try holds.release(booking: id)
            return .released(bookingId: id)
        case .extend(let id):
            return .extended(bookingId: id, expiresAt: try holds.extend(booking: id))
        case .findBookings(let show, let query):
            let ledger = BookingLedger(database: db)
            let found = if let number = Effect.bookingNumber(searchedFor: query) { try ledger.bookings(show: show, bookingId: number) }
                        else { try ledger.bookings(show: show, emailContaining: query) }
            return .bookingsFound(showId: show, query: query, found)
        case .findComingBookings(let query):
            let ledger = BookingLedger(database: db)
            let found = if let number = Effect.bookingNumber(searchedFor: query) { try ledger.comingBookings(bookingId: number) }
                        else { try ledger.comingBookings(emailContaining: query) }
            return .comingBookingsFound(query: query, found)
        case .loadSales(let back):
            let day = SalesReport.day(daysBeforeToday: back)
            return .salesLoaded(day: day, daysBeforeToday: back, try SalesReport(database: db).day(day))
        case .readBookingToCancel(let show, let id):
            try holds.requireMayCancel(id)   // said before the clerk asks the customer, not after
            return .bookingToCancel(showId: show, bookingId: id, try BookingLedger(database: db).bookings(show: show, bookingId: id).first)
        case .cancelBooking(let entry):
            try holds.cancel(booking: entry.booking.bookingId)
            return .cancelled(entry)
        case .returnSeats(let entry, let labels):
            return .seatsReturned(from: entry, returned: try holds.returnSeats(labels, of: entry.booking.bookingId))
        case .readBookingToCorrectPayment(let show, let id):
            try holds.requireMayCorrectPayment(id)   // said before the clerk asks the customer, not after
            return .bookingToCorrectPayment(showId: show, bookingId: id, try BookingLedger(database: db).bookings(show: show, bookingId: id).first)
        case .correctPayment(let entry, let method):
            return .paymentCorrected(entry, to: method, was: try holds.recordPayment(method, of: entry.booking.bookingId))
        case .createShow(let name, let starts, let source):
            let plan: VenuePlan
            switch source {
            case .grid(let rows, let seats, let cents): plan = try VenuePlan.grid(rows: rows, seatsPerRow: seats, priceCents: cents)
            case .layoutFile(let path): plan = try LayoutFile.plan(atPath: path)
            }
            return .showCreated(showId: try ShowCatalog(database: db).createShow(name: name, startsAt: starts, plan: plan,
                                                                                 by: policy.operatorName))
        case .watch, .quit:
            throw BookingError.internalFailure("\(effect) is not database work")
        }
    }
}
