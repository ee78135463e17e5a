import Foundation
import SeatMapModel
import Synchronization

/// N virtual terminals, each on its own connection and thread, running holds against one big
/// show for a fixed time, timed once every terminal has connected and warmed up. Afterwards,
/// untimed, each terminal gives back what it still holds or booked (except the winners of a
/// hot-seat fight), so a reused bench show does not fill up from run to run and change what the
/// next run measures.
struct HoldBenchmark {
    enum Mix: String { case holds, booking, hot }

    let conninfo: String
    let clients: Int
    let seconds: Double
    let seatsPerHold: Int
    let mix: Mix
    let showId: Int64
    /// The seats the terminals pick from: the whole show, or the contested ones with `--hot`.
    let labels: [String]
    let announcementInterval: TimeInterval
    /// Keep the run's bookings instead of cancelling them afterwards.
    let keepBookings: Bool
    /// Open loop: the holds started per second across all terminals, at random (Poisson)
    /// moments, each timed from when it was due, so a terminal running late counts its wait.
    /// Nil: closed loop, each terminal starting its next hold as soon as the last one ends.
    var offeredHoldsPerSecond: Double? = nil

    struct Totals {
        var holds = 0, conflicts = 0, confirms = 0, releases = 0, errors = 0
        /// Bookings given back after the timed part, and those that could not be.
        var tidied = 0, untidied = 0
        /// When the last terminal finished its timed part.
        var timedEnd = Date.distantPast
        var holdLatencies: [Double] = []
        var conflictLatencies: [Double] = []
        var confirmLatencies: [Double] = []
        var firstErrors: [String] = []

        /// An error: counted, and among the first five kept to show.
        mutating func count(_ error: any Error) {
            errors += 1
            if firstErrors.count < 5 { firstErrors.append("\(error)") }
        }

        mutating func merge(_ other: Totals) {
            holds += other.holds; conflicts += other.conflicts; confirms += other.confirms
            releases += other.releases; errors += other.errors
            tidied += other.tidied; untidied += other.untidied; timedEnd = max(timedEnd, other.timedEnd)
            holdLatencies += other.holdLatencies; confirmLatencies += other.confirmLatencies
            conflictLatencies += other.conflictLatencies
            if firstErrors.count < 5 { firstErrors += other.firstErrors.prefix(5 - firstErrors.count) }
        }
    }

