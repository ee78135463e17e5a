import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// `modex db backup` and `modex db restore`: a confirmed booking survives the loss of the
/// database, also when the backup is restored into a new cluster on another machine.
final class DatabaseBackupTests: XCTestCase {
    func testABackupPutsBackEveryBookingAndRefusesToOverwriteBookingsUnasked() throws {
        let (cli, home) = CLIRunner.withNewEmbeddedCluster("backup", for: self)
        let nothing = try cli.run(["db", "backup", "--to", home.path + "-nothing.dump"])
        XCTAssertEqual(nothing.status, 64)
        XCTAssertTrue(nothing.stderr.contains("There is no embedded cluster in \(home.path) yet"), nothing.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.path), "asking for a backup creates no cluster")
        let hold = try cli.run(["hold", "1", "A1", "A2", "--json"])
        XCTAssertEqual(hold.status, 0, hold.stderr)
        let sold = try XCTUnwrap(try hold.object()["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(sold), "--email", "fan@example.com"]).status, 0)

        let file = home.appendingPathComponent("copy.dump")
        let backup = try cli.run(["db", "backup", "--to", file.path, "--json"])
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertEqual(try backup.object()["confirmed_bookings"] as? Int, 1)
        XCTAssertEqual(try backup.object()["shows"] as? Int, 2)
        let mode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode & 0o077, 0, "customers' emails are readable by the owner only")
        XCTAssertEqual(try cli.run(["db", "backup", "--to", file.path]).status, 64, "an existing file is never overwritten")
        let nowhere = try cli.run(["db", "backup", "--to", home.path + "/no-such-folder/copy.dump"])
        XCTAssertEqual(nowhere.status, 64)
        XCTAssertTrue(nowhere.stderr.contains("There is no folder \(home.path)/no-such-folder to write copy.dump into"), nowhere.stderr)
        let missing = try cli.run(["db", "restore", home.path + "/no-such.dump"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("There is no file \(home.path)/no-such.dump"), missing.stderr)

        // What happens after the backup: the sale is cancelled, another hold is made.
        XCTAssertEqual(try cli.run(["cancel", String(sold)]).status, 0)
        let later = try XCTUnwrap(try cli.run(["hold", "1", "A3", "--json"]).object()["booking_id"] as? Int)

        let refused = try cli.run(["db", "restore", file.path])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("holds 2 bookings") && refused.stderr.contains("--replace"), refused.stderr)
        XCTAssertEqual(try cli.run(["booking", String(later), "--json"]).object()["status"] as? String, "PENDING", "nothing changed")

        let restored = try cli.run(["db", "restore", file.path, "--replace", "--json"])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        let saved = try XCTUnwrap(try restored.object()["previous_state_saved_to"] as? String)
        XCTAssertTrue(FileManager.default.fileExists(atPath: saved), "the replaced state was saved first")
        let booking = try cli.run(["booking", String(sold), "--json"]).object()
        XCTAssertEqual(booking["status"] as? String, "CONFIRMED")
        XCTAssertEqual(booking["seats"] as? [String], ["A1", "A2"])
        XCTAssertEqual(try cli.run(["booking", String(later)]).status, 4, "the later hold was not in the backup")
        XCTAssertEqual(try cli.run(["check"]).status, 0)
        let next = try XCTUnwrap(try cli.run(["hold", "1", "B5", "--json"]).object()["booking_id"] as? Int)
        XCTAssertGreaterThan(next, later, "an id handed out before the restore is never handed out again")

        let garbage = home.appendingPathComponent("not-a-backup.dump")
        try Data("hello".utf8).write(to: garbage)
        let bad = try cli.run(["db", "restore", garbage.path, "--replace"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("is not a backup made by `modex db backup`"), bad.stderr)
    }

    /// Bookings carry the transaction id of their last change, and watchers compare those with
    /// their snapshots. Restored into a newer cluster, ids from the old one would be in the
    /// future and read as changes forever; the restore stamps every booking with its own.
    func testARestoreIntoANewClusterLeavesNoSeatChangedInTheFuture() throws {
        let (old, oldHome) = CLIRunner.withNewEmbeddedCluster("backup-old", for: self)
        XCTAssertEqual(try old.run(["hold", "1", "A1"]).status, 0)
        // A hold that will have lapsed by the time the backup is restored.
        XCTAssertEqual(try old.run(["hold", "1", "B1", "--hold-seconds", "1"]).status, 0)
        // Age the old cluster: its transaction ids run ahead of a new cluster's.
        let db = try Database(conninfo: EmbeddedCluster(home: oldHome).conninfo())
        for _ in 0..<300 { try db.run("SELECT pg_current_xact_id()") }
        XCTAssertEqual(try old.run(["hold", "1", "A2"]).status, 0)
        let file = oldHome.appendingPathComponent("copy.dump")
        XCTAssertEqual(try old.run(["db", "backup", "--to", file.path]).status, 0)

        let (new, newHome) = CLIRunner.withNewEmbeddedCluster("backup-new", for: self)
        let restored = try new.run(["db", "restore", file.path])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertTrue(restored.stdout.contains("Restored 2 shows and 3 bookings"), restored.stdout)
        XCTAssertEqual(try new.run(["check", "--sweep-lag", "0"]).status, 0, "the lapsed hold was swept by the restore")
        let fresh = try Database(conninfo: EmbeddedCluster(home: newHome).conninfo())
        XCTAssertEqual(try fresh.run("SELECT count(*) AS n FROM bookings WHERE change_xid >= pg_current_xact_id()").single().int("n"), 0)
        let feed = ChangeFeed(database: fresh)
        XCTAssertFalse(try feed.hasChanged(show: 1, since: try feed.cursor()), "nothing reads as changed after a fresh cursor")
        let seats = try XCTUnwrap(try new.run(["seats", "1", "--json"]).object()["seats"] as? [[String: Any]])
        XCTAssertEqual(seats.filter { $0["status"] as? String == "RESERVED" }.compactMap { $0["label"] as? String }.sorted(), ["A1", "A2"])
    }

    /// Backups matter most when something is wrong: a database whose schema cannot be upgraded
    /// (every other command refuses it) can still be backed up.
    func testADatabaseThatCannotBeUpgradedCanStillBeBackedUp() throws {
        let (cli, home) = CLIRunner.withNewEmbeddedCluster("backup-broken", for: self)
        XCTAssertEqual(try cli.run(["hold", "1", "A1"]).status, 0)
        // Make migration 4 pending and impossible: what it drops first, migration 14 dropped.
        let db = try Database(conninfo: EmbeddedCluster(home: home).conninfo())
        try db.run("DELETE FROM modex_migrations WHERE version = 4")
        let shows = try cli.run(["shows"])
        XCTAssertEqual(shows.status, 1)
        XCTAssertTrue(shows.stderr.contains("Could not upgrade the database schema to version 4"), shows.stderr)

        let backup = try cli.run(["db", "backup", "--to", home.appendingPathComponent("rescue.dump").path, "--json"])
        XCTAssertEqual(backup.status, 0, backup.stderr)
        XCTAssertEqual(try backup.object()["bookings"] as? Int, 1)
    }
}

