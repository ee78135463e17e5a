import Foundation
import SeatMapModel
import Synchronization

/// N virtual terminals, each on its own connection, running holds against one big show for a
/// fixed time, timed once every terminal has connected and warmed up. `threads` threads drive
/// them, each an event loop over its share (`TerminalLoop`, `BenchTerminal`). Afterwards,
/// untimed, each terminal gives back what it still holds or booked (except the winners of a
/// hot-seat fight), so a reused bench show does not fill up from run to run and change what the
/// next run measures.
struct HoldBenchmark {
    enum Mix: String { case holds, booking, hot }

    let conninfo: String
    let clients: Int
    /// How many threads drive the terminals: one per core, like pgbench's `-j`; as many as
    /// `clients` gives each terminal a thread of its own.
    let threads: Int
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

    /// Counts shared by the terminals while they run.
    final class Progress: Sendable {
        /// Holds made so far.
        let holds = Atomic<Int>(0)
        /// Bookings the terminals still have to give back.
        let toTidy = Atomic<Int>(0)
    }

    /// Runs the clients, `threads` event loops (`TerminalLoop`) sharing them out; `progress` is
    /// called about once a second with the holds so far, and after the timed part with the
    /// bookings still to give back. Returns the totals and the length of the timed part.
    func run(progress: @escaping @Sendable (Double, Int) -> Void, tidying: @escaping @Sendable (Int) -> Void) throws -> (Totals, Double) {
        let totals = Mutex(Totals())
        let counters = Progress()
        // Every terminal connects and warms up first; the clock starts when all have.
        let ready = DispatchGroup(), go = DispatchSemaphore(value: 0)
        let timedDeadline = Atomic<UInt64>(0)
        let group = DispatchGroup()
        var policy = HoldPolicy()
        policy.operatorName = LiveDatabaseOption.benchOperator
        policy.announcementInterval = announcementInterval
        let keepBookings = self.keepBookings, clients = self.clients, threadCount = max(1, min(threads, clients))
        let settings = BenchTerminal.Settings(conninfo: conninfo, showId: showId, labels: labels, seatsPerHold: seatsPerHold, mix: mix,
                                              policy: policy, meanGapNanoseconds: offeredHoldsPerSecond.map { Double(clients) / $0 * 1e9 })
        for index in 0..<threadCount {
            group.enter()
            ready.enter()
            Thread {
                let count = clients / threadCount + (index < clients % threadCount ? 1 : 0)
                let terminals = (0..<count).map { _ in BenchTerminal(settings: settings, progress: counters) }
                terminals.forEach { $0.warmUp() }
                ready.leave()
                go.wait()
                TerminalLoop.run(terminals, until: timedDeadline.load(ordering: .acquiring))
                terminals.forEach { $0.giveBack(keep: keepBookings) }
                totals.withLock { merged in terminals.forEach { merged.merge($0.totals) } }
                group.leave()
            }.start()
        }
        ready.wait()
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        timedDeadline.store(BenchTerminal.now + UInt64(seconds * 1e9), ordering: .releasing)
        for _ in 0..<threadCount { go.signal() }
        while group.wait(timeout: .now() + 1) == .timedOut {
            if Date() < deadline {
                progress(Date().timeIntervalSince(started), counters.holds.load(ordering: .relaxed))
            } else if !keepBookings, case let left = counters.toTidy.load(ordering: .relaxed), left > 0 {
                tidying(left)
            }
        }
        let result = totals.withLock { $0 }
        return (result, result.timedEnd.timeIntervalSince(started))
    }

    /// The moment the next hold is due after `previous`, in an open loop: exponential gaps of
    /// mean `meanGapNanoseconds` make each terminal's holds a Poisson process.
    static func nextArrival(after previous: UInt64, meanGapNanoseconds: Double, using rng: inout some RandomNumberGenerator) -> UInt64 {
        previous + UInt64(-log(1 - Double.random(in: 0..<1, using: &rng)) * meanGapNanoseconds)
    }
}
