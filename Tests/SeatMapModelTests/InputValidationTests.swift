import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

final class InputValidationTests: XCTestCase {
    /// The quick trim answers exactly as Foundation's, on strings of spaces, tabs, other
    /// Unicode spaces, newlines, letters and combining marks.
    func testTheQuickTrimAgreesWithFoundation() {
        let pieces = [" ", "\t", "\u{00A0}", "\u{2003}", "\n", "\r\n", "A", "b7", "\u{301}", "é", "-", "\u{200B}"]
        var rng = SeededGenerator(seed: 24)
        for _ in 0..<5_000 {
            let raw = (0..<Int.random(in: 0...5, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(InputValidation.trimmed(raw), raw.trimmingCharacters(in: .whitespaces), "\(Array(raw.unicodeScalars))")
        }
    }

    func testUnknownShowSeatAndBookingAreNotFound() throws {
        let f = try Fixture()
        assertThrows(.notFound("Show 424242 does not exist")) { _ = try f.service().hold(seats: ["A1"], for: 424_242) }
        assertThrows(.notFound("Show \(f.showId) has no seat A99, B1")) { _ = try f.service().hold(seats: ["A1", "B1", "A99"], for: f.showId) }
        assertThrows(.notFound("Booking 777 does not exist")) { _ = try f.service().booking(777) }
        assertThrows(.notFound("Booking 777 does not exist")) { try f.service().confirm(booking: 777, email: "a@example.com") }
        assertThrows(.notFound("Booking 777 does not exist")) { try f.service().release(booking: 777) }
        assertThrows(.notFound("Show 424242 does not exist")) { _ = try ShowCatalog(database: f.db).seatMap(show: 424_242) }
        assertThrows(.notFound("Show 424242 does not exist")) { _ = try ShowCatalog(database: f.db).seatLabels(show: 424_242) }
        XCTAssertEqual(try ShowCatalog(database: f.db).seatLabels(show: f.showId),
                       try ShowCatalog(database: f.db).seatMap(show: f.showId).seats.map(\.label))
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 0, "a failed hold leaves nothing behind")
    }

    func testWrongStatesAreRefusedWithReasons() throws {
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A1"], for: f.showId)
        assertThrows(code: "wrong_state", containing: "not yet confirmed") { try f.service().cancel(booking: hold.bookingId) }
        try f.service().confirm(booking: hold.bookingId, email: "a@example.com")
        assertThrows(code: "wrong_state", containing: "confirmed") { try f.service().confirm(booking: hold.bookingId, email: "a@example.com") }
        assertThrows(code: "wrong_state", containing: "confirmed") { try f.service().release(booking: hold.bookingId) }
        try f.service().cancel(booking: hold.bookingId)
        assertThrows(code: "wrong_state", containing: "cancelled") { try f.service().cancel(booking: hold.bookingId) }
        XCTAssertEqual(try f.storedSeats()["A1"]?.status, "AVAILABLE")
        try f.assertClean()
    }

    func testMalformedLabelsAreRefused() {
        for bad in ["", "7B", "B0", "B07", "b", "B", "ABCD1", "B12345", "B7;DROP", "TOOLONGX-A1", "-A1", "A-1", "Б7", "B 7"] {
            assertThrows(code: "invalid_input", containing: "seat label") { _ = try InputValidation.seatLabel(bad) }
        }
        XCTAssertEqual(try InputValidation.seatLabel(" b7 "), "B7")
        XCTAssertEqual(try InputValidation.seatLabel("n1-aa12"), "N1-AA12")
        XCTAssertEqual(try InputValidation.seatLabels(["A1", "a1", "A2"], maxSeats: 2), ["A1", "A2"])
        assertThrows(.invalidInput("11 seats is more than the 10 one hold may take")) {
            _ = try InputValidation.seatLabels((1...11).map { "A\($0)" }, maxSeats: 10)
        }
        assertThrows(.invalidInput("No seats were given")) { _ = try InputValidation.seatLabels([], maxSeats: 10) }
    }

    /// A row's range stands for each of its seats, written as the picker shows it or with two
    /// dots, either way round; one that crosses rows, has a bad end or is longer than a hold
    /// is refused before it is spelt out.
    func testARowsRangeStandsForItsSeats() throws {
        XCTAssertEqual(try InputValidation.seatLabels(["b3..b5"], maxSeats: 10), ["B3", "B4", "B5"])
        XCTAssertEqual(try InputValidation.seatLabels(["N1-AA12–N1-AA10", "N1-AA11", "A1"], maxSeats: 10),
                       ["N1-AA10", "N1-AA11", "N1-AA12", "A1"], "each seat once, in the order given")
        XCTAssertEqual(try InputValidation.seatLabels(["C7—C7"], maxSeats: 1), ["C7"])
        assertThrows(.invalidInput("\"A1..B2\" goes from one row to another; name each row's seats")) {
            _ = try InputValidation.seatLabels(["A1..B2"], maxSeats: 10)
        }
        assertThrows(.invalidInput("\"N1-A1..N2-A3\" goes from one row to another; name each row's seats")) {
            _ = try InputValidation.seatLabels(["N1-A1..N2-A3"], maxSeats: 10)
        }
        for bad in ["A1..", "..A3", "A1..Q", "A1...A3", "A0..A3", ".."] {
            assertThrows(.invalidInput("\"\(bad)\" is not a range of seats (expected two seats of one row, such as B3..B6)")) {
                _ = try InputValidation.seatLabels([bad], maxSeats: 10)
            }
        }
        assertThrows(.invalidInput("\"A1..A9999\" is 9999 seats, more than the 10 one hold may take")) {
            _ = try InputValidation.seatLabels(["A1..A9999"], maxSeats: 10)
        }
        assertThrows(.invalidInput("12 seats is more than the 10 one hold may take")) {
            _ = try InputValidation.seatLabels(["A1..A6", "B1..B6"], maxSeats: 10)
        }
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A1..A3"], for: f.showId)
        XCTAssertEqual(hold.labels, ["A1", "A2", "A3"])
        XCTAssertEqual(try f.service().findHold(request: "none", show: f.showId, seats: ["A3–A1"]), nil)
        try f.service().confirm(booking: hold.bookingId, email: "a@example.com")
        let returned = try f.service().returnSeats(["a2..A3"], of: hold.bookingId)
        XCTAssertEqual(returned.booking.seats, ["A2", "A3"])
        XCTAssertEqual(try f.service().booking(hold.bookingId).seats, ["A1"])
        try f.assertClean()
    }

    func testEmailsAreValidated() throws {
        for bad in ["", "plain", "@example.com", "a@", "a@b", "a@b.c", "a b@example.com", "a@@example.com", "a@exa mple.com",
                    "a@-example.com", "a..b@example.com", ".a@example.com", "a@example.c0m", String(repeating: "x", count: 250) + "@example.com",
                    "a@example.com\n", "a\"b@example.com"] {
            assertThrows(code: "invalid_input") { _ = try InputValidation.email(bad) }
        }
        XCTAssertEqual(try InputValidation.email("Jo.Smith+tix@Example.CO.uk"), "Jo.Smith+tix@example.co.uk")
        let f = try Fixture()
        let hold = try f.service().hold(seats: ["A1"], for: f.showId)
        assertThrows(code: "invalid_input", containing: "\"nope\" is not an email address (like name@example.com)") { try f.service().confirm(booking: hold.bookingId, email: "nope") }
        XCTAssertEqual(try f.service().booking(hold.bookingId).status, .pending)
    }

    func testNamesAndSizesAreChecked() throws {
        assertThrows(.invalidInput("The show name is empty")) { _ = try InputValidation.showName("   ") }
        assertThrows(code: "invalid_input", containing: "limit is 200") { _ = try InputValidation.showName(String(repeating: "n", count: 201)) }
        assertThrows(code: "invalid_input", containing: "control characters") { _ = try InputValidation.showName("a\u{7}b") }
        XCTAssertEqual(try InputValidation.showName(String(repeating: "é", count: 200)).count, 200)
        assertThrows(code: "invalid_input", containing: "more than the 100000") { _ = try VenuePlan.grid(rows: 1000, seatsPerRow: 999) }
        assertThrows(code: "invalid_input", containing: "not a real venue") { _ = try VenuePlan.grid(rows: 10, seatsPerRow: 1_000_000) }
        assertThrows(code: "invalid_input", containing: "at least one row") { _ = try VenuePlan.grid(rows: 0, seatsPerRow: 10) }
        assertThrows(code: "invalid_input", containing: "at least one row") { _ = try VenuePlan.grid(rows: -5, seatsPerRow: 10) }
        assertThrows(code: "invalid_input", containing: "start time") { _ = try InputValidation.startTime("tomorrow") }
        assertThrows(code: "invalid_input", containing: "hold duration must be between 1 and 3600 seconds (got 0)") { _ = try InputValidation.holdSeconds(0) }
        assertThrows(code: "invalid_input", containing: "(got 0.5)") { _ = try InputValidation.holdSeconds(0.5) }
        assertThrows(code: "invalid_input", containing: "(got inf)") { _ = try InputValidation.holdSeconds(.infinity) }
        let start = try InputValidation.startTime("2026-12-01T19:30", timeZone: TimeZone(identifier: "UTC")!)
        XCTAssertEqual(start, Date(timeIntervalSince1970: 1_796_153_400))
        XCTAssertEqual(try InputValidation.startTime("2026-12-01T19:30:00+01:00"), Date(timeIntervalSince1970: 1_796_149_800))
        let utc = TimeZone(identifier: "UTC")!
        XCTAssertEqual(InputValidation.startTimeText(Date(timeIntervalSince1970: 1_796_149_800), timeZone: utc), "2026-12-01 18:30")
        XCTAssertEqual(try InputValidation.startTime(InputValidation.startTimeText(Date(timeIntervalSince1970: 1_796_149_800), timeZone: utc), timeZone: utc),
                       Date(timeIntervalSince1970: 1_796_149_800), "what is shown can be typed back")
    }

    func testInjectionShapedAndNonASCIINamesAreStoredVerbatim() throws {
        let f = try Fixture()
        let catalog = ShowCatalog(database: f.db)
        let names = ["Robert'); DROP TABLE shows;--", "\"; SELECT pg_sleep(10); --", "Ünïcødé 🎭 名前 \\ $1 %s {a,b}", "O'Neill & Sons \"Live\""]
        var ids: [Int64] = []
        for name in names {
            ids.append(try catalog.createShow(name: name, startsAt: Date(), plan: try VenuePlan.grid(rows: 1, seatsPerRow: 2)))
        }
        for (id, name) in zip(ids, names) { XCTAssertEqual(try catalog.show(id).name, name) }
        XCTAssertEqual(try catalog.shows().count, names.count + 1)
        let hold = try f.service().hold(seats: ["A1"], for: ids[0], email: "o'neill@example.com")
        XCTAssertEqual(try f.service().booking(hold.bookingId).email, "o'neill@example.com")
    }

    /// A start more than 12 hours ago (by the database clock) is a mistyped date, not a show to
    /// sell; a show entered late on its own day is still accepted.
    func testAShowThatWouldStartInThePastIsRefused() throws {
        let f = try Fixture()
        let catalog = ShowCatalog(database: f.db)
        let plan = try VenuePlan.grid(rows: 1, seatsPerRow: 2)
        let before = try catalog.shows().count
        assertThrows(code: "invalid_input", containing: "in the past; check the date") {
            _ = try catalog.createShow(name: "Last year", startsAt: Date(timeIntervalSinceNow: -365 * 86_400), plan: plan)
        }
        assertThrows(code: "invalid_input", containing: "in the past") {
            _ = try catalog.createShow(name: "This morning", startsAt: Date(timeIntervalSinceNow: -13 * 3600), plan: plan)
        }
        XCTAssertEqual(try catalog.shows().count, before, "nothing of a refused show is stored")
        XCTAssertNoThrow(try catalog.createShow(name: "Started an hour ago", startsAt: Date(timeIntervalSinceNow: -3600), plan: plan))
    }

    /// The show list puts coming shows first, soonest first, and shows that are over after them,
    /// latest first: last month's shows must not push tonight's off the screen.
    func testShowsThatAreOverComeAfterTheComingOnes() throws {
        let f = try Fixture()   // its show starts in a day
        let catalog = ShowCatalog(database: f.db)
        let plan = try VenuePlan.grid(rows: 1, seatsPerRow: 2)
        let tonight = try catalog.createShow(name: "Tonight", startsAt: Date(timeIntervalSinceNow: -3600), plan: plan)
        let nextWeek = try catalog.createShow(name: "Next week", startsAt: Date(timeIntervalSinceNow: 7 * 86_400), plan: plan)
        let lastWeek = try catalog.createShow(name: "Last week", startsAt: Date(timeIntervalSinceNow: 86_400), plan: plan)
        let lastMonth = try catalog.createShow(name: "Last month", startsAt: Date(timeIntervalSinceNow: 86_400), plan: plan)
        try f.db.run("UPDATE shows SET starts_at = now() - interval '7 days' WHERE show_id = $1", [.int(lastWeek)])
        try f.db.run("UPDATE shows SET starts_at = now() - interval '30 days' WHERE show_id = $1", [.int(lastMonth)])
        XCTAssertEqual(try catalog.shows().map(\.showId), [tonight, f.showId, nextWeek, lastWeek, lastMonth])
    }

    func testHoldPolicyReadsTheEnvironment() throws {
        let policy = try HoldPolicy.fromEnvironment(["MODEX_HOLD_SECONDS": "30", "MODEX_MAX_SEATS": "4", "MODEX_SWEEP_SECONDS": "2"])
        XCTAssertEqual(policy.holdSeconds, 30)
        XCTAssertEqual(policy.maxSeatsPerHold, 4)
        XCTAssertEqual(policy.sweepInterval, 2)
        assertThrows(code: "invalid_input", containing: "MODEX_SWEEP_SECONDS=0") { _ = try HoldPolicy.fromEnvironment(["MODEX_SWEEP_SECONDS": "0"]) }
        XCTAssertEqual(try HoldPolicy.fromEnvironment([:]).holdSeconds, 120)
        assertThrows(code: "invalid_input") { _ = try HoldPolicy.fromEnvironment(["MODEX_HOLD_SECONDS": "soon"]) }
        assertThrows(code: "invalid_input") { _ = try HoldPolicy.fromEnvironment(["MODEX_MAX_SEATS": "0"]) }
    }

    func testHoldDurationIsSetByTheDatabaseClock() throws {
        let f = try Fixture()
        let before = try ChangeFeed(database: f.db).databaseTime()
        let hold = try f.service(holdSeconds: 120).hold(seats: ["A1"], for: f.showId)
        let after = try ChangeFeed(database: f.db).databaseTime()
        XCTAssertGreaterThanOrEqual(hold.expiresAt.timeIntervalSince(before), 119.999)
        XCTAssertLessThanOrEqual(hold.expiresAt.timeIntervalSince(after), 120.001)
        XCTAssertEqual(try f.service().booking(hold.bookingId).operatorName, "tester")
    }
}

final class ExtendHoldTests: XCTestCase {
    func testExtendAddsTimeUpToTheCap() throws {
        let f = try Fixture()
        var policy = f.service().policy
        policy.holdSeconds = 120
        policy.extensionSeconds = 60
        policy.maxHoldSeconds = 200
        let service = HoldService(database: f.db, policy: policy)
        let hold = try service.hold(seats: ["A1"], for: f.showId, request: "order-1")
        XCTAssertTrue(hold.canBeExtended)
        let once = try service.extend(booking: hold.bookingId)
        XCTAssertEqual(once.timeIntervalSince(hold.expiresAt), 60, accuracy: 0.001)
        let twice = try service.extend(booking: hold.bookingId)
        XCTAssertEqual(twice.timeIntervalSince(hold.expiresAt), 80, accuracy: 0.001, "capped at 200 s after the hold was made")
        // The hold knows where the cap is, as does the same hold found again by its request.
        XCTAssertEqual(try XCTUnwrap(hold.longestExpiry).timeIntervalSince(twice), 0, accuracy: 0.001)
        let found = try XCTUnwrap(try service.findHold(request: "order-1", show: f.showId, seats: ["A1"]))
        XCTAssertEqual(try XCTUnwrap(found.longestExpiry).timeIntervalSince(twice), 0, accuracy: 0.001)
        XCTAssertFalse(found.canBeExtended)
        assertThrows(code: "wrong_state", containing: "longest allowed") { _ = try service.extend(booking: hold.bookingId) }
        XCTAssertEqual(try ShowCatalog(database: f.db).seatMap(show: f.showId).seats.first?.holdExpiresAt, twice)
        try service.confirm(booking: hold.bookingId, email: "x@example.com")
        assertThrows(code: "wrong_state", containing: "confirmed") { _ = try service.extend(booking: hold.bookingId) }
        try f.assertClean()
    }
}
