import Dispatch
import Foundation
import SeatMapModel

/// One virtual terminal of `modex bench`: its connection, and where it is in the booking mix.
///
/// It sends each call without waiting for the answer (`PGConnection.sendPrepared`), and its
/// thread's `TerminalLoop` hands it the answer once its socket has one, so that one thread
/// keeps many terminals busy, as pgbench's threads do. The calls are `HoldService`'s own
/// (`holdCall`, `confirmCall`, `releaseCall`) and are announced as `HoldService` announces
/// them, so a hold is timed until its announcement is sent, as the picker would wait for it.
/// Owned by one thread.
final class BenchTerminal {
    struct Settings {
        let conninfo: String
        let showId: Int64
        /// The seats the terminal picks from.
        let labels: [String]
        let seatsPerHold: Int
        let mix: HoldBenchmark.Mix
        let policy: HoldPolicy
        /// Paced (open-loop) runs: the mean time between this terminal's holds.
        let meanGapNanoseconds: Double?
    }

    /// The call the terminal waits for the answer to.
    private enum Step {
        case idle
        case holding(BookingCall<Hold>, since: UInt64)
        case confirming(BookingCall<BookingDetails>, since: UInt64)
        case releasing(BookingCall<Int64>)
        /// Announcing `show` after a call, then the rest, then `then`.
        case announcing(show: Int64, rest: [Int64], then: Finish)
    }

    /// What is left once a call's announcements are sent.
    private enum Finish {
        case held(Hold, since: UInt64)
        case confirmed(bookingId: Int64, since: UInt64)
        case released
    }

    let settings: Settings
    private(set) var totals = HoldBenchmark.Totals()
    /// Past the deadline, its last booking done.
    private(set) var isFinished = false
    /// When an idle terminal wants to run again (its next paced hold, or a reconnection).
    private(set) var wakeAt: UInt64?
    private var database: Database?
    private var service: HoldService?
    private var step = Step.idle
    private var rng = FastRandom()
    /// What this terminal still holds (holds only) or booked (booking mix), to give back.
    private var leftovers: [Int64] = []
    /// The statement now waiting for its answer, when it was sent, and how often it was tried.
    private var sent: (sql: String, parameters: [PGValue?])?
    private var sentAt: UInt64 = 0
    private var attempts = 0
    /// Paced runs: when the next hold is due, and when the last one was.
    private var due: UInt64?
    private var lastDue: UInt64?
    private var reconnectAt: UInt64 = 0

    /// Counts holds as they are made, and bookings left to give back, across all terminals.
    private let progress: HoldBenchmark.Progress

    init(settings: Settings, progress: HoldBenchmark.Progress) {
        self.settings = settings
        self.progress = progress
    }

    static var now: UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The socket to wait on while a call waits for its answer.
    var waitingSocket: Int32? {
        if case .idle = step { return nil }
        return database?.connection.socket
    }

    /// Untimed, before the clock starts: connects, and makes one hold of one seat and releases
    /// it, so that no timed hold pays for connecting or for a new server process's first call.
    /// (32 terminals paced at 32 holds a second: hold p99 10 and 38 ms without this, 4.7 and
    /// 6.4 ms with it.) A failure is counted, and the timed part tries again.
    func warmUp() {
        do {
            let holds = try connect()
            let label = settings.labels[Int.random(in: 0..<settings.labels.count, using: &rng)]
            if let hold = try? holds.hold(seats: [label], for: settings.showId) { try holds.release(booking: hold.bookingId) }
        } catch {
            failed(error)
        }
    }

    /// Starts the next hold if this terminal is idle and its time has come; past `deadline` it
    /// finishes instead. Sets `wakeAt` when it has to wait.
    func advance(now: UInt64, deadline: UInt64) {
        wakeAt = nil
        guard case .idle = step, !isFinished else { return }
        guard now < deadline else { return finish() }
        if let gap = settings.meanGapNanoseconds {
            let next = due ?? HoldBenchmark.nextArrival(after: lastDue ?? now, meanGapNanoseconds: gap, using: &rng)
            due = next
            guard next < deadline else { return finish() }
            guard next <= now else { wakeAt = next; return }
        }
        if service == nil {
            guard now >= reconnectAt else { wakeAt = reconnectAt; return }
            do {
                _ = try connect()
            } catch {
                totals.count(error)
                reconnectAt = now + 100_000_000
                wakeAt = reconnectAt
                return
            }
        }
        startHold(at: due ?? Self.now)
    }

    /// Reads what has arrived on the socket, and goes on when the answer is complete.
    func readAnswer() {
        guard let connection = database?.connection else { return }
        let rows: PGRows
        do {
            guard try connection.answerArrived() else { return }
            rows = try connection.takeAnswer()
        } catch let error as BookingError where error.isRetryableConflict && attempts < (database?.maxAttempts ?? 0) {
            // Like `Database.call`: a serialization failure or deadlock runs the call again.
            attempts += 1
            if let sent { do { try send(sent.sql, sent.parameters, attempt: attempts) } catch { failed(error) } }
            return
        } catch {
            return failed(error)
        }
        do {
            try proceed(with: rows)
        } catch {
            failed(error)
        }
    }

    /// Gives the connection up when the call waiting on it has had no answer for longer than
    /// `PGConnection.answerTimeout` allows (a server that cannot answer at all).
    func giveUpIfOverdue(now: UInt64) {
        guard let database, let limit = database.connection.answerTimeout, waitingSocket != nil,
              now > sentAt, Double(now - sentAt) / 1e9 > limit else { return }
        failed(BookingError.databaseUnreachable("the database did not answer within \(Int(limit)) s, so this connection was given up"))
    }

