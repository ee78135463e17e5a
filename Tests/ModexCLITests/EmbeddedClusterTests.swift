import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// With no DATABASE_URL or PGHOST, modex creates, migrates, fills and then reuses its own cluster.
final class EmbeddedClusterTests: XCTestCase {
    func embeddedClusterCLI(_ name: String) -> (CLIRunner, URL) { CLIRunner.withNewEmbeddedCluster(name, for: self) }

    func testFirstRunCreatesTheDemoClusterAndLaterRunsReuseIt() throws {
        let (cli, _) = embeddedClusterCLI("first-run")
        let first = try cli.run(["shows", "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let shows = try XCTUnwrap(try first.json() as? [[String: Any]])
        XCTAssertEqual(shows.map { $0["total_seats"] as? Int }, [200, 20_000])

        let hold = try cli.run(["hold", "1", "A1", "--json"])
        XCTAssertEqual(hold.status, 0, hold.stderr)
        let again = try XCTUnwrap(try cli.run(["shows", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(again.count, 2, "the second run reuses the cluster instead of loading the demo again")
        XCTAssertEqual(again.first?["reserved"] as? Int, 1)

        let status = try cli.run(["db", "status", "--json"]).object()
        XCTAssertEqual(status["running"] as? Bool, true)
        XCTAssertEqual(try cli.run(["db", "stop"]).status, 0)
        XCTAssertEqual(try cli.run(["db", "status", "--json"]).object()["running"] as? Bool, false)
        let restarted = try cli.run(["db", "start"])
        XCTAssertEqual(restarted.status, 0, restarted.stderr)
        let booking = try cli.run(["booking", "1", "--json"])
        XCTAssertEqual(booking.status, 0, booking.stderr)
        XCTAssertEqual(try booking.object()["seats"] as? [String], ["A1"])
    }

    /// `modex db stop` (before a backup, say) keeps the cluster stopped although a seat picker is
    /// open: the picker shows why and keeps retrying instead of starting it again, other commands
    /// fail with 69, and `modex db start` brings it back for everyone.
    func testAClusterStoppedOnPurposeStaysStoppedUntilDbStart() throws {
        let (cli, home) = embeddedClusterCLI("stop")
        XCTAssertEqual(try cli.run(["migrate"]).status, 0)
        let picker = try TmuxSession.start(environment: cli.environment)
        defer { picker.close() }
        try picker.openShow("The Seagull", expect: "Available 200")

        let stopped = try cli.run(["db", "stop", "--json"]).object()
        XCTAssertEqual(stopped["running"] as? Bool, false)
        XCTAssertEqual(stopped["stopped_on_purpose"] as? Bool, true)
        try picker.waitFor(text: "modex db start", within: 5)
        // Give the picker's once-a-second reconnects time to (wrongly) start the cluster.
        XCTAssertFalse(eventually(within: 3, every: 0.2) { EmbeddedCluster(home: home).isRunning }, "the picker started the stopped cluster")
        let refused = try cli.run(["shows"])
        XCTAssertEqual(refused.status, 69)
        XCTAssertTrue(refused.stderr.contains("modex db start"), refused.stderr)
        XCTAssertTrue(try cli.run(["db", "status"]).stdout.contains("Stopped with `modex db stop`"))

        let started = try cli.run(["db", "start", "--json"]).object()
        XCTAssertEqual(started["running"] as? Bool, true)
        XCTAssertEqual(started["stopped_on_purpose"] as? Bool, false)
        try picker.waitFor("the outage banner to go", within: 10) { !$0.contains("Database unreachable") }
        XCTAssertEqual(try cli.run(["hold", "1", "J20"]).status, 0)
        try picker.waitFor(text: "Reserved 1", within: 3)
    }

    /// The seat picker opens two connections at once; on the very first run the second one
    /// must not find the new database before the demo shows are in it.
    func testTwoConnectionsOpenedAtTheFirstRunBothSeeTheDemoShows() throws {
        let home = URL(fileURLWithPath: "/tmp/modex-embedded-race-\(getpid())")
        try? FileManager.default.removeItem(at: home)
        let cluster = EmbeddedCluster(home: home)
        defer {
            try? cluster.stop()
            try? FileManager.default.removeItem(at: home)
        }
        let counts = race(2, setup: { _ in cluster }) { _, cluster in
            try ShowCatalog(database: try cluster.openDatabase()).shows().count
        }
        XCTAssertEqual(try counts.map { try $0.get() }, [2, 2])
    }

    /// The server logs into a file a day, kept a week, instead of one postgres.log that grows
    /// with every refused hold for as long as the kiosk runs.
    func testTheServerLogsToAFileADayKeptAWeek() throws {
        let (cli, home) = embeddedClusterCLI("server-log")
        XCTAssertEqual(try cli.run(["hold", "1", "A1"]).status, 0)
        let refused = try cli.run(["hold", "1", "A1"])
        XCTAssertEqual(refused.status, 3, refused.stderr)

        let cluster = EmbeddedCluster(home: home)
        XCTAssertEqual(try cli.run(["db", "status", "--json"]).object()["server_log_directory"] as? String, cluster.serverLogDirectory.path)
        let db = try Database(conninfo: cluster.conninfo())
        let settings = try db.run("""
            SELECT string_agg(name || '=' || setting, ' ' ORDER BY name) AS s FROM pg_settings
             WHERE name IN ('logging_collector', 'log_filename', 'log_truncate_on_rotation', 'log_rotation_age', 'log_rotation_size')
            """).single().string("s")
        XCTAssertEqual(settings, "log_filename=postgres-%a.log log_rotation_age=1440 log_rotation_size=0 log_truncate_on_rotation=on logging_collector=on")
        let current = try db.run("SELECT pg_current_logfile() AS f").single().string("f")
        XCTAssertNotNil(current.range(of: #"^log/postgres-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.log$"#, options: .regularExpression), current)
        let today = cluster.dataDirectory.appendingPathComponent(current)
        XCTAssertTrue(eventually(within: 5) {
            ((try? String(contentsOf: today, encoding: .utf8)) ?? "").contains("ERROR:  seats unavailable")
        }, "the refused hold is in today's file, \(today.path)")
        XCTAssertFalse(try String(contentsOf: cluster.logFile, encoding: .utf8).contains("seats unavailable"),
                       "postgres.log keeps only what the server printed while starting")
    }
}

