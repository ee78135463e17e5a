import Foundation
import SeatMapModel
import Synchronization

/// N virtual terminals, each on its own connection and thread, running holds against one big
/// show for a fixed time.
struct HoldBenchmark {
    enum Mix: String { case holds, booking, hot }

    let conninfo: String
    let clients: Int
    let seconds: Double
    let seatsPerHold: Int
    let mix: Mix
    let showId: Int64
    let rows: Int
    let seatsPerRow: Int
    let announcementInterval: TimeInterval

    struct Totals {
        var holds = 0, conflicts = 0, confirms = 0, releases = 0, errors = 0
        var holdLatencies: [Double] = []
        var conflictLatencies: [Double] = []
        var confirmLatencies: [Double] = []
        var firstErrors: [String] = []

        mutating func merge(_ other: Totals) {
            holds += other.holds; conflicts += other.conflicts; confirms += other.confirms
            releases += other.releases; errors += other.errors
            holdLatencies += other.holdLatencies; confirmLatencies += other.confirmLatencies
            conflictLatencies += other.conflictLatencies
            if firstErrors.count < 5 { firstErrors += other.firstErrors.prefix(5 - firstErrors.count) }
        }
    }

    /// Runs the clients; `progress` is called about once a second with the holds so far.
    func run(progress: @escaping @Sendable (Double, Int) -> Void) throws -> (Totals, Double) {
        let totals = Mutex(Totals())
        let holdsSoFar = Atomic<Int>(0)
        let started = Date()
        let deadline = started.addingTimeInterval(seconds)
        let group = DispatchGroup()
        let conninfo = self.conninfo, showId = self.showId, mix = self.mix
        let rows = self.rows, seatsPerRow = self.seatsPerRow, seatsPerHold = self.seatsPerHold
        let announcementInterval = self.announcementInterval
        for _ in 0..<clients {
            group.enter()
            let thread = Thread {
                var local = Totals()
                var service: HoldService?
                defer {
                    service?.announceDeferredChanges(all: true)
                    totals.withLock { $0.merge(local) }
                    group.leave()
                }
                var policy = HoldPolicy()
                policy.operatorName = "bench"
                policy.announcementInterval = announcementInterval
                var rng = SystemRandomNumberGenerator()
                while Date() < deadline {
                    // (Re)connect: after a server restart the bench goes on, counting the errors.
                    if service == nil {
                        do {
                            service = HoldService(database: try Database(conninfo: conninfo, applicationName: "modex-bench"), policy: policy)
                        } catch {
                            local.errors += 1
                            if local.firstErrors.count < 5 { local.firstErrors.append("\(error)") }
                            usleep(100_000)
                            continue
                        }
                    }
                    guard let holds = service else { continue }
                    let labels = (0..<seatsPerHold).map { _ in
                        SeatLabel.rowName(Int.random(in: 0..<rows, using: &rng)) + String(Int.random(in: 1...seatsPerRow, using: &rng))
                    }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    do {
                        let hold = try holds.hold(seats: labels, for: showId)
                        local.holdLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                        local.holds += 1
                        holdsSoFar.add(1, ordering: .relaxed)
                        guard mix != .holds else { continue }
                        if mix == .hot || Bool.random(using: &rng) {
                            let t1 = DispatchTime.now().uptimeNanoseconds
                            try holds.confirm(booking: hold.bookingId, email: "bench@example.com")
                            local.confirmLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t1) / 1e6)
                            local.confirms += 1
                        } else {
                            try holds.release(booking: hold.bookingId)
                            local.releases += 1
                        }
                    } catch BookingError.seatsUnavailable {
                        local.conflictLatencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                        local.conflicts += 1
                    } catch {
                        local.errors += 1
                        if local.firstErrors.count < 5 { local.firstErrors.append("\(error)") }
                        if (error as? BookingError)?.isTransient == true { service = nil }
                    }
                }
            }
            thread.start()
        }
        while group.wait(timeout: .now() + 1) == .timedOut {
            progress(Date().timeIntervalSince(started), holdsSoFar.load(ordering: .relaxed))
        }
        return (totals.withLock { $0 }, Date().timeIntervalSince(started))
    }
}
