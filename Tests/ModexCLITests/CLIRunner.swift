import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// Runs the built `modex` executable as a script would, capturing exit status and output.
struct CLIRunner {
    var environment: [String: String]

    /// A runner pointed at a fresh test database.
    static func withFreshDatabase() throws -> CLIRunner {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = try TestCluster.freshDatabase()
        env["PGHOST"] = nil
        return CLIRunner(environment: env)
    }

    /// A runner whose only database is a new embedded cluster in its own MODEX_HOME, stopped and
    /// removed when `test` ends.
    static func withNewEmbeddedCluster(_ name: String, for test: XCTestCase) -> (CLIRunner, URL) {
        let home = URL(fileURLWithPath: "/tmp/modex-embedded-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: home)
        var env = ProcessInfo.processInfo.environment
        for key in ["DATABASE_URL", "PGHOST", "PGDATABASE", "PGSERVICE", "PGHOSTADDR"] { env[key] = nil }
        env["MODEX_HOME"] = home.path
        let cli = CLIRunner(environment: env)
        test.addTeardownBlock {
            _ = try? cli.run(["db", "stop"])
            try? FileManager.default.removeItem(at: home)
        }
        return (cli, home)
    }

    static var executable: URL {
        // The test bundle sits in the same build directory as the `modex` product.
        var dir = Bundle(for: Marker.self).bundleURL
        while dir.pathComponents.count > 1 {
            let candidate = dir.appendingPathComponent("modex")
            if FileManager.default.isExecutableFile(atPath: candidate.path) && !candidate.hasDirectoryPath { return candidate }
            dir.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/modex")
    }

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let seconds: Double

        /// Parses stdout as one JSON document.
        func json() throws -> Any {
            try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        }
        func object(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
            let value = try json()
            return try XCTUnwrap(value as? [String: Any], "stdout is not a JSON object: \(stdout)", file: file, line: line)
        }
    }

    @discardableResult
    func run(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> Outcome {
        let start = Date()
        let outcome = try Subprocess.run(Self.executable.path, arguments,
                                         environment: environment.merging(extraEnvironment) { $1 },
                                         directory: FileManager.default.currentDirectoryPath)
        return Outcome(status: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr,
                       seconds: Date().timeIntervalSince(start))
    }
}

extension CLIRunner {
    /// Creates a grid show through the CLI and returns its id.
    func createShow(name: String, rows: Int, seatsPerRow: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let created = try run(["show", "create", "--name", name, "--starts", "2099-12-01T19:30",
                               "--rows", String(rows), "--seats-per-row", String(seatsPerRow), "--json"])
        XCTAssertEqual(created.status, 0, created.stderr, file: file, line: line)
        return try XCTUnwrap(try created.object()["show_id"] as? Int, file: file, line: line)
    }

    /// How many seats of the show are held now, as `modex seats --json` counts them.
    func reservedSeats(of showId: Int, file: StaticString = #filePath, line: UInt = #line) throws -> Int? {
        try XCTUnwrap(try run(["seats", String(showId), "--json"]).object()["show"] as? [String: Any], file: file, line: line)["reserved"] as? Int
    }
}

private final class Marker {}
