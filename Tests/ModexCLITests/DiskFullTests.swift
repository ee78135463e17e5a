import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// The disk under the embedded cluster fills up (a small tmpfs with a ballast file): a write is
/// refused saying the disk is full, nothing half-made is left, and once space is freed the
/// cluster works again by itself with every confirmed booking in place.
final class DiskFullTests: XCTestCase {
    func testAFullDiskIsNamedAndEverythingComesBackOnceSpaceIsFreed() throws {
        if getuid() != 0 {
            if ProcessInfo.processInfo.environment["CI"] == "true" { return XCTFail("the disk-full test needs root in CI") }
            throw XCTSkip("needs root to mount a small tmpfs (CI runs this test)")
        }
        let disk = URL(fileURLWithPath: "/tmp/modex-diskfull-\(getpid())")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = try Subprocess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=150m,mode=755", "tmpfs", disk.path], environment: nil)
        XCTAssertEqual(mount.status, 0, mount.stderr)
        var env = ProcessInfo.processInfo.environment
        for key in ["DATABASE_URL", "PGHOST", "PGDATABASE", "PGSERVICE", "PGHOSTADDR"] { env[key] = nil }
        env["MODEX_HOME"] = disk.appendingPathComponent("home").path
        let cli = CLIRunner(environment: env)
        defer {
            _ = try? cli.run(["db", "stop"])
            _ = try? Subprocess.run("/bin/umount", [disk.path], environment: nil)
            try? FileManager.default.removeItem(at: disk)
        }

        // A new cluster with the demo shows, and a booking made before the disk fills.
        XCTAssertEqual(try cli.run(["shows"]).status, 0)
        let bookingId = try XCTUnwrap(try cli.run(["hold", "1", "A1", "--json"]).object()["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(bookingId), "--email", "early@example.com"]).status, 0)

        let ballast = disk.appendingPathComponent("ballast")
        let free = try XCTUnwrap(try FileManager.default.attributesOfFileSystem(forPath: disk.path)[.systemFreeSize] as? NSNumber).intValue
        let fill = try Subprocess.run("/usr/bin/fallocate", ["-l", String(free - 200_000), ballast.path], environment: nil)
        XCTAssertEqual(fill.status, 0, fill.stderr)

        let refused = try cli.run(["show", "create", "--name", "Too Big", "--starts", "2099-12-01T19:30", "--rows", "200", "--seats-per-row", "400"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("the disk that holds the database is full, so nothing was saved"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("No space left on device"), refused.stderr)

        try FileManager.default.removeItem(at: ballast)
        // The server may have crashed meanwhile (it stops when it cannot write its WAL); the
        // next command starts it again, and it recovers.
        var last: CLIRunner.Outcome?
        XCTAssertTrue(try eventually(within: 30, every: 0.5) {
            last = try cli.run(["hold", "1", "A2", "--json"])
            return last?.status == 0
        }, "a hold works again once space is freed: \(last?.stderr ?? "")")
        let booking = try cli.run(["booking", String(bookingId), "--json"]).object()
        XCTAssertEqual(booking["status"] as? String, "CONFIRMED")
        XCTAssertEqual(booking["seats"] as? [String], ["A1"])
        let shows = try XCTUnwrap(try cli.run(["shows", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(shows.compactMap { $0["name"] as? String }.filter { $0 == "Too Big" }, [], "the refused show left nothing")
        XCTAssertEqual(shows.count, 2)
        let check = try cli.run(["check", "--sweep-lag", "3600"])
        XCTAssertEqual(check.status, 0, check.stdout)
    }
}