    /// Untimed, after the run: releases (holds only) or cancels what the terminal still holds
    /// or booked, unless `keep`; counts what could not be given back (a booking already ended,
    /// or no connection). Then sends the announcements still owed and closes the connection.
    func giveBack(keep: Bool) {
        for booking in keep ? [] : leftovers {
            defer { progress.toTidy.subtract(1, ordering: .relaxed) }
            do {
                let holds = try service ?? connect()
                if settings.mix == .holds { try holds.release(booking: booking) } else { try holds.cancel(booking: booking) }
                totals.tidied += 1
            } catch {
                totals.untidied += 1
                if (error as? BookingError)?.isTransient == true { disconnect() }
            }
        }
        leftovers = []
        service?.announceDeferredChanges(all: true)
        disconnect()
    }

    private func connect() throws -> HoldService {
        let connection = try Database(conninfo: settings.conninfo, applicationName: "modex-bench")
        let holds = HoldService(database: connection, policy: settings.policy)
        database = connection
        service = holds
        return holds
    }

    private func disconnect() {
        database?.connection.close()
        database = nil
        service = nil
    }

    private func finish() {
        isFinished = true
        totals.timedEnd = Date()
    }

    private func send(_ sql: String, _ parameters: [PGValue?], attempt: Int = 1) throws {
        guard let database else { throw BookingError.databaseUnreachable("no connection") }
        sent = (sql, parameters)
        sentAt = Self.now
        attempts = attempt
        try database.connection.sendPrepared(sql, parameters)
    }

    private func startHold(at since: UInt64) {
        lastDue = due
        due = nil
        // K different seats: a label drawn twice would make a smaller hold.
        var picked = Set<String>()
        while picked.count < min(settings.seatsPerHold, settings.labels.count) {
            picked.insert(settings.labels[Int.random(in: 0..<settings.labels.count, using: &rng)])
        }
        do {
            guard let service else { throw BookingError.databaseUnreachable("no connection") }
            // With a request id, stored with the booking, as the picker sends it.
            let call = try service.holdCall(seats: Array(picked), for: settings.showId, request: rng.uuid().uuidString)
            step = .holding(call, since: since)
            try send(call.sql, call.parameters)
        } catch {
            failed(error)
        }
    }

    private func proceed(with rows: PGRows) throws {
        switch step {
        case .idle:
            return
        case .holding(let call, let since):
            let hold = try call.answer(from: rows)
            totals.holds += 1
            progress.holds.add(1, ordering: .relaxed)
            announce(hold.showId, then: .held(hold, since: since))
        case .confirming(let call, let since):
            let booking = try call.answer(from: rows)
            totals.confirms += 1
            announce(booking.showId, then: .confirmed(bookingId: booking.bookingId, since: since))
        case .releasing(let call):
            let show = try call.answer(from: rows)
            totals.releases += 1
            announce(show, then: .released)
        case .announcing(_, let rest, let then):
            sendAnnouncements(rest, then: then)
        }
    }

    /// Sends the announcements `HoldService` would send after a change of `show`, then `then`.
    private func announce(_ show: Int64, then: Finish) {
        guard let service else { return done(then) }
        sendAnnouncements(service.announcementsDue(afterChanging: show), then: then)
    }

    private func sendAnnouncements(_ shows: [Int64], then: Finish) {
        guard let show = shows.first else { return done(then) }
        let call = ChangeFeed.announcementCall(show: show)
        step = .announcing(show: show, rest: Array(shows.dropFirst()), then: then)
        do {
            try send(call.sql, call.parameters)
        } catch {
            // As `HoldService` does: the change committed; the announcement stays owed.
            service?.announcementsUnsent(shows)
            done(then)
        }
    }

    /// After a call and its announcements: records its time, and starts the booking's next call.
    private func done(_ finish: Finish) {
        step = .idle
        let now = Self.now
        do {
            switch finish {
            case .held(let hold, let since):
                totals.holdLatencies.append(Double(now - since) / 1e6)
                guard settings.mix != .holds else {
                    leftovers.append(hold.bookingId)
                    progress.toTidy.add(1, ordering: .relaxed)
                    return
                }
                guard let service else { throw BookingError.databaseUnreachable("no connection") }
                if settings.mix == .hot || Bool.random(using: &rng) {
                    let call = try service.confirmCall(booking: hold.bookingId, email: "bench@example.com", paidBy: .card)
                    step = .confirming(call, since: now)
                    try send(call.sql, call.parameters)
                } else {
                    let call = service.releaseCall(booking: hold.bookingId)
                    step = .releasing(call)
                    try send(call.sql, call.parameters)
                }
            case .confirmed(let bookingId, let since):
                totals.confirmLatencies.append(Double(now - since) / 1e6)
                if settings.mix == .booking {
                    leftovers.append(bookingId)
                    progress.toTidy.add(1, ordering: .relaxed)
                }
            case .released:
                return
            }
        } catch {
            failed(error)
        }
    }

    /// A call failed: a hold refused for taken seats is a conflict; an announcement that could
    /// not be sent stays owed, and the booking goes on; anything else is an error, and connection trouble drops the
    /// connection, to connect again for the next hold.
    private func failed(_ error: any Error) {
        let current = step
        step = .idle
        sent = nil
        switch (current, error) {
        case (.holding(_, let since), BookingError.seatsUnavailable):
            totals.conflictLatencies.append(Double(Self.now - since) / 1e6)
            totals.conflicts += 1
        case (.announcing(let show, let rest, let then), _):
            // As `HoldService` does: the change committed, and its announcement stays owed.
            service?.announcementsUnsent([show] + rest)
            if (error as? BookingError)?.isTransient == true { disconnect() }
            done(then)
        default:
            totals.count(error)
            if (error as? BookingError)?.isTransient == true { disconnect() }
        }
    }
}