    /// Runs the clients; `progress` is called about once a second with the holds so far, and
    /// after the timed part with the bookings still to give back. Returns the totals and the
    /// length of the timed part.
    func run(progress: @escaping @Sendable (Double, Int) -> Void, tidying: @escaping @Sendable (Int) -> Void) throws -> (Totals, Double) {
        let totals = Mutex(Totals())
        let holdsSoFar = Atomic<Int>(0)
        let toTidy = Atomic<Int>(0)
        let keepBookings = self.keepBookings
        // Every terminal connects and warms up first; the clock starts when all have.
        let ready = DispatchGroup(), go = DispatchSemaphore(value: 0)
        let timedDeadline = Mutex(Date.distantPast)
        let group = DispatchGroup()
        let conninfo = self.conninfo, showId = self.showId, mix = self.mix
        let seatLabels = self.labels, seatsPerHold = self.seatsPerHold
        let announcementInterval = self.announcementInterval
        let meanGapNanoseconds = offeredHoldsPerSecond.map { Double(clients) / $0 * 1e9 }
        for _ in 0..<clients {
            group.enter()
            ready.enter()
            let thread = Thread {
                var local = Totals()
                var service: HoldService?
                var policy = HoldPolicy()
                policy.operatorName = LiveDatabaseOption.benchOperator
                policy.announcementInterval = announcementInterval
                func connect() throws -> HoldService {
                    HoldService(database: try Database(conninfo: conninfo, applicationName: "modex-bench"), policy: policy)
                }
                // What this terminal still holds (holds only) or booked (booking mix), to give back.
                var leftovers: [Int64] = []
                defer {
                    local.timedEnd = Date()
                    if !keepBookings { Self.giveBack(leftovers, held: mix == .holds, service: &service, connect: connect,
                                                     totals: &local, remaining: toTidy) }
                    service?.announceDeferredChanges(all: true)
                    totals.withLock { $0.merge(local) }
                    group.leave()
                }
                var rng = SystemRandomNumberGenerator()
                Self.warmUp(&service, connect: connect, labels: seatLabels, show: showId, totals: &local, using: &rng)
                ready.leave()
                go.wait()
                let deadline = timedDeadline.withLock { $0 }
                // When the next hold is due, in an open-loop run.
                var due: UInt64?
                while Date() < deadline {
                    // (Re)connect: after a server restart the bench goes on, counting the errors.
                    if service == nil {
                        do {
                            service = try connect()
                        } catch {
                            local.count(error)
                            usleep(100_000)
                            continue
                        }
                    }
                    guard let holds = service else { continue }
                    // K different seats: a label drawn twice would make a smaller hold.
                    var picked = Set<String>()
                    while picked.count < min(seatsPerHold, seatLabels.count) {
                        picked.insert(seatLabels[Int.random(in: 0..<seatLabels.count, using: &rng)])
                    }
                    let labels = Array(picked)
                    var t0 = DispatchTime.now().uptimeNanoseconds
                    if let meanGapNanoseconds {
                        let next = Self.nextArrival(after: due ?? t0, meanGapNanoseconds: meanGapNanoseconds, using: &rng)
                        due = next
                        if next > t0 {
                            guard Date().addingTimeInterval(Double(next - t0) / 1e9) < deadline else { break }
                            var now = t0
                            while now < next {
                                usleep(UInt32(min((next - now) / 1_000, 1_000_000)))
                                now = DispatchTime.now().uptimeNanoseconds
                            }
                        }
                        t0 = next
                    }
                    do {
                        // With a request id, stored with the booking, as the picker sends it.
                        let hold = try holds.hold(seats: labels, for: showId, request: UUID().uuidString)
                        local.holdLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                        local.holds += 1
                        holdsSoFar.add(1, ordering: .relaxed)
                        guard mix != .holds else {
                            leftovers.append(hold.bookingId)
                            toTidy.add(1, ordering: .relaxed)
                            continue
                        }
                        if mix == .hot || Bool.random(using: &rng) {
                            let t1 = DispatchTime.now().uptimeNanoseconds
                            try holds.confirm(booking: hold.bookingId, email: "bench@example.com", paidBy: .card)
                            local.confirmLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6)
                            local.confirms += 1
                            if mix == .booking {
                                leftovers.append(hold.bookingId)
                                toTidy.add(1, ordering: .relaxed)
                            }
                        } else {
                            try holds.release(booking: hold.bookingId)
                            local.releases += 1
                        }
                    } catch BookingError.seatsUnavailable {
                        local.conflictLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                        local.conflicts += 1
                    } catch {
                        local.count(error)
                        if (error as? BookingError)?.isTransient == true { service = nil }
                    }
                }
            }
            thread.start()
        }
        ready.wait()
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        timedDeadline.withLock { $0 = deadline }
        for _ in 0..<clients { go.signal() }
        while group.wait(timeout: .now() + 1) == .timedOut {
            if Date() < deadline {
                progress(Date().timeIntervalSince(started), holdsSoFar.load(ordering: .relaxed))
            } else if !keepBookings, case let left = toTidy.load(ordering: .relaxed), left > 0 {
                tidying(left)
            }
        }
        let result = totals.withLock { $0 }
        return (result, result.timedEnd.timeIntervalSince(started))
    }

    /// Untimed, before the clock starts: connects, and makes one hold of one seat and releases
    /// it, so that no timed hold pays for connecting or for a new server process's first call.
    /// (32 terminals paced at 32 holds a second: hold p99 10 and 38 ms without this, 4.7 and
    /// 6.4 ms with it.) A failure is counted, and the timed part tries again.
    private static func warmUp(_ service: inout HoldService?, connect: () throws -> HoldService, labels: [String], show showId: Int64,
                               totals: inout Totals, using rng: inout some RandomNumberGenerator) {
        do {
            let holds = try connect()
            service = holds
            let label = labels[Int.random(in: 0..<labels.count, using: &rng)]
            if let hold = try? holds.hold(seats: [label], for: showId) { try holds.release(booking: hold.bookingId) }
        } catch {
            totals.count(error)
            if (error as? BookingError)?.isTransient == true { service = nil }
        }
    }

    /// The moment the next hold is due after `previous`, in an open loop: exponential gaps of
    /// mean `meanGapNanoseconds` make each terminal's holds a Poisson process.
    static func nextArrival(after previous: UInt64, meanGapNanoseconds: Double, using rng: inout some RandomNumberGenerator) -> UInt64 {
        previous + UInt64(-log(1 - Double.random(in: 0..<1, using: &rng)) * meanGapNanoseconds)
    }

    /// Releases (`held`) or cancels each of `bookings`, untimed; counts what could not be given
    /// back (a booking already ended, or no connection).
    private static func giveBack(_ bookings: [Int64], held: Bool, service: inout HoldService?, connect: () throws -> HoldService,
                                 totals: inout Totals, remaining: borrowing Atomic<Int>) {
        for booking in bookings {
            defer { remaining.subtract(1, ordering: .relaxed) }
            if service == nil { service = try? connect() }
            do {
                guard let holds = service else { throw BookingError.databaseUnreachable("no connection") }
                if held { try holds.release(booking: booking) } else { try holds.cancel(booking: booking) }
                totals.tidied += 1
            } catch {
                totals.untidied += 1
                if (error as? BookingError)?.isTransient == true { service = nil }
            }
        }
    }
}
