import ArgumentParser
import Foundation
import SeatMapModel
import Synchronization

/// `modex bench watchers`: N idle seat pickers (each its own connection, LISTEN plus the
/// ChangePolling safety check, as ChangeWatcher does) follow one show while a writer holds seats.
struct WatchersBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watchers", abstract: "Measure change delivery to idle seat pickers and what they cost the database.",
        discussion: "Needs max_connections above --sessions (the embedded cluster allows 250). Database CPU is read from /proc, so it needs the server on this machine.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Watching sessions.") var sessions: Int = 200
    @Option(help: "Seats in the watched show.") var venueSeats: Int = 20_000
    @Option(help: "Seconds of idle watching measured before the writer starts.") var idleSeconds: Double = 5
    @Option(help: "Seconds of writing.") var seconds: Double = 10
    @Option(help: "Holds a second by the writer.") var changesPerSecond: Double = 5
    @Flag(help: "Keep the watched show and the writer's holds afterwards.") var keepShow = false
    @OptionGroup var liveDatabase: LiveDatabaseOption

    func run() throws {
        try common.report {
            try OptionLimits.check("--sessions", sessions, in: 1...1_000)
            try OptionLimits.check("--venue-seats", venueSeats, in: 100...100_000)
            try OptionLimits.check("--changes-per-second", changesPerSecond, above: 0, atMost: 1_000)
            let conninfo = try common.resolvedConninfo()
            let db = try Database(conninfo: conninfo)
            try liveDatabase.check(db)
            let showId = try ShowCatalog(database: db).createShow(
                name: "Watchers bench \(Date())", startsAt: Date().addingTimeInterval(365 * 86_400), plan: try VenuePlan.grid(rows: venueSeats / 100, seatsPerRow: 100))
            let committed = Mutex<[String: Date]>([:])
            let latencies = Mutex<[Double]>([])
            let stop = Atomic<Bool>(false)
            let pids = Mutex<[Int32]>([])
            let ready = DispatchGroup()
            let done = DispatchGroup()
            Output.warn("Starting \(sessions) watchers...")
            for _ in 0..<sessions {
                ready.enter(); done.enter()
                Thread {
                    defer { done.leave() }
                    guard let watcher = try? Database(conninfo: conninfo, applicationName: "modex-watcher"),
                          (try? ChangeFeed(database: watcher).listen()) != nil,
                          (try? ChangeFeed(database: watcher).probe()) != nil,
                          var cursor = try? ChangeFeed(database: watcher).cursor() else { ready.leave(); return }
                    pids.withLock { $0.append(watcher.connection.backendPID) }
                    ready.leave()
                    let feed = ChangeFeed(database: watcher)
                    // The same step as the seat picker's ChangeWatcher.
                    var polling = ChangePolling()
                    while !stop.load(ordering: .relaxed) {
                        guard let notes = try? watcher.connection.waitForNotifications(timeoutMilliseconds: 200) else { return }
                        guard let changes = try? feed.follow(show: showId, from: cursor, notes: notes, polling: &polling)
                        else { continue }
                        cursor = changes.cursor
                        let now = Date()
                        let seen = committed.withLock { times in changes.seats.compactMap { times[$0.label] } }
                        latencies.withLock { $0 += seen.map { max(0, now.timeIntervalSince($0) * 1000) } }
                    }
                }.start()
            }
            ready.wait()
            let backendPIDs = pids.withLock { $0 }
            Output.warn("\(backendPIDs.count) watchers connected; measuring \(Int(idleSeconds)) s idle...")
            let idleStart = Self.cpuNanoseconds(backendPIDs)
            Thread.sleep(forTimeInterval: idleSeconds)
            let idleNanoseconds = Self.cpuNanoseconds(backendPIDs).flatMap { end in idleStart.map { end - $0 } }

            Output.warn("Writing \(changesPerSecond) holds/s for \(Int(seconds)) s...")
            var writerPolicy = HoldPolicy()
            writerPolicy.operatorName = LiveDatabaseOption.benchOperator
            let writer = HoldService(database: db, policy: writerPolicy)
            let interval = 1 / changesPerSecond
            var written = 0
            var writerHolds: [Int64] = []
            let end = Date().addingTimeInterval(seconds)
            var next = Date()
            while Date() < end {
                let label = "\(SeatLabel.rowName(written / 100))\(written % 100 + 1)"
                // Stamped before the request: a delivery is timed from the moment the writer asked.
                committed.withLock { $0[label] = Date() }
                if let hold = try? writer.hold(seats: [label], for: showId) {
                    written += 1
                    writerHolds.append(hold.bookingId)
                }
                next = next.addingTimeInterval(interval)
                if next > Date() { Thread.sleep(until: next) }
            }
            Thread.sleep(forTimeInterval: 1.5)   // let the last changes arrive
            stop.store(true, ordering: .relaxed)
            done.wait()
            // The watched show is cheap to make again: remove it with the writer's holds, so
            // runs neither pile up shows nor leave holds for `modex check` to find unswept.
            if !keepShow {
                Output.warn("Removing the watched show...")
                for booking in writerHolds { try? writer.release(booking: booking) }
                _ = try ShowCatalog(database: db).deleteShow(showId)
            }

            let samples = latencies.withLock { $0 }
            let stats = LatencyStats(samples)
            let expected = written * backendPIDs.count
            let idleCorePercent = idleSeconds > 0 ? idleNanoseconds.map { Double($0) / 1e9 / idleSeconds * 100 } : nil
            let result = WatchersJSON(sessions: backendPIDs.count, venueSeats: venueSeats, changes: written,
                                      deliveries: samples.count, expectedDeliveries: expected,
                                      deliveryP50Ms: stats.p50, deliveryP99Ms: stats.p99, deliveryMaxMs: stats.max,
                                      idleDatabaseCPUPercentOfOneCore: idleCorePercent)
            if common.json { Output.json(result) } else {
                Output.line(String(format: "%d watchers on a %d-seat show, %d changes", result.sessions, venueSeats, written))
                Output.line(String(format: "delivered %d of %d: p50 %.1f ms  p99 %.1f ms  max %.1f ms",
                                   samples.count, expected, stats.p50, stats.p99, stats.max))
                Output.line(idleCorePercent.map { String(format: "idle database CPU of the watchers: %.2f%% of one core", $0) }
                            ?? (idleSeconds > 0 ? "idle database CPU: not measurable (server not on this machine)"
                                                : "idle database CPU: not measured (--idle-seconds 0)"))
            }
        }
    }

    /// Total CPU time in nanoseconds of these server processes (from /proc/PID/schedstat, which
    /// is exact where the tick counters of /proc/PID/stat round small consumers to 0), or nil
    /// when /proc cannot see them.
    static func cpuNanoseconds(_ pids: [Int32]) -> Int? {
        var total = 0
        for pid in pids {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/schedstat", encoding: .utf8),
                  let first = stat.split(separator: " ").first, let ns = Int(first) else { return nil }
            total += ns
        }
        return total
    }

    struct WatchersJSON: Encodable {
        let sessions: Int, venueSeats: Int, changes: Int, deliveries: Int, expectedDeliveries: Int
        let deliveryP50Ms: Double, deliveryP99Ms: Double, deliveryMaxMs: Double
        let idleDatabaseCPUPercentOfOneCore: Double?
        enum CodingKeys: String, CodingKey {
            case sessions, venueSeats = "venue_seats", changes, deliveries, expectedDeliveries = "expected_deliveries"
            case deliveryP50Ms = "delivery_p50_ms", deliveryP99Ms = "delivery_p99_ms", deliveryMaxMs = "delivery_max_ms"
            case idleDatabaseCPUPercentOfOneCore = "idle_database_cpu_percent_of_one_core"
        }
    }
}
