import ArgumentParser
import Foundation
import SeatMapModel

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure hold throughput and latency, and the cost of change checks.",
        discussion: """
            Creates a bench show (default 1,000,000 seats, as in the pgbench reference) and runs N \
            virtual terminals, each on its own connection: --mix holds only holds K random seats; \
            --mix booking holds, then confirms or releases about half each. Use a database you can \
            spare: the bench show stays behind.
            """)
    @OptionGroup var common: CommonOptions
    @Option(help: "Concurrent clients (connections).") var clients: Int = 8
    @Option(help: "How long to run.") var seconds: Double = 10
    @Option(help: "Seats per hold.") var seatsPerHold: Int = 2
    @Option(help: "holds | booking") var mix: String = "holds"
    @Option(help: "Seats in the bench show.") var venueSeats: Int = 1_000_000
    @Option(help: "Reuse an existing bench show instead of creating one.") var show: Int64?
    @Flag(help: "Instead: time rendering the 20,000-seat arena at 200x60 (no database).") var render = false

    func run() throws {
        if render { return RenderBenchmark.run(json: common.json) }
        try common.report {
            guard let mix = HoldBenchmark.Mix(rawValue: mix) else { throw BookingError.invalidInput("--mix is holds or booking") }
            guard (1...500).contains(clients), seconds > 0, seconds <= 3_600, (1...10).contains(seatsPerHold) else {
                throw BookingError.invalidInput("--clients 1-500, --seconds up to 3600, --seats-per-hold 1-10")
            }
            let conninfo: String
            switch DatabaseLocation.resolve(option: common.database) {
            case .conninfo(let c): conninfo = c
            case .embedded: _ = try common.openDatabase(); conninfo = EmbeddedCluster.forCurrentUser().conninfo()
            }
            let db = try Database(conninfo: conninfo)
            let seatsPerRow = 800
            let rows = max(1, venueSeats / seatsPerRow)
            let showId: Int64
            if let show { showId = show } else {
                Output.warn("Creating a bench show of \(rows * seatsPerRow) seats...")
                let t0 = Date()
                showId = try ShowCatalog(database: db).createShow(
                    name: "Bench \(Date())", startsAt: Date(),
                    plan: try VenuePlan.grid(rows: rows, seatsPerRow: seatsPerRow, maxSeats: 5_000_000))
                Output.warn(String(format: "Created show %lld in %.1f s.", showId, Date().timeIntervalSince(t0)))
            }
            let bench = HoldBenchmark(conninfo: conninfo, clients: clients, seconds: seconds, seatsPerHold: seatsPerHold,
                                      mix: mix, showId: showId, rows: rows, seatsPerRow: seatsPerRow)
            let (totals, elapsed) = try bench.run { t, holds in
                Output.warn(String(format: "  %4.0f s  %d holds", t, holds))
            }
            let integrity = try IntegrityChecker(database: db).check(sweepLagSeconds: 3_600)
            let holdStats = LatencyStats(totals.holdLatencies), confirmStats = LatencyStats(totals.confirmLatencies)
            let timings = QueryTimings(database: db)
            let cursor = try ChangeFeed(database: db).cursor()
            let changeCheckMs = try (0..<51).map { _ in try timings.changeCheckMilliseconds(show: showId, since: cursor) }.sorted()[25]
            let result = BenchJSON(
                clients: clients, seconds: elapsed, mix: mix.rawValue, seatsPerHold: seatsPerHold,
                transactionsPerSecond: Double(totals.holds + totals.conflicts + totals.confirms + totals.releases) / elapsed,
                holdsPerSecond: Double(totals.holds) / elapsed, holds: totals.holds, conflicts: totals.conflicts,
                confirms: totals.confirms, releases: totals.releases, errors: totals.errors,
                holdP50Ms: holdStats.p50, holdP95Ms: holdStats.p95, holdP99Ms: holdStats.p99, holdMaxMs: holdStats.max,
                confirmP99Ms: confirmStats.p99, changeCheckServerMs: changeCheckMs, integrityOk: integrity.isClean,
                sampleErrors: totals.firstErrors)
            if common.json { Output.json(result) } else {
                Output.line(String(format: """
                    clients %d, %.1f s, mix %@, %d seat(s) per hold
                    transactions/s %.0f   holds/s %.0f   conflicts %d   errors %d
                    hold latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f   confirm p99 %.2f
                    change check (server time) %.3f ms   integrity %@
                    """, clients, elapsed, mix.rawValue, seatsPerHold, result.transactionsPerSecond, result.holdsPerSecond,
                    totals.conflicts, totals.errors, holdStats.p50, holdStats.p95, holdStats.p99, holdStats.max,
                    confirmStats.p99, changeCheckMs, integrity.isClean ? "OK" : "FAILED"))
                for e in totals.firstErrors { Output.line("  error: \(e)") }
            }
            if !integrity.isClean { throw ExitCode.failure }
        }
    }

    struct BenchJSON: Encodable {
        let clients: Int, seconds: Double, mix: String, seatsPerHold: Int
        let transactionsPerSecond: Double, holdsPerSecond: Double
        let holds: Int, conflicts: Int, confirms: Int, releases: Int, errors: Int
        let holdP50Ms: Double, holdP95Ms: Double, holdP99Ms: Double, holdMaxMs: Double, confirmP99Ms: Double
        let changeCheckServerMs: Double, integrityOk: Bool, sampleErrors: [String]
        enum CodingKeys: String, CodingKey {
            case clients, seconds, mix, seatsPerHold = "seats_per_hold"
            case transactionsPerSecond = "transactions_per_second", holdsPerSecond = "holds_per_second"
            case holds, conflicts, confirms, releases, errors
            case holdP50Ms = "hold_p50_ms", holdP95Ms = "hold_p95_ms", holdP99Ms = "hold_p99_ms", holdMaxMs = "hold_max_ms"
            case confirmP99Ms = "confirm_p99_ms", changeCheckServerMs = "change_check_server_ms"
            case integrityOk = "integrity_ok", sampleErrors = "sample_errors"
        }
    }
}
