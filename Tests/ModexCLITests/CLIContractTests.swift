import Foundation
import ModexTestSupport
import SeatMapModel
import XCTest

/// The documented CLI contract: commands, JSON shapes and exit codes.
final class CLIContractTests: XCTestCase {
    func testHoldConfirmBookingRoundTrip() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let created = try cli.run(["show", "create", "--name", "Gala", "--starts", "2099-12-01T19:30", "--rows", "3", "--seats-per-row", "8", "--json"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let showId = try XCTUnwrap(try created.object()["show_id"] as? Int)

        let hold = try cli.run(["hold", String(showId), "B7", "b8", "--json"])
        XCTAssertEqual(hold.status, 0, hold.stderr)
        let holdJSON = try hold.object()
        let bookingId = try XCTUnwrap(holdJSON["booking_id"] as? Int)
        let expires = try XCTUnwrap(holdJSON["expires_at"] as? String)
        XCTAssertNotNil(ISO8601DateFormatter.withFractions.date(from: expires), expires)

        let conflict = try cli.run(["hold", String(showId), "B8", "B6", "--json"])
        XCTAssertEqual(conflict.status, 3)
        // The refusal says what the seats are now: held until when, or booked, and by which booking.
        let until = DateFormatter()
        until.dateFormat = Calendar.current.isDateInToday(ISO8601DateFormatter.withFractions.date(from: expires)!) ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss"
        let heldUntil = until.string(from: ISO8601DateFormatter.withFractions.date(from: expires)!)
        XCTAssertEqual(conflict.stderr, "modex: Not held: B8 is held until \(heldUntil) (booking \(bookingId))\n")
        let error = try XCTUnwrap(try conflict.object()["error"] as? [String: Any])
        XCTAssertEqual(error["message"] as? String, "Not held: B8 is held until \(heldUntil) (booking \(bookingId))")
        XCTAssertEqual(error["seats"] as? [String], ["B8"])
        XCTAssertEqual(error["code"] as? String, "seats_unavailable")

        // A command line that cannot be parsed answers a script in JSON too.
        let malformed = try cli.run(["hold", String(showId), "B1", "--json", "--seconds", "60"])
        XCTAssertEqual(malformed.status, 64)
        XCTAssertTrue(malformed.stderr.hasPrefix("Error: Unknown option '--seconds'\nUsage: modex hold"), malformed.stderr)
        let usage = try XCTUnwrap(try malformed.object()["error"] as? [String: Any])
        XCTAssertEqual(usage["code"] as? String, "invalid_input")
        XCTAssertEqual(usage["exit_code"] as? Int, 64)
        XCTAssertEqual(usage["message"] as? String, "Unknown option '--seconds'")

        let seats = try cli.run(["seats", String(showId), "--json"])
        XCTAssertEqual(seats.status, 0)
        let list = try XCTUnwrap(try seats.object()["seats"] as? [[String: Any]])
        XCTAssertEqual(list.count, 24)
        let status = Dictionary(uniqueKeysWithValues: list.map { ($0["label"] as! String, $0["status"] as! String) })
        XCTAssertEqual(status["B7"], "RESERVED")
        XCTAssertEqual(status["B6"], "AVAILABLE")

        XCTAssertEqual(try cli.run(["confirm", String(bookingId), "--email", "not-an-email"]).status, 64)
        let confirm = try cli.run(["confirm", String(bookingId), "--email", "fan@example.com", "--json"])
        XCTAssertEqual(confirm.status, 0, confirm.stderr)
        let booking = try cli.run(["booking", String(bookingId), "--json"]).object()
        XCTAssertEqual(booking["status"] as? String, "CONFIRMED")
        XCTAssertEqual(booking["seats"] as? [String], ["B7", "B8"])
        XCTAssertEqual(booking["email"] as? String, "fan@example.com")
        XCTAssertNotNil(booking["expires_at"] as? String)
        XCTAssertEqual(booking["booking_id"] as? Int, bookingId)
        XCTAssertEqual(booking["total"] as? String, "50.00", "two seats at the grid's 25.00")
        XCTAssertEqual(holdJSON["total"] as? String, "50.00")
        // JSON amounts are plain decimals; the grouping is for people.
        let dear = try cli.run(["show", "create", "--name", "Gala dinner", "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "2",
                                "--price", "1250", "--json"]).object()["show_id"] as? Int
        let dearHold = try cli.run(["hold", String(try XCTUnwrap(dear)), "A1", "A2", "--json"])
        XCTAssertEqual(try dearHold.object()["total"] as? String, "2500.00", dearHold.stderr)
        XCTAssertTrue(try cli.run(["booking", String(try XCTUnwrap(dearHold.object()["booking_id"] as? Int))]).stdout.contains("Total:    2,500.00\n"))

        XCTAssertEqual(try cli.run(["confirm", String(bookingId), "--email", "fan@example.com"]).status, 4, "not pending any more")
        let sold = try cli.run(["hold", String(showId), "A1", "B8", "B7"])
        XCTAssertEqual(sold.status, 3)
        XCTAssertEqual(sold.stderr, "modex: Not held: B7 and B8 are booked (booking \(bookingId))\n")
        XCTAssertEqual(try cli.run(["release", String(bookingId)]).status, 4)
        XCTAssertEqual(try cli.run(["cancel", String(bookingId)]).status, 0)
        let after = try cli.run(["seats", String(showId), "--json"]).object()["seats"] as! [[String: Any]]
        XCTAssertEqual(after.first { $0["label"] as? String == "B7" }?["status"] as? String, "AVAILABLE")
        let check = try cli.run(["check", "--json"])
        XCTAssertEqual(check.status, 0, check.stdout)
        XCTAssertEqual(try check.object()["ok"] as? Bool, true)
    }

    func testShowDeleteRefusesASoldShowAndDeletesOneThatSoldNothing() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try XCTUnwrap(try cli.run(["show", "create", "--name", "Typo", "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "5", "--json"]).object()["show_id"] as? Int)
        let bookingId = try XCTUnwrap(try cli.run(["hold", String(showId), "A1", "--json"]).object()["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(bookingId), "--email", "fan@example.com"]).status, 0)

        let refused = try cli.run(["show", "delete", String(showId)])
        XCTAssertEqual(refused.status, 4, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("has 1 confirmed booking"), refused.stderr)
        XCTAssertEqual((try cli.run(["shows", "--json"]).json() as? [Any])?.count, 1, "nothing was deleted")

        XCTAssertEqual(try cli.run(["cancel", String(bookingId)]).status, 0)
        let deleted = try cli.run(["show", "delete", String(showId), "--json"])
        XCTAssertEqual(deleted.status, 0, deleted.stderr)
        let json = try deleted.object()
        XCTAssertEqual(json["deleted_show_id"] as? Int, showId)
        XCTAssertEqual(json["seats"] as? Int, 5)
        XCTAssertEqual(json["ended_bookings"] as? Int, 1)
        XCTAssertEqual((try cli.run(["shows", "--json"]).json() as? [Any])?.count, 0)
        XCTAssertEqual(try cli.run(["show", "delete", String(showId)]).status, 4, "no such show any more")
        XCTAssertEqual(try cli.run(["show", "delete", "x1"]).status, 64)
    }

    /// A customer gives back some tickets and keeps the rest: `cancel --seats`.
    func testCancelWithSeatsGivesBackOnlyThoseSeats() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Returns", rows: 1, seatsPerRow: 5))
        let held = try cli.run(["hold", show, "a1..A3", "--json"]).object()   // a row's range, as the picker shows it
        XCTAssertEqual(held["seats"] as? [String], ["A1", "A2", "A3"])
        let id = String(try XCTUnwrap(held["booking_id"] as? Int))
        XCTAssertEqual(try cli.run(["confirm", id, "--email", "fan@example.com", "--paid", "cash"]).status, 0)

        let partial = try cli.run(["cancel", id, "--seats", "a2"])
        XCTAssertEqual(partial.status, 0, partial.stderr)
        let returnedId = try XCTUnwrap(partial.stdout.range(of: #"recorded as booking \d+"#, options: .regularExpression)
            .map { String(partial.stdout[$0].split(separator: " ").last!) }, partial.stdout)
        XCTAssertEqual(partial.stdout, "Booking \(id): A2 given back (recorded as booking \(returnedId)) and free again; "
                       + "A1 A3 stay booked: refund 25.00 in cash to fan@example.com.\n")
        let returned = try cli.run(["booking", returnedId, "--json"]).object()
        XCTAssertEqual(returned["status"] as? String, "CANCELLED")
        XCTAssertEqual(returned["seats"] as? [String], ["A2"])
        XCTAssertEqual(returned["returned_from"] as? Int, Int(id))
        XCTAssertTrue(try cli.run(["booking", returnedId]).stdout.contains("Given back from booking \(id), which keeps its other seats"))
        XCTAssertEqual(try cli.run(["booking", id, "--json"]).object()["seats"] as? [String], ["A1", "A3"])
        let kept = try cli.run(["booking", id]).stdout
        XCTAssertNotNil(kept.range(of: #"Seats:    A1 A3\n"#, options: .regularExpression), kept)
        XCTAssertNotNil(kept.range(of: "Given back: A2 \\(booking \(returnedId), 25\\.00\\) at \\d\\d:\\d\\d:\\d\\d by "
                                   + NSRegularExpression.escapedPattern(for: OperatorIdentity.current) + "\n$", options: .regularExpression), kept)

        let wrong = try cli.run(["cancel", id, "--seats", "A2", "A5"])
        XCTAssertEqual(wrong.status, 4)
        XCTAssertEqual(wrong.stderr, "modex: Booking \(id) has no seat A2 A5 (its seats: A1 A3)\n")
        let across = try cli.run(["cancel", id, "--seats", "A1..B1"])
        XCTAssertEqual(across.status, 64)
        XCTAssertEqual(across.stderr, "modex: \"A1..B1\" goes from one row to another; name each row's seats\n")
        let one = try cli.run(["cancel", id, "--seats", "a3"])
        XCTAssertTrue(one.stdout.hasSuffix("; A1 stays booked: refund 25.00 in cash to fan@example.com.\n"), one.stdout)
        let rest = try cli.run(["cancel", id, "--seats", "A1", "--json"]).object()
        XCTAssertEqual(rest["booking_id"] as? Int, Int(id), "the last seats given back cancel the booking itself")
        XCTAssertEqual(rest["status"] as? String, "CANCELLED")
        let check = try cli.run(["check"])
        XCTAssertEqual(check.status, 0)
        XCTAssertEqual(check.stdout, "OK: 5 seats and 3 bookings satisfy every invariant.\n")
    }

    /// People read a row's run of seats as a range, as they type it; the door list keeps every
    /// label, so a search for one seat finds its line.
    func testHumanOutputNamesRunsOfSeatsAsRangesExceptOnTheDoorList() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Runs", rows: 1, seatsPerRow: 8))
        let held = try cli.run(["hold", show, "a6", "a1..a4"])
        XCTAssertEqual(held.status, 0, held.stderr)
        let id = try XCTUnwrap(held.stdout.range(of: #"^Held A1\.\.A4 A6 as booking \d+ "#, options: [.regularExpression, .anchored])
            .map { String(held.stdout[$0].split(separator: " ")[5]) }, held.stdout)
        XCTAssertEqual(try cli.run(["confirm", id, "--email", "fan@example.com"]).stdout,
                       "Booking \(id) confirmed: A1..A4 A6 for fan@example.com; total 125.00.\n")
        let partial = try cli.run(["cancel", id, "--seats", "a1"]).stdout
        XCTAssertTrue(partial.contains("; A2..A4 A6 stay booked: refund 25.00 to fan@example.com."), partial)
        XCTAssertTrue(try cli.run(["booking", id]).stdout.contains("Seats:    A2..A4 A6\n"))
        let door = try cli.run(["bookings", show]).stdout
        XCTAssertTrue(door.contains("fan@example.com  A2 A3 A4 A6\n"), door)
    }

    func testHumanOutputGivesLocalTimesAndSaysHowEachBookingEnded() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Times", rows: 1, seatsPerRow: 5))
        func bookingId(_ out: CLIRunner.Outcome) throws -> String {
            let match = try XCTUnwrap(out.stdout.range(of: #"as booking \d+"#, options: .regularExpression), out.stdout)
            return String(out.stdout[match].split(separator: " ").last!)
        }
        func booking(_ id: String) throws -> String { try cli.run(["booking", id]).stdout }
        let time = #"\d\d:\d\d:\d\d"#
        let me = NSRegularExpression.escapedPattern(for: OperatorIdentity.current)

        let held = try cli.run(["hold", show, "A1"])
        XCTAssertNotNil(held.stdout.range(of: #"^Held A1 as booking \d+ until "# + time + #"; total 25\.00\.$"#, options: [.regularExpression, .anchored]), held.stdout)
        let first = try bookingId(held)
        XCTAssertNotNil(try booking(first).range(of: "Hold ends: " + time, options: .regularExpression))
        XCTAssertEqual(try cli.run(["release", first]).status, 0)
        XCTAssertNotNil(try booking(first).range(of: "Released: " + time + " by " + me + ", before its hold ended", options: .regularExpression))

        let second = try bookingId(try cli.run(["hold", show, "A2"]))
        let cheque = try cli.run(["confirm", second, "--email", "fan@example.com", "--paid", "cheque"])
        XCTAssertEqual(cheque.status, 64)
        XCTAssertEqual(cheque.stderr, "modex: \"cheque\" is not a way of paying (expected cash or card)\n")
        let confirmed = try cli.run(["confirm", second, "--email", "fan@example.com", "--paid", "Card"])
        XCTAssertEqual(confirmed.stdout, "Booking \(second) confirmed: A2 for fan@example.com; total 25.00 paid by card.\n")
        XCTAssertNotNil(try booking(second).range(of: "Paid:     card\nOperator: " + me + "\nConfirmed: " + time + "$", options: .regularExpression))
        XCTAssertEqual(try cli.run(["paid", second, "cash"]).stdout, "Booking \(second): paid in cash (was card).\n")
        XCTAssertEqual(try cli.run(["paid", second, "cash"]).stdout, "Booking \(second): paid in cash (it already was).\n")
        XCTAssertNotNil(try booking(second).range(of: "Paid:     cash\n          corrected from card to cash at " + time + " by " + me + "\n",
                                                  options: .regularExpression))
        XCTAssertEqual(try cli.run(["paid", second, "card", "--json"]).object()["paid_by"] as? String, "card")
        let audit = try XCTUnwrap(try cli.run(["booking", second, "--json"]).object()["payment_corrections"] as? [[String: Any]])
        XCTAssertEqual(audit.map { "\($0["before"] ?? "-")>\($0["after"] ?? "-")" }, ["card>cash", "cash>card"])
        XCTAssertEqual(try cli.run(["paid", second, "cheque"]).status, 64)
        XCTAssertEqual(try cli.run(["paid", first, "card"]).status, 4, "a released hold was never paid for")
        let cancel = try cli.run(["cancel", second])
        XCTAssertEqual(cancel.status, 0, cancel.stderr)
        XCTAssertEqual(cancel.stdout, "Booking \(second) cancelled; its seats are free again: refund 25.00 by card to fan@example.com.\n")
        let cancelled = try booking(second)
        XCTAssertNotNil(cancelled.range(of: "Confirmed: " + time + "\nCancelled: " + time + " by " + me + "$", options: .regularExpression), cancelled)

        let third = try bookingId(try cli.run(["hold", show, "A3", "--hold-seconds", "1"]))
        XCTAssertTrue(try eventually(within: 5, every: 0.2) { try booking(third).contains("EXPIRED") })
        XCTAssertNotNil(try booking(third).range(of: "Hold ended: " + time, options: .regularExpression))
    }

    func testShowListKeepsTheNamesInOneColumn() throws {
        let cli = try CLIRunner.withFreshDatabase()
        _ = try cli.createShow(name: "Small room", rows: 1, seatsPerRow: 5)
        _ = try cli.createShow(name: "Big hall", rows: 20, seatsPerRow: 100)
        let listed = try cli.run(["shows"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 2, listed.stdout)
        let nameColumns = lines.compactMap { line in
            (line.range(of: "Small room") ?? line.range(of: "Big hall")).map { line.distance(from: line.startIndex, to: $0.lowerBound) }
        }
        XCTAssertEqual(nameColumns.count, 2, listed.stdout)
        XCTAssertEqual(Set(nameColumns).count, 1, "names start in one column:\n\(listed.stdout)")
        XCTAssertTrue(lines.contains { $0.contains("   5/5 available  Small room") }, listed.stdout)
    }

    func testTheSeatMapHasARulerOfSeatNumbers() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Ruler", rows: 2, seatsPerRow: 12))
        XCTAssertEqual(try cli.run(["hold", show, "B10"]).status, 0)
        let lines = try cli.run(["seats", show]).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.dropFirst().prefix(4)), [
            "            1",
            "   123456789012",
            "A  ............",
            "B  .........r..",
        ], lines.joined(separator: "\n"))
    }

    /// `modex expire --watch` says it is running, reports each sweep that frees seats as one
    /// JSON line, and stops on Ctrl-C.
    func testExpireWatchReportsEachSweepThatFreesSeats() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Sweep", rows: 1, seatsPerRow: 5))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("expire-watch-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        XCTAssertTrue(FileManager.default.createFile(atPath: out.path, contents: nil))
        XCTAssertTrue(FileManager.default.createFile(atPath: err.path, contents: nil))
        let watcher = Process()
        watcher.executableURL = CLIRunner.executable
        watcher.arguments = ["expire", "--watch", "--json"]
        watcher.environment = cli.environment
        watcher.standardOutput = try FileHandle(forWritingTo: out)
        watcher.standardError = try FileHandle(forWritingTo: err)
        try watcher.run()
        defer { if watcher.isRunning { watcher.terminate() } }
        func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

        XCTAssertTrue(eventually(within: 5, every: 0.1) { text(err).contains("Sweeping lapsed holds every second") }, text(err))
        XCTAssertEqual(try cli.run(["hold", show, "A1", "A2", "--hold-seconds", "1"]).status, 0)
        XCTAssertTrue(eventually(within: 10, every: 0.2) { !text(out).isEmpty }, "no sweep reported")
        let lines = text(out).split(separator: "\n")
        XCTAssertEqual(lines.count, 1, text(out))
        let sweep = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(sweep["expired_bookings"] as? Int, 1)
        XCTAssertEqual(sweep["freed_seats"] as? Int, 2)

        watcher.interrupt()
        XCTAssertTrue(eventually(within: 5, every: 0.1) { !watcher.isRunning }, "Ctrl-C did not stop it")
    }

    /// A hold nobody swept: `modex check` names the problem, counted in words, and exits 1.
    func testCheckCountsWhatItFound() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let show = String(try cli.createShow(name: "Unswept", rows: 1, seatsPerRow: 2))
        let held = try cli.run(["hold", show, "A1", "--hold-seconds", "1", "--json"])
        let id = try XCTUnwrap(try held.object()["booking_id"] as? Int, held.stderr)
        XCTAssertTrue(eventually(within: 5, every: 0.2) { (try? cli.run(["check", "--sweep-lag", "0"]).status) == 1 }, "the hold lapsed")
        let check = try cli.run(["check", "--sweep-lag", "0"])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.hasPrefix("FAILED: 1 problem:\n  [stale_pending] booking \(id) is still PENDING "), check.stdout)
        XCTAssertEqual(try cli.run(["expire"]).status, 0)
        XCTAssertEqual(try cli.run(["check", "--sweep-lag", "0"]).stdout, "OK: 2 seats and 1 booking satisfy every invariant.\n")
    }

    func testExitCodesForBadReferencesAndBadInput() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try XCTUnwrap(try cli.run(["show", "create", "--name", "X", "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "5", "--json"]).object()["show_id"] as? Int)
        let cases: [([String], Int32, String)] = [
            (["hold", "999999", "A1"], 4, "Show 999999 does not exist"),
            (["hold", String(showId), "A9"], 4, "has no seat A9"),
            (["booking", "424242"], 4, "Booking 424242 does not exist"),
            (["release", "424242"], 4, "does not exist"),
            (["hold", String(showId), "9A"], 64, "not a seat label"),
            (["hold", String(showId)], 64, "No seats"),
            (["hold", "abc", "A1"], 64, "not a show number"),
            (["hold", String(showId), "A1", "--email", "bad@"], 64, "\"bad@\" is not an email address (like name@example.com)"),
            (["hold", String(showId)] + (1...11).map { "A\($0)" }, 64, "more than the 10"),
            (["show", "create", "--name", "  ", "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "1"], 64, "name is empty"),
            (["show", "create", "--name", String(repeating: "x", count: 201), "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "1"], 64, "limit is 200"),
            (["show", "create", "--name", "Huge", "--starts", "2099-12-01T19:30", "--rows", "5000", "--seats-per-row", "900"], 64, "more than the 100000"),
            (["show", "create", "--name", "N", "--starts", "someday", "--rows", "1", "--seats-per-row", "1"], 64, "not a start time"),
            (["show", "create", "--name", "N", "--starts", "2020-01-01T10:00", "--rows", "1", "--seats-per-row", "1"], 64, "is in the past; check the date"),
            (["show", "create", "--name", "N", "--starts", "2099-12-01T19:30"], 64, "--rows and --seats-per-row"),
            (["show", "create", "--name", "N", "--starts", "2099-12-01T19:30", "--layout", "/nonexistent"], 64, "There is no layout file /nonexistent"),
            (["hold", String(showId), "A1", "--hold-seconds", "0"], 64, "hold duration"),
            (["hold", String(showId), "A1", "--request-id", "order 7"], 64, "The request id \"order 7\" contains spaces"),
            (["hold", String(showId), "A1", "--request-id", String(repeating: "x", count: 101)], 64, "the limit is 100"),
        ]
        for (args, code, message) in cases {
            let outcome = try cli.run(args)
            XCTAssertEqual(outcome.status, code, "\(args): \(outcome.stderr)")
            XCTAssertTrue(outcome.stderr.contains(message), "\(args): \(outcome.stderr)")
        }
        XCTAssertEqual(try cli.run(["hold", String(showId), "A1", "A2", "A3", "A4", "A5"], extraEnvironment: ["MODEX_MAX_SEATS": "4"]).status, 64)
    }

    /// A script that got exit 69 from `hold` runs it again with the same `--request-id`: it
    /// gets the hold the first attempt made (exit 0), not exit 3 for its own seats.
    func testHoldWithARequestIdCanBeRunAgainSafely() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try XCTUnwrap(try cli.run(["show", "create", "--name", "Retry", "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "5", "--json"]).object()["show_id"] as? Int)
        let request = "order-7731"   // a script's own order number
        let first = try cli.run(["hold", String(showId), "A1", "A2", "--request-id", request, "--json"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let again = try cli.run(["hold", String(showId), "A1", "A2", "--request-id", request, "--json"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try again.object()["booking_id"] as? Int, try first.object()["booking_id"] as? Int)
        XCTAssertEqual(try again.object()["expires_at"] as? String, try first.object()["expires_at"] as? String)
        let other = try cli.run(["hold", String(showId), "A2", "--request-id", UUID().uuidString])
        XCTAssertEqual(other.status, 3, "another request is refused as before: \(other.stderr)")
        XCTAssertEqual(try cli.run(["hold", String(showId), "A1", "A2"]).status, 3, "and so is a hold without one")
    }

    func testUnreachableDatabaseExits69Quickly() throws {
        var cli = try CLIRunner.withFreshDatabase()
        cli.environment["DATABASE_URL"] = "postgresql://127.0.0.1:1/modex?connect_timeout=3"
        let outcome = try cli.run(["shows", "--json"])
        XCTAssertEqual(outcome.status, 69)
        XCTAssertLessThan(outcome.seconds, 10)
        XCTAssertTrue(outcome.stderr.contains("unreachable"), outcome.stderr)
        let error = try XCTUnwrap(try outcome.object()["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "database_unreachable")
    }

    func testHoldSecondsOptionAndEnvironmentSetTheExpiry() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = try XCTUnwrap(try cli.run(["show", "create", "--name", "T", "--starts", "2099-12-01T19:30", "--rows", "1", "--seats-per-row", "5", "--json"]).object()["show_id"] as? Int)
        func holdLength(_ args: [String], env: [String: String] = [:]) throws -> Double {
            let hold = try cli.run(["hold", String(showId)] + args + ["--json"], extraEnvironment: env)
            XCTAssertEqual(hold.status, 0, hold.stderr)
            let id = try XCTUnwrap(try hold.object()["booking_id"] as? Int)
            let booking = try cli.run(["booking", String(id), "--json"]).object()
            let created = ISO8601DateFormatter.withFractions.date(from: booking["created_at"] as! String)!
            let expires = ISO8601DateFormatter.withFractions.date(from: booking["expires_at"] as! String)!
            return expires.timeIntervalSince(created)
        }
        XCTAssertEqual(try holdLength(["A1"]), 120, accuracy: 0.01)
        XCTAssertEqual(try holdLength(["A2", "--hold-seconds", "45"]), 45, accuracy: 0.01)
        XCTAssertEqual(try holdLength(["A3"], env: ["MODEX_HOLD_SECONDS": "30"]), 30, accuracy: 0.01)
    }

    func testLayoutFileCreatesTheShippedTheatre() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let created = try cli.run(["show", "create", "--name", "Theatre", "--starts", "2099-12-01T19:30",
                                   "--layout", root.appendingPathComponent("venues/theatre-200.txt").path, "--json"])
        XCTAssertEqual(created.status, 0, created.stderr)
        let shows = try XCTUnwrap(try cli.run(["shows", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(shows.first?["total_seats"] as? Int, 200)
        XCTAssertEqual(shows.first?["available"] as? Int, 200)
        XCTAssertEqual(try cli.run(["expire", "--json"]).status, 0)

        // Rows A-D are premium stalls (65.00), the rest stalls (40.00): the clerk is told the total.
        let showId = try XCTUnwrap(try created.object()["show_id"] as? Int)
        let hold = try cli.run(["hold", String(showId), "A1", "E20", "D5", "--json"])
        XCTAssertEqual(hold.status, 0, hold.stderr)
        XCTAssertEqual(try hold.object()["total"] as? String, "170.00")
        let bookingId = try XCTUnwrap(try hold.object()["booking_id"] as? Int)
        let confirmed = try cli.run(["confirm", String(bookingId), "--email", "pat@example.com"])
        XCTAssertEqual(confirmed.stdout, "Booking \(bookingId) confirmed: A1 D5 E20 for pat@example.com; total 170.00.\n")
        XCTAssertTrue(try cli.run(["booking", String(bookingId)]).stdout.contains("\nTotal:    170.00\n"))
        XCTAssertEqual(try cli.run(["cancel", String(bookingId), "--json"]).object()["total"] as? String, "170.00")

        // A price beside a layout file would be ignored, so it is refused instead.
        let priced = try cli.run(["show", "create", "--name", "Theatre", "--starts", "2099-12-01T19:30", "--price", "10",
                                  "--layout", root.appendingPathComponent("venues/theatre-200.txt").path])
        XCTAssertEqual(priced.status, 64)
        XCTAssertTrue(priced.stderr.contains("--price is for a --rows grid; a layout file sets its own prices"), priced.stderr)
    }

    /// The door list: confirmed bookings in order, lined up, with a total; `--email` finds a
    /// customer's; `--all` adds holds and ended bookings with their status.
    func testBookingsListsTheDoorListAndFindsACustomerByEmail() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let showId = String(try cli.createShow(name: "Gala", rows: 2, seatsPerRow: 5))
        func book(_ seats: [String], _ email: String, paid: [String] = []) throws -> Int {
            let id = try XCTUnwrap(try cli.run(["hold", showId] + seats + ["--json"]).object()["booking_id"] as? Int)
            XCTAssertEqual(try cli.run(["confirm", String(id), "--email", email] + paid).status, 0)
            return id
        }
        let ann = try book(["A1", "A2"], "ann@example.com", paid: ["--paid", "card"])
        let bob = try book(["B5"], "robert.longname@example.org")
        let held = try XCTUnwrap(try cli.run(["hold", showId, "A3", "--json"]).object()["booking_id"] as? Int)

        let door = try cli.run(["bookings", showId])
        XCTAssertEqual(door.status, 0, door.stderr)
        let lines = door.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("Gala (show \(showId)), "), lines[0])
        XCTAssertEqual(Array(lines.dropFirst()), [
            " Booking  Total  Paid  Email                        Seats",
            String(format: "%8d  50.00  card  ann@example.com              A1 A2", ann),
            String(format: "%8d  25.00  -     robert.longname@example.org  B5", bob),
            "2 confirmed bookings: 3 seats, 75.00 in all.",
        ])
        XCTAssertEqual(try cli.run(["bookings", showId, "--email", "ROBERT"]).stdout.split(separator: "\n").last,
                       "1 confirmed booking with an email containing \"ROBERT\": 1 seat, 25.00 in all.")
        XCTAssertEqual(try cli.run(["bookings", showId, "--email", "carol"]).stdout.split(separator: "\n").last,
                       "No confirmed bookings with an email containing \"carol\".")

        let every = try XCTUnwrap(try cli.run(["bookings", showId, "--all", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(every.map { $0["booking_id"] as? Int }, [ann, bob, held])
        XCTAssertEqual(every.map { $0["status"] as? String }, ["CONFIRMED", "CONFIRMED", "PENDING"])
        XCTAssertEqual(every.first?["total"] as? String, "50.00")
        XCTAssertEqual(every.first?["seats"] as? [String], ["A1", "A2"])
        XCTAssertEqual(try cli.run(["bookings", "424242"]).status, 4)
        XCTAssertEqual(try cli.run(["bookings", "x"]).status, 64)

        // Without a show, --email looks through every coming show, with a Show column.
        let otherShow = String(try cli.createShow(name: "Matinee", rows: 1, seatsPerRow: 5))
        let id = try XCTUnwrap(try cli.run(["hold", otherShow, "A4", "--json"]).object()["booking_id"] as? Int)
        XCTAssertEqual(try cli.run(["confirm", String(id), "--email", "Ann@Example.com"]).status, 0)
        let anywhere = try cli.run(["bookings", "--email", "ann@"])
        XCTAssertEqual(anywhere.status, 0, anywhere.stderr)
        XCTAssertEqual(anywhere.stdout.split(separator: "\n").map(String.init), [
            " Booking    Show  Total  Paid  Email            Seats",
            String(format: "%8d  %6d  50.00  card  ann@example.com  A1 A2", ann, Int(showId)!),
            String(format: "%8d  %6d  25.00  -     Ann@example.com  A4", id, Int(otherShow)!),
            "2 confirmed bookings with an email containing \"ann@\" in coming shows: 3 seats, 75.00 in all.",
        ])
        let anywhereJSON = try XCTUnwrap(try cli.run(["bookings", "--email", "ann@", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(anywhereJSON.map { $0["show_id"] as? Int }, [Int(showId), Int(otherShow)])
        let bare = try cli.run(["bookings"])
        XCTAssertEqual(bare.status, 64)
        XCTAssertTrue(bare.stderr.contains("Give a show id, or --email to look through every coming show."), bare.stderr)
        XCTAssertEqual(try cli.run(["bookings", "--email", "ann", "--all"]).status, 64)
    }

    /// Cashing up: `modex sales` gives each operator's sales and refunds of the day, with totals.
    func testSalesGivesEachOperatorsTakingsOfTheDay() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let cli = try CLIRunner.withFreshDatabase()
        let showId = String(try cli.createShow(name: "Takings", rows: 1, seatsPerRow: 5))
        XCTAssertEqual(try cli.run(["sales"]).stdout.split(separator: "\n").last, "Nothing was sold or refunded.")
        var ids: [String] = []
        for (seats, paid) in [(["A1", "A2"], ["--paid", "cash"]), (["A3"], ["--paid", "card"]), (["A4"], [])] {
            let id = String(try XCTUnwrap(try cli.run(["hold", showId] + seats + ["--json"]).object()["booking_id"] as? Int))
            XCTAssertEqual(try cli.run(["confirm", id, "--email", "fan@example.com"] + paid).status, 0)
            ids.append(id)
        }
        XCTAssertEqual(try cli.run(["cancel", ids[0]]).stdout, "Booking \(ids[0]) cancelled; its seats are free again: refund 50.00 in cash to fan@example.com.\n")
        let me = OperatorIdentity.current
        let sales = try cli.run(["sales"])
        XCTAssertEqual(sales.status, 0, sales.stderr)
        let lines = sales.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("Sales on 20"), lines[0])
        let pad = String(repeating: " ", count: max(0, "Operator".count - me.count))
        let name = me.count >= "Operator".count ? me : me + pad
        let widthPad = String(repeating: " ", count: max(0, me.count - "Operator".count))
        // 100.00 sold (50.00 cash, 25.00 card, 25.00 not said), the cash refunded: the drawer holds 0.00.
        XCTAssertEqual(Array(lines.dropFirst()), [
            "Operator\(widthPad)  Seats    Sold  Refunded    Net  Cash   Card  Unknown",
            "\(name)      4  100.00     50.00  50.00  0.00  25.00    25.00",
            "Total\(String(repeating: " ", count: name.count - 5))      4  100.00     50.00  50.00  0.00  25.00    25.00",
            "Unknown: confirmed without saying how it was paid.",
        ])
        let json = try cli.run(["sales", "--date", "today", "--json"]).object()
        let row = try XCTUnwrap((json["operators"] as? [[String: Any]])?.first)
        XCTAssertEqual(row["operator"] as? String, me)
        let sold = try XCTUnwrap(row["sold"] as? [String: Any]), refunded = try XCTUnwrap(row["refunded"] as? [String: Any])
        XCTAssertEqual([sold["amount"], sold["cash"], sold["card"]] as? [String], ["100.00", "50.00", "25.00"])
        XCTAssertEqual([refunded["amount"], refunded["cash"], refunded["card"]] as? [String], ["50.00", "50.00", "0.00"])
        XCTAssertEqual(refunded["seats"] as? Int, 2)
        XCTAssertEqual([row["net"], row["net_cash"], row["net_card"]] as? [String], ["50.00", "0.00", "25.00"])
        XCTAssertEqual(try cli.run(["sales", "--date", "yesterday"]).stdout.split(separator: "\n").last, "Nothing was sold or refunded.")
        let bad = try cli.run(["sales", "--date", "2026-02-30"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("\"2026-02-30\" is not a day (expected e.g. 2026-11-26)"), bad.stderr)
    }

    /// Once a manager is named, others are refused manager's work with exit 77 and a sentence
    /// naming the managers; their own sales they may still cancel.
    func testOnlyNamedManagersCreateShowsOnceOneIsNamed() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let me = OperatorIdentity.current
        XCTAssertEqual(try cli.run(["manager"]).stdout, "No managers are named: every operator may create shows and cancel bookings.\n")
        let show = String(try cli.createShow(name: "Before", rows: 1, seatsPerRow: 3))
        func sold(_ seat: String) throws -> String {
            let id = String(try XCTUnwrap(try cli.run(["hold", show, seat, "--json"]).object()["booking_id"] as? Int))
            XCTAssertEqual(try cli.run(["confirm", id, "--email", "fan@example.com"]).status, 0)
            return id
        }
        let id = try sold("A1"), used = try sold("A2")

        let named = try cli.run(["manager", "add", "alice-\(me)"])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(try cli.run(["manager", "list", "--json"]).object()["managers"] as? [String], ["alice-\(me)"])
        let refused = try cli.run(["show", "create", "--name", "After", "--starts", "2030-01-01T19:30", "--rows", "1", "--seats-per-row", "2", "--json"])
        XCTAssertEqual(refused.status, 77)
        XCTAssertTrue(refused.stderr.contains("Only a manager can create a show, and \(me) is not one; managers: alice-\(me)"), refused.stderr)
        XCTAssertEqual((try refused.object()["error"] as? [String: Any])?["code"] as? String, "not_allowed")
        XCTAssertEqual(try cli.run(["show", "delete", show]).status, 77)
        XCTAssertEqual(try cli.run(["manager", "remove", "alice-\(me)"]).status, 77)
        XCTAssertEqual(try cli.run(["cancel", id]).status, 0, "a booking this operator sold")
        try Database(conninfo: try XCTUnwrap(cli.environment["DATABASE_URL"]))
            .run("UPDATE shows SET starts_at = now() - interval '5 minutes' WHERE show_id = $1", [.int(Int64(show)!)])
        let late = try cli.run(["cancel", used])
        XCTAssertEqual(late.status, 77, "after curtain-up, even the seller's own sale")
        XCTAssertEqual(late.stderr, "modex: Only a manager can cancel booking \(used) once the show has begun; managers: alice-\(me)\n")
        XCTAssertEqual(try cli.run(["manager", "add", "two words"]).status, 64)
    }

    /// A show that started more than 12 hours ago is listed as past its sales, in words and JSON.
    func testAPastShowIsMarkedSalesClosed() throws {
        let cli = try CLIRunner.withFreshDatabase()
        let past = try cli.createShow(name: "Last week", rows: 1, seatsPerRow: 2)
        let coming = try cli.createShow(name: "Next week", rows: 1, seatsPerRow: 2)
        try Database(conninfo: try XCTUnwrap(cli.environment["DATABASE_URL"]))
            .run("UPDATE shows SET starts_at = now() - interval '7 days' WHERE show_id = $1", [.int(Int64(past))])
        let lines = try cli.run(["shows"]).stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasSuffix("  Next week"), String(lines[0]))
        XCTAssertTrue(lines[1].hasSuffix("  Last week (sales closed)"), String(lines[1]))
        let json = try XCTUnwrap(try cli.run(["shows", "--json"]).json() as? [[String: Any]])
        XCTAssertEqual(json.map { $0["show_id"] as? Int }, [coming, past])
        XCTAssertEqual(json.map { $0["sales_closed"] as? Bool }, [false, true])
    }

    func testAGridShowCostsItsPriceOrTheDefault() throws {
        let cli = try CLIRunner.withFreshDatabase()
        func price(_ extra: [String]) throws -> String? {
            let created = try cli.run(["show", "create", "--name", "Grid", "--starts", "2099-12-01T19:30",
                                       "--rows", "2", "--seats-per-row", "3", "--json"] + extra)
            XCTAssertEqual(created.status, 0, created.stderr)
            let showId = try XCTUnwrap(try created.object()["show_id"] as? Int)
            let categories = try XCTUnwrap(try cli.run(["seats", String(showId), "--json"]).object()["categories"] as? [[String: Any]])
            return categories.first?["price"] as? String
        }
        XCTAssertEqual(try price([]), "25.00")
        XCTAssertEqual(try price(["--price", "12.5"]), "12.50")
        let refused = try cli.run(["show", "create", "--name", "Grid", "--starts", "2099-12-01T19:30",
                                   "--rows", "2", "--seats-per-row", "3", "--price", "12,50"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("\"12,50\" is not a price such as 25.00"), refused.stderr)
        let tooHigh = try cli.run(["show", "create", "--name", "Grid", "--starts", "2099-12-01T19:30",
                                   "--rows", "2", "--seats-per-row", "3", "--price", "1234567.89"])
        XCTAssertEqual(tooHigh.status, 64)
        XCTAssertEqual(tooHigh.stderr, "modex: \"1234567.89\" is more than the 1,000,000.00 a seat may cost\n")
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }
}
