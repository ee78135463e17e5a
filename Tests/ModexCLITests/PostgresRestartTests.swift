import Foundation
import ModexTestSupport
import SeatMapModel
import Synchronization
import XCTest

/// PostgreSQL restarts while two seat pickers and a bench run: the pickers show the outage and
/// reconnect by themselves, the bench counts errors but corrupts nothing, and every booking
/// confirmed before the restart is still there.
final class PostgresRestartTests: XCTestCase {
    func testRestartWhilePickersAndABenchRun() throws {
        var cluster = EmbeddedCluster(home: URL(fileURLWithPath: "/tmp/modex-restart-\(getpid())"))
        cluster.serverSettings = ["fsync": "off", "max_connections": "100"]
        try? FileManager.default.removeItem(at: cluster.home)
        try cluster.start()
        defer { try? cluster.stop(); try? FileManager.default.removeItem(at: cluster.home) }
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = cluster.conninfo()
        env["PGHOST"] = nil
        let cli = CLIRunner(environment: env)
        XCTAssertEqual(try cli.run(["migrate"]).status, 0)
        let showId = try cli.createShow(name: "Restart Test", rows: 4, seatsPerRow: 10)
        var confirmed: [Int] = []
        for n in 1...3 {
            let id = try XCTUnwrap(try cli.run(["hold", String(showId), "A\(n)", "--json"]).object()["booking_id"] as? Int)
            XCTAssertEqual(try cli.run(["confirm", String(id), "--email", "early@example.com"]).status, 0)
            confirmed.append(id)
        }

        let pickers = try (0..<2).map { _ in try TmuxSession.start(environment: env) }
        defer { pickers.forEach { $0.close() } }
        for picker in pickers {
            try picker.openShow("Restart Test", expect: "Booked 3")
        }

        let benchOutcome = Mutex<Subprocess.Outcome?>(nil)
        let benchDone = DispatchSemaphore(value: 0)
        let exe = CLIRunner.executable.path
        let benchEnv = env
        Thread {
            let outcome = try? Subprocess.run(exe, ["bench", "--clients", "4", "--seconds", "8", "--venue-seats", "20000", "--on-live-database", "--json"], environment: benchEnv)
            benchOutcome.withLock { $0 = outcome }
            benchDone.signal()
        }.start()
        // Its four terminals connected: the bench has made its show and is running. (A restart
        // during its set-up fails the bench at once, exit 69, which is not what this tests.)
        let observer = try Database(conninfo: cluster.conninfo())
        XCTAssertTrue(try eventually(within: 10) {
            try observer.run("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'modex-bench'").single().int("n") >= 4
        }, "the bench started")
        observer.connection.close()

        try cluster.stop()
        for picker in pickers { try picker.waitFor(text: "Database unreachable, retrying", within: 5) }
        try cluster.start(evenIfStoppedOnPurpose: true)
        for picker in pickers {
            try picker.waitFor("the banner to go", within: 10) { !$0.contains("Database unreachable") }
        }
        XCTAssertEqual(try cli.run(["hold", String(showId), "D9"]).status, 0)
        for picker in pickers { try picker.waitFor(text: "Reserved 1  Booked 3", within: 3) }

        XCTAssertEqual(benchDone.wait(timeout: .now() + 30), .success, "the bench finished")
        let outcome = try XCTUnwrap(benchOutcome.withLock { $0 })
        XCTAssertEqual(outcome.status, 0, "bench: \(outcome.stdout) \(outcome.stderr)")
        let result = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(result["integrity_ok"] as? Bool, true)
        XCTAssertGreaterThan(result["errors"] as? Int ?? 0, 0, "the restart showed up as counted errors")
        XCTAssertGreaterThan(result["holds"] as? Int ?? 0, 0)

        for id in confirmed {
            XCTAssertEqual(try cli.run(["booking", String(id), "--json"]).object()["status"] as? String, "CONFIRMED")
        }
        let check = try cli.run(["check", "--sweep-lag", "3600"])
        XCTAssertEqual(check.status, 0, check.stdout)
    }
}
