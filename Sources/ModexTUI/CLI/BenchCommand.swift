import ArgumentParser
import Foundation
import SeatMapModel

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the booking engine under load.",
        discussion: """
            N virtual terminals, each on its own connection, run for S seconds against a bench show \
            (driven by one event loop per core, as pgbench drives its clients; see --threads):
              (default)     hold K random seats, then confirm or release, about half each;
              --holds-only  only hold K random seats (as the pgbench reference does);
              --hot K       all fight over the same K seats; exactly K win, and confirm.

            Each terminal starts its next hold as soon as the last one ends (a closed loop, which \
            measures a saturated machine), unless --rate R offers R holds a second in all, at random \
            moments (an open loop: each hold is timed from when it was due, so waiting counts).

            The bench show (default 1,000,000 seats) stays for --show to reuse; `modex show delete ID` \
            removes it. Use a database you can spare: one with confirmed bookings made at the box \
            office is refused unless --on-live-database is given.

            After the timed part each terminal releases or cancels what it still holds or booked, so \
            a reused show does not fill up from run to run. The winners of a hot-seat fight stay \
            booked as the evidence (--keep-bookings keeps everything).

            `modex bench watchers` measures change delivery to idle pickers.
            """,
        subcommands: [Run.self, WatchersBenchCommand.self],
        defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "The hold benchmark (the default).")
        @OptionGroup var common: CommonOptions
        @Option(help: "Concurrent clients (connections).") var clients: Int = 8
        @Option(help: ArgumentHelp("Threads driving the clients, each an event loop over its share, like pgbench's -j (default: one per core; as many as --clients gives each its own thread).",
                                   valueName: "T"))
        var threads: Int?
        @Option(help: "How long to run.") var seconds: Double = 10
        @Option(help: "Seats per hold.") var seatsPerHold: Int = 2
        @Flag(help: "Only hold; never confirm or release.") var holdsOnly = false
        @Option(help: ArgumentHelp("Fight over these many seats.", valueName: "K")) var hot: Int?
        @Option(help: "Seats in the bench show.") var venueSeats: Int = 1_000_000
        @Option(help: "Reuse an existing bench show instead of creating one.") var show: Int64?
        @Flag(help: "Keep the run's holds and bookings instead of giving them back afterwards.") var keepBookings = false
        @OptionGroup var liveDatabase: LiveDatabaseOption
        @Option(help: ArgumentHelp("Each terminal announces a show at most once per this many ms (0: every change).", valueName: "ms"))
        var announceIntervalMs: Double = HoldPolicy().announcementInterval * 1_000
        @Option(help: ArgumentHelp("Open loop: start R holds a second across all clients, at random moments.", valueName: "R"))
        var rate: Double?
        @Flag(help: "Instead: time rendering the 20,000-seat arena at 200x60 (no database).") var render = false

        func run() throws {
            if render { return RenderBenchmark.run(json: common.json) }
            try common.report {
                try OptionLimits.check("--clients", clients, in: 1...500)
                try OptionLimits.check("--seconds", seconds, above: 0, atMost: 3_600)
                if let threads { try OptionLimits.check("--threads", threads, in: 1...500) }
                let threadCount = min(threads ?? ProcessInfo.processInfo.activeProcessorCount, clients)
                try OptionLimits.check("--seats-per-hold", seatsPerHold, in: 1...10)
                try OptionLimits.check("--announce-interval-ms", announceIntervalMs, in: 0...10_000)
                if let rate { try OptionLimits.check("--rate", rate, above: 0, atMost: 1_000_000) }
                if show == nil, hot == nil { try OptionLimits.check("--venue-seats", venueSeats, in: 800...5_000_000) }
                if let hot {
                    try OptionLimits.check("--hot", hot, in: 1...10_000)
                    if holdsOnly { throw BookingError.invalidInput("--hot and --holds-only are different runs: give one of them") }
                }
                let mix: HoldBenchmark.Mix = hot != nil ? .hot : holdsOnly ? .holds : .booking
                let conninfo = try common.resolvedConninfo()
                let db = try Database(conninfo: conninfo)
                try liveDatabase.check(db)
                let seatsPerRow = hot.map { min($0, 800) } ?? 800
                let rows = hot.map { ($0 + seatsPerRow - 1) / seatsPerRow } ?? max(1, venueSeats / seatsPerRow)
                let showId: Int64
                var labels: [String]
                if let show {
                    // Any show, grid or not: the terminals pick among its own seats.
                    showId = show
                    labels = try ShowCatalog(database: db).seatLabels(show: show)
                } else {
                    Output.warn("Creating a bench show of \(rows * seatsPerRow) seats...")
                    let t0 = Date()
                    let plan = try VenuePlan.grid(rows: rows, seatsPerRow: seatsPerRow, maxSeats: 5_000_000)
                    // A year ahead: at the end of the list's coming shows, never at the top of a box office's day.
                    showId = try ShowCatalog(database: db).createShow(name: "Bench \(Date())", startsAt: Date().addingTimeInterval(365 * 86_400), plan: plan)
                    labels = plan.seats.map(\.label.description)
                    Output.warn(String(format: "Created show %lld in %.1f s.", showId, Date().timeIntervalSince(t0)))
                }
                if let hot {
                    guard labels.count >= hot else { throw BookingError.invalidInput("Show \(showId) has only \(labels.count) seats, fewer than --hot \(hot)") }
                    labels = Array(labels.prefix(hot))
                }
                let before = try ShowCatalog(database: db).show(showId)
                if before.salesClosed(at: Date()) {
                    throw BookingError.wrongState("Show \(showId) \(ShowCatalog.pastSalesText) and sells no more seats; bench a coming show, or leave out --show")
                }
                let takenBefore = before.totalSeats == 0 ? 0 : 100 * Double(before.reserved + before.booked) / Double(before.totalSeats)
                let bench = HoldBenchmark(conninfo: conninfo, clients: clients, threads: threadCount, seconds: seconds,
                                          seatsPerHold: mix == .hot ? 1 : seatsPerHold,
                                          mix: mix, showId: showId, labels: labels,
                                          announcementInterval: announceIntervalMs / 1_000, keepBookings: keepBookings,
                                          offeredHoldsPerSecond: rate)
                let (totals, elapsed) = try bench.run(progress: { t, holds in
                    Output.warn(String(format: "  %4.0f s  %d holds", t, holds))
                }, tidying: { left in
                    Output.warn("  giving back the run's holds and bookings: \(left) left")
                })
                // A fresh connection: the first may have died in a server restart during the run.
                let after = try Database(conninfo: conninfo)
                let integrity = try IntegrityChecker(database: after).check(sweepLagSeconds: 3_600)
                let holdStats = LatencyStats(totals.holdLatencies), confirmStats = LatencyStats(totals.confirmLatencies)
                let conflictStats = LatencyStats(totals.conflictLatencies)
                let cursor = try ChangeFeed(database: after).cursor()
                let timings = QueryTimings(database: after)
                let changeCheckMs = try (0..<51).map { _ in try timings.changeCheckMilliseconds(show: showId, since: cursor) }.sorted()[25]
                let result = BenchJSON(
                    clients: clients, threads: threadCount, seconds: elapsed, mix: mix.rawValue, seatsPerHold: bench.seatsPerHold, offeredHoldsPerSecond: rate,
                    announceIntervalMs: announceIntervalMs, showId: showId, seatsTakenBeforePercent: takenBefore,
                    givenBack: totals.tidied, notGivenBack: totals.untidied,
                    transactionsPerSecond: Double(totals.holds + totals.conflicts + totals.confirms + totals.releases) / elapsed,
                    holdsPerSecond: Double(totals.holds) / elapsed, holds: totals.holds, conflicts: totals.conflicts,
                    confirms: totals.confirms, releases: totals.releases, errors: totals.errors,
                    holdP50Ms: holdStats.p50, holdP95Ms: holdStats.p95, holdP99Ms: holdStats.p99, holdMaxMs: holdStats.max,
                    conflictP50Ms: conflictStats.p50, conflictP99Ms: conflictStats.p99,
                    confirmP99Ms: confirmStats.p99, changeCheckServerMs: changeCheckMs, integrityOk: integrity.isClean,
                    hotSeats: hot, winners: hot.map { _ in totals.holds }, sampleErrors: totals.firstErrors)
                if common.json { Output.json(result) } else { Output.line(result.table) }
                if !integrity.isClean { throw ExitCode.failure }
                if let hot, totals.holds > hot { throw ExitCode.failure }
            }
        }
    }

    struct BenchJSON: Encodable {
        let clients: Int, threads: Int, seconds: Double, mix: String, seatsPerHold: Int, offeredHoldsPerSecond: Double?, announceIntervalMs: Double
        let showId: Int64, seatsTakenBeforePercent: Double, givenBack: Int, notGivenBack: Int
        let transactionsPerSecond: Double, holdsPerSecond: Double
        let holds: Int, conflicts: Int, confirms: Int, releases: Int, errors: Int
        let holdP50Ms: Double, holdP95Ms: Double, holdP99Ms: Double, holdMaxMs: Double
        let conflictP50Ms: Double, conflictP99Ms: Double, confirmP99Ms: Double
        let changeCheckServerMs: Double, integrityOk: Bool, hotSeats: Int?, winners: Int?, sampleErrors: [String]
        enum CodingKeys: String, CodingKey {
            case clients, threads, seconds, mix, seatsPerHold = "seats_per_hold", offeredHoldsPerSecond = "offered_holds_per_second"
            case announceIntervalMs = "announce_interval_ms"
            case showId = "show_id", seatsTakenBeforePercent = "seats_taken_before_percent"
            case givenBack = "given_back", notGivenBack = "not_given_back"
            case transactionsPerSecond = "transactions_per_second", holdsPerSecond = "holds_per_second"
            case holds, conflicts, confirms, releases, errors
            case holdP50Ms = "hold_p50_ms", holdP95Ms = "hold_p95_ms", holdP99Ms = "hold_p99_ms", holdMaxMs = "hold_max_ms"
            case conflictP50Ms = "conflict_p50_ms", conflictP99Ms = "conflict_p99_ms"
            case confirmP99Ms = "confirm_p99_ms", changeCheckServerMs = "change_check_server_ms"
            case integrityOk = "integrity_ok", hotSeats = "hot_seats", winners, sampleErrors = "sample_errors"
        }

        /// A rate with the decimals that matter: "4775", "12.5", "0.33" (a hot-seat run makes a
        /// handful of holds, which whole numbers showed as 0).
        static func rateText(_ perSecond: Double) -> String {
            String(format: perSecond >= 100 ? "%.0f" : perSecond >= 10 ? "%.1f" : "%.2f", perSecond)
        }

        var table: String {
            var lines = [
                String(format: "clients %d on %d thread(s), %.1f s, mix %@, %d seat(s) per hold, announcements at most every %.0f ms per terminal",
                       clients, threads, seconds, mix, seatsPerHold, announceIntervalMs),
                offeredHoldsPerSecond.map { String(format: "open loop: %g holds/s offered at random moments, each timed from when it was due", $0) }
                    ?? "closed loop: each terminal starts its next hold as soon as the last one ends",
                String(format: "bench show %lld, %.1f %% of its seats taken before the run", showId, seatsTakenBeforePercent),
                "transactions/s \(Self.rateText(transactionsPerSecond))   holds/s \(Self.rateText(holdsPerSecond))   "
                    + "confirms \(confirms)   releases \(releases)   conflicts \(conflicts)   errors \(errors)",
                String(format: "hold ms:     p50 %.2f  p95 %.2f  p99 %.2f  max %.2f", holdP50Ms, holdP95Ms, holdP99Ms, holdMaxMs),
                String(format: "conflict ms: p50 %.2f  p99 %.2f   confirm p99 %.2f ms", conflictP50Ms, conflictP99Ms, confirmP99Ms),
                String(format: "change check (server time) %.3f ms", changeCheckServerMs),
            ]
            if let hotSeats, let winners {
                lines.append("hot seats \(hotSeats): \(winners) winner(s) \(winners <= hotSeats ? "(at most one per seat: OK)" : "(MORE THAN ONE PER SEAT)")")
            }
            lines.append("integrity \(integrityOk ? "OK" : "FAILED")")
            if givenBack + notGivenBack > 0 {
                lines.append("afterwards: \(givenBack) holds and bookings given back" + (notGivenBack > 0 ? ", \(notGivenBack) could not be" : ""))
            }
            lines += sampleErrors.map { "  error: \($0)" }
            return lines.joined(separator: "\n")
        }
    }
}
