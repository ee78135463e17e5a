import Foundation
import Logging
@testable import ModexTUI
import ModexTestSupport
import SeatMapModel
import SeatPickerUI
import Synchronization
import XCTest

/// The seat picker's database thread: an announcement it still owes when its connection dies
/// is sent on the next connection, so other terminals see the change within a second instead
/// of at their periodic check.
final class DatabaseWorkerTests: XCTestCase {
    func testAnAnnouncementOwedWhenTheConnectionDiesIsSentOnTheNextConnection() throws {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let showId = try ShowCatalog(database: db).createShow(
            name: "Worker", startsAt: Date(timeIntervalSinceNow: 86_400), plan: try VenuePlan.grid(rows: 1, seatsPerRow: 10))
        let listener = try Database(conninfo: conninfo)
        try ChangeFeed(database: listener).listen()
        var policy = HoldPolicy()
        policy.operatorName = "tester"
        policy.announcementInterval = 1.5   // long enough to cut the connection before it ends
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo, applicationName: "worker-under-test") },
                                    policy: policy, inbox: inbox, log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }

        func hold(_ label: String) throws -> Hold {
            worker.submit(.hold(showId: showId, labels: [label]))
            var held: Hold?
            _ = eventually(within: 5) {
                for case .held(let hold) in inbox.drain() { held = hold }
                return held != nil
            }
            return try XCTUnwrap(held, "\(label) was held")
        }

        _ = try hold("A1")
        XCTAssertEqual(try listener.announcementsHeard(of: showId, within: 0.3), 1, "the first change is announced at once")
        let started = Date()
        _ = try hold("A2")   // inside the interval: owed until it ends
        let killed = try db.run("SELECT count(*) AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'worker-under-test') t").single().int("n")
        XCTAssertEqual(killed, 1)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, "the connection was cut before the announcement was due")
        XCTAssertEqual(try listener.announcementsHeard(of: showId, within: 4), 1, "the owed announcement arrives from a new connection, once")
        XCTAssertEqual(try db.run("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'worker-under-test'").single().int("n"), 1,
                       "the worker reconnected by itself")
    }

    /// Opening or holding seats of a show deleted meanwhile answers `.showDeleted`, so the picker
    /// leaves it; a booking that does not exist is still an ordinary failure, which names the
    /// booking it was about.
    func testRequestsForADeletedShowAnswerThatItWasDeleted() throws {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let catalog = ShowCatalog(database: db)
        let showId = try catalog.createShow(name: "Gone", startsAt: Date(timeIntervalSinceNow: 86_400),
                                            plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        _ = try catalog.deleteShow(showId)
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo) }, policy: HoldPolicy(), inbox: inbox,
                                    log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }
        var answers: [Msg] = []
        for effect in [Effect.openShow(showId), .hold(showId: showId, labels: ["A1"]), .findBookings(showId: showId, query: "ann"),
                       .release(bookingId: 424_242)] {
            worker.submit(effect)
            let count = answers.count
            XCTAssertTrue(eventually(within: 5) { answers += inbox.drain(); return answers.count > count }, "\(effect) was answered")
        }
        XCTAssertEqual(answers, [.showDeleted(showId: showId), .showDeleted(showId: showId), .showDeleted(showId: showId),
                                 .releaseFailed(bookingId: 424_242, .notFound("Booking 424242 does not exist"))])
    }

    /// The new-show form's grid is created at the price the manager typed.
    func testANewGridShowGetsThePriceFromTheForm() throws {
        let conninfo = try TestCluster.freshDatabase()
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo) }, policy: HoldPolicy(), inbox: inbox,
                                    log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }
        worker.submit(.createShow(name: "Matinee", startsAt: Date(timeIntervalSinceNow: 86_400),
                                  source: .grid(rows: 2, seatsPerRow: 3, priceCents: 1_250)))
        var created: Int64?
        XCTAssertTrue(eventually(within: 5) {
            for case .showCreated(let id) in inbox.drain() { created = id }
            return created != nil
        }, "the show was created")
        let map = try ShowCatalog(database: try Database(conninfo: conninfo)).seatMap(show: try XCTUnwrap(created))
        XCTAssertEqual(map.categories.map(\.priceCents), [1_250])
        XCTAssertEqual(map.seats.count, 6)
    }

    /// A fresh database with a 4-seat show, A1 and A2 booked for ann@example.com.
    func showWithAnnsBooking() throws -> (conninfo: String, db: Database, showId: Int64, ann: Int64) {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let showId = try ShowCatalog(database: db).createShow(name: "Ann's", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                              plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let holds = HoldService(database: db)
        let ann = try holds.hold(seats: ["A1", "A2"], for: showId).bookingId
        _ = try holds.confirm(booking: ann, email: "ann@example.com")
        return (conninfo, db, showId, ann)
    }

    /// The first answer `worker` posts to `inbox` for `effect`, other than news of the
    /// connection; nil if none comes within 5 s.
    func firstAnswer(of worker: DatabaseWorker, in inbox: Inbox, to effect: Effect) -> Msg? {
        worker.submit(effect)
        var answer: Msg?
        _ = eventually(within: 5) {
            answer = inbox.drain().first { if case .connection = $0 { false } else { true } }
            return answer != nil
        }
        return answer
    }

    /// A started worker on the database `conninfo` names, with its inbox; the caller stops it.
    func startWorker(on conninfo: String) -> (DatabaseWorker, Inbox) {
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo) }, policy: HoldPolicy(), inbox: inbox,
                                    log: Logger(label: "test"))
        worker.start()
        return (worker, inbox)
    }

    /// "Find booking" reads the show's confirmed bookings by part of the email, or by number.
    func testFindBookingsSearchesByEmailOrNumber() throws {
        let (conninfo, db, showId, ann) = try showWithAnnsBooking()
        let (worker, inbox) = startWorker(on: conninfo)
        defer { worker.stop() }
        for query in ["ANN@", String(ann)] {
            worker.submit(.findBookings(showId: showId, query: query))
            var found: [BookingLedger.Entry]?
            XCTAssertTrue(eventually(within: 5) {
                for case .bookingsFound(showId, query, let entries) in inbox.drain() { found = entries }
                return found != nil
            }, "\(query) was answered")
            XCTAssertEqual(found?.map(\.booking.seats), [["A1", "A2"]], query)
            XCTAssertEqual(found?.map(\.totalCents), [5_000], query)

            worker.submit(.findComingBookings(query: query))
            var coming: [BookingLedger.Entry]?
            XCTAssertTrue(eventually(within: 5) {
                for case .comingBookingsFound(query, let entries) in inbox.drain() { coming = entries }
                return coming != nil
            }, "\(query) was answered from the show list")
            XCTAssertEqual(coming?.map(\.booking.showId), [showId], query)
        }
        // A search that fails is answered as such, not as `.failed`, which would end the map's
        // request in flight.
        try db.run("ALTER TABLE price_categories RENAME TO price_categories_away")
        defer { _ = try? db.run("ALTER TABLE price_categories_away RENAME TO price_categories") }
        worker.submit(.findBookings(showId: showId, query: "ann"))
        var failed: BookingError?
        XCTAssertTrue(eventually(within: 5) {
            for case .lookupFailed("ann", let error) in inbox.drain() { failed = error }
            return failed != nil
        }, "the failed search was answered")
        XCTAssertEqual(failed?.code, "database_error", "\(String(describing: failed))")
    }

    /// The show list is read with the managers, so the picker knows who may create a show.
    func testTheShowListComesWithTheManagers() throws {
        let (conninfo, db, _, _) = try showWithAnnsBooking()
        try Managers(database: db).add("alice", by: "alice")
        let (worker, inbox) = startWorker(on: conninfo)
        defer { worker.stop() }
        worker.submit(.loadShows)
        var answers: [Msg] = []
        XCTAssertTrue(eventually(within: 5) {
            answers += inbox.drain().filter { if case .connection = $0 { false } else { true } }
            return answers.count >= 2
        }, "both were answered")
        XCTAssertEqual(answers.first, .managersLoaded(["alice"]))
        guard case .showsLoaded(let shows)? = answers.last else { return XCTFail("then the list: \(answers)") }
        XCTAssertEqual(shows.map(\.name), ["Ann's"])
    }

    /// `s` on the show list: today's takings, today being this terminal's day; `←` reads the day before.
    func testTodaysSalesAreReadForTheSalesScreen() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let (conninfo, _, _, _) = try showWithAnnsBooking()
        let (worker, inbox) = startWorker(on: conninfo)
        defer { worker.stop() }
        func sales(daysBeforeToday back: Int) -> (day: String, lines: [SalesReport.Line])? {
            worker.submit(.loadSales(daysBeforeToday: back))
            var answer: (String, [SalesReport.Line])?
            _ = eventually(within: 5) {
                for case .salesLoaded(let day, back, let lines) in inbox.drain() { answer = (day, lines) }
                return answer != nil
            }
            return answer
        }
        let today = try XCTUnwrap(sales(daysBeforeToday: 0), "today's sales were answered")
        XCTAssertEqual(today.day, try SalesReport.day("today"))
        XCTAssertEqual(today.lines, [SalesReport.Line(operatorName: HoldPolicy().operatorName, sold: .init(bookings: 1, seats: 2, cents: 5_000))])
        let yesterday = try XCTUnwrap(sales(daysBeforeToday: 1), "yesterday's sales were answered")
        XCTAssertEqual(yesterday.day, try SalesReport.day("yesterday"))
        XCTAssertEqual(yesterday.lines, [], "the booking was sold today")
    }

    /// `X` then `y` on the map: the booking is read as the database has it, cancelled, and its
    /// seats are free for the next customer. A second cancellation is refused, and a booking no
    /// longer confirmed reads as none.
    func testABookingIsReadThenCancelledAndItsSeatsAreFree() throws {
        let (conninfo, db, showId, ann) = try showWithAnnsBooking()
        let holds = HoldService(database: db)
        let (worker, inbox) = startWorker(on: conninfo)
        defer { worker.stop() }
        func answer(to effect: Effect) -> Msg? { firstAnswer(of: worker, in: inbox, to: effect) }

        guard case .bookingToCancel(showId, ann, let entry?)? = answer(to: .readBookingToCancel(showId: showId, bookingId: ann)) else {
            return XCTFail("the booking was read")
        }
        XCTAssertEqual(entry.booking.seats, ["A1", "A2"])
        XCTAssertEqual(entry.booking.email, "ann@example.com")
        XCTAssertEqual(entry.totalCents, 5_000)
        XCTAssertEqual(answer(to: .cancelBooking(entry)), .cancelled(entry))
        XCTAssertEqual(try holds.booking(ann).status, .cancelled)
        XCTAssertEqual(try ShowCatalog(database: db).seatMap(show: showId).seats.filter { $0.status == .available }.count, 4)
        XCTAssertEqual(try holds.hold(seats: ["A1", "A2"], for: showId).labels, ["A1", "A2"], "the next customer can have them")

        // Once a manager is named, this worker's operator may not cancel another's sale, and is
        // told when the booking is read, before the question is put.
        var davesPolicy = HoldPolicy()
        davesPolicy.operatorName = "dave"
        let daves = HoldService(database: db, policy: davesPolicy)
        let dave = try daves.hold(seats: ["A3"], for: showId).bookingId
        _ = try daves.confirm(booking: dave, email: "d@example.com")
        try Managers(database: db).add("alice", by: "alice")
        guard case .lookupFailed("booking \(dave)", .notAllowed(let refusal))? = answer(to: .readBookingToCancel(showId: showId, bookingId: dave)) else {
            return XCTFail("reading another operator's booking to cancel is refused")
        }
        XCTAssertEqual(refusal, "Only a manager can cancel booking \(dave), which dave sold; managers: alice")
        try Managers(database: db).remove("alice", by: "alice")

        guard case .cancelFailed(ann, .wrongState(let why))? = answer(to: .cancelBooking(entry)) else {
            return XCTFail("a second cancel is refused, as a cancellation's own failure")
        }
        XCTAssertEqual(why, "Cannot cancel booking \(ann): it was already cancelled")
        XCTAssertEqual(answer(to: .readBookingToCancel(showId: showId, bookingId: ann)), .bookingToCancel(showId: showId, bookingId: ann, nil))
        XCTAssertEqual(answer(to: .readBookingToCancel(showId: showId + 1, bookingId: ann)), .showDeleted(showId: showId + 1))
    }

    /// `X` then `1` on the map: one seat of ann's two is given back; she keeps the other. A seat
    /// no longer hers is refused as the return's own failure.
    func testOneSeatOfABookingIsGivenBack() throws {
        let (conninfo, db, showId, ann) = try showWithAnnsBooking()
        let (worker, inbox) = startWorker(on: conninfo)
        defer { worker.stop() }
        func answer(to effect: Effect) -> Msg? { firstAnswer(of: worker, in: inbox, to: effect) }
        guard case .bookingToCancel(showId, ann, let entry?)? = answer(to: .readBookingToCancel(showId: showId, bookingId: ann)) else {
            return XCTFail("the booking was read")
        }
        guard case .seatsReturned(entry, let returned)? = answer(to: .returnSeats(entry, labels: ["A2"])) else {
            return XCTFail("the seat was given back")
        }
        XCTAssertEqual(returned.booking.seats, ["A2"])
        XCTAssertEqual(returned.booking.returnedFrom, ann)
        XCTAssertEqual(returned.totalCents, 2_500)
        let holds = HoldService(database: db)
        XCTAssertEqual(try holds.booking(ann).seats, ["A1"])
        XCTAssertEqual(try holds.booking(ann).status, .confirmed)
        guard case .cancelFailed(ann, .wrongState(let why))? = answer(to: .returnSeats(entry, labels: ["A2"])) else {
            return XCTFail("a second return of the seat is refused, as the return's own failure")
        }
        XCTAssertEqual(why, "Booking \(ann) has no seat A2 (its seats: A1)")
    }

    /// `p` then `2` on the map: ann's booking (confirmed without saying how it was paid) is read,
    /// then recorded as paid by card, with the correction kept. Another operator's sale is
    /// refused when it is read, once a manager is named; a booking gone meanwhile reads as none.
    func testHowABookingWasPaidIsReadThenCorrected() throws {
        let (conninfo, db, showId, ann) = try showWithAnnsBooking()
        let (worker, inbox) = startWorker(on: conninfo)
        defer { worker.stop() }
        func answer(to effect: Effect) -> Msg? { firstAnswer(of: worker, in: inbox, to: effect) }
        guard case .bookingToCorrectPayment(showId, ann, let entry?)? = answer(to: .readBookingToCorrectPayment(showId: showId, bookingId: ann)) else {
            return XCTFail("the booking was read")
        }
        XCTAssertNil(entry.booking.paidBy)
        XCTAssertEqual(answer(to: .correctPayment(entry, to: .card)), .paymentCorrected(entry, to: .card, was: nil))
        XCTAssertEqual(try HoldService(database: db).booking(ann).paidBy, .card)
        XCTAssertEqual(try BookingLedger(database: db).paymentCorrections(of: ann).map(\.after), [.card])
        XCTAssertEqual(answer(to: .correctPayment(entry, to: .card)), .paymentCorrected(entry, to: .card, was: .card),
                       "the same again changes nothing")
        XCTAssertEqual(try BookingLedger(database: db).paymentCorrections(of: ann).count, 1)

        var davesPolicy = HoldPolicy()
        davesPolicy.operatorName = "dave"
        let daves = HoldService(database: db, policy: davesPolicy)
        let dave = try daves.hold(seats: ["A3"], for: showId).bookingId
        _ = try daves.confirm(booking: dave, email: "d@example.com", paidBy: .cash)
        try Managers(database: db).add("alice", by: "alice")
        guard case .lookupFailed("booking \(dave)", .notAllowed(let refusal))? =
                answer(to: .readBookingToCorrectPayment(showId: showId, bookingId: dave)) else {
            return XCTFail("reading another operator's booking to correct its payment is refused")
        }
        XCTAssertEqual(refusal, "Only a manager can change how booking \(dave) was paid, which dave sold; managers: alice")
        try Managers(database: db).remove("alice", by: "alice")

        try HoldService(database: db).cancel(booking: ann)
        XCTAssertEqual(answer(to: .readBookingToCorrectPayment(showId: showId, bookingId: ann)),
                       .bookingToCorrectPayment(showId: showId, bookingId: ann, nil))
        guard case .paymentCorrectionFailed(424_242, .notFound)? = answer(to: .correctPayment(
            BookingLedger.Entry(booking: BookingDetails(bookingId: 424_242, showId: showId, status: .confirmed, seats: ["A4"], email: nil,
                                                        operatorName: "x", createdAt: Date(), expiresAt: Date(), confirmedAt: Date()), totalCents: 0),
            to: .cash)) else {
            return XCTFail("a correction's failure is its own")
        }
    }

    /// This terminal's clock is stepped a minute ahead while a map is open (NTP): the worker's
    /// next check sends the new offset, so the countdown keeps the database's time.
    func testASteppedLocalClockIsNoticedAndTheOffsetSentAgain() throws {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let showId = try ShowCatalog(database: db).createShow(name: "Clock", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                              plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let step = Mutex<TimeInterval>(0)
        var policy = HoldPolicy()
        policy.sweepInterval = 0.2
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo) }, policy: policy, inbox: inbox,
                                    log: Logger(label: "test"), clock: { Date().addingTimeInterval(step.withLock { $0 }) })
        worker.start()
        defer { worker.stop() }
        worker.submit(.openShow(showId))
        var opened: TimeInterval?
        XCTAssertTrue(eventually(within: 5) {
            for case .mapLoaded(_, let offset) in inbox.drain() { opened = offset }
            return opened != nil
        })
        XCTAssertEqual(try XCTUnwrap(opened), 0, accuracy: 0.5, "this machine's clock is the database's")
        step.withLock { $0 = 60 }
        var corrected: TimeInterval?
        XCTAssertTrue(eventually(within: 5) {
            for case .clockOffset(let offset) in inbox.drain() { corrected = offset }
            return corrected != nil
        }, "the stepped clock was noticed")
        XCTAssertEqual(try XCTUnwrap(corrected), -60, accuracy: 0.5)
        XCTAssertFalse(eventually(within: 1) { inbox.drain().contains { if case .clockOffset = $0 { true } else { false } } },
                       "an offset that did not move is not sent again")
    }

    /// A worker whose connections give up on an answer after half a second, and a seat A1
    /// locked by another session, so that a hold of it goes unanswered.
    func lostAnswerSetting() throws -> (conninfo: String, db: Database, showId: Int64, blocker: Database, inbox: Inbox, worker: DatabaseWorker) {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let showId = try ShowCatalog(database: db).createShow(name: "Lost", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                              plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let blocker = try Database(conninfo: conninfo)
        try blocker.connection.execute(script: "BEGIN")
        try blocker.connection.query("SELECT 1 FROM seats WHERE show_id = $1 AND label = 'A1' FOR UPDATE", [.int(showId)])
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: {
            let db = try Database(conninfo: conninfo)
            db.connection.answerTimeout = 0.5
            return db
        }, policy: HoldPolicy(), inbox: inbox, log: Logger(label: "test"))
        worker.start()
        return (conninfo, db, showId, blocker, inbox, worker)
    }

    func waitFor(_ inbox: Inbox, within seconds: Double, _ what: String, _ matches: (Msg) -> Bool) -> [Msg] {
        var seen: [Msg] = []
        XCTAssertTrue(eventually(within: seconds) {
            seen += inbox.drain()
            return seen.contains(where: matches)
        }, "\(what): \(seen)")
        return seen
    }

    /// The answer to a hold is lost (here the hold waits on a locked seat past the answer
    /// timeout, and the server commits it after the worker gave up). The picker hears that the
    /// hold is in doubt; the clerk holds other seats meanwhile. Once the hold commits the worker
    /// finds it by its request id and the picker gets it; holding the same seats again gets the
    /// same hold, not "taken by another terminal".
    func testAHoldWhoseAnswerWasLostReachesThePickerOnceItCommits() throws {
        let (_, db, showId, blocker, inbox, worker) = try lostAnswerSetting()
        defer { worker.stop() }

        worker.submit(.hold(showId: showId, labels: ["A1", "A2"]))
        let first = waitFor(inbox, within: 5, "the hold went unanswered") { $0 == .holdInDoubt(showId: showId, labels: ["A1", "A2"]) }
        XCTAssertFalse(first.contains { if case .failed = $0 { true } else { false } }, "in doubt, not failed: \(first)")
        worker.submit(.hold(showId: showId, labels: ["A3"]))
        let other = waitFor(inbox, within: 5, "other seats can be held meanwhile") { if case .held = $0 { true } else { false } }
        XCTAssertFalse(other.contains { if case .notHeldAfterAll = $0 { true } else { false } }, "still undecided while it waits: \(other)")
        try blocker.connection.execute(script: "COMMIT")

        var recovered: Hold?
        _ = waitFor(inbox, within: 5, "the hold that went through reached the picker") {
            if case .heldAfterAll(let hold) = $0 { recovered = hold }
            return recovered != nil
        }
        let hold = try XCTUnwrap(recovered)
        XCTAssertEqual(hold.labels, ["A1", "A2"])
        XCTAssertEqual(try db.run("SELECT booking_id FROM seats WHERE label = 'A1' AND status = 'RESERVED'").single().int("booking_id"), hold.bookingId)

        worker.submit(.hold(showId: showId, labels: ["A1", "A2"]))
        var repeated: [Msg] = []
        XCTAssertTrue(eventually(within: 5) { repeated += inbox.drain(); return !repeated.isEmpty })
        XCTAssertEqual(repeated, [.held(hold)], "holding the same seats again answers the same hold")
        XCTAssertEqual(try db.run("SELECT count(*) AS n FROM bookings").single().int("n"), 2, "A1 A2 and A3, nothing more")
    }

    /// The lost hold waits on the locked seat until the lock timeout and is rolled back. Once
    /// its server process has ended, the worker knows no hold was made and tells the picker,
    /// which also hears that the database answers again (only the worker's connection failed).
    func testAHoldWhoseAnswerWasLostAndThatMadeNoneIsReportedNotHeld() throws {
        let (_, db, showId, blocker, inbox, worker) = try lostAnswerSetting()
        defer { worker.stop() }
        let sent = Date()
        worker.submit(.hold(showId: showId, labels: ["A1", "A2"]))
        _ = waitFor(inbox, within: 5, "the hold went unanswered") { $0 == .holdInDoubt(showId: showId, labels: ["A1", "A2"]) }
        let settled = waitFor(inbox, within: 10, "the picker heard that no hold was made") { $0 == .notHeldAfterAll(showId: showId, labels: ["A1", "A2"]) }
        XCTAssertGreaterThan(Date().timeIntervalSince(sent), Double(SessionLimits().lockTimeoutMilliseconds) / 1000,
                             "not before the lost attempt could no longer commit")
        XCTAssertFalse(settled.contains { if case .heldAfterAll = $0 { true } else { false } })
        XCTAssertEqual(settled.filter { if case .connection = $0 { true } else { false } }, [.connection(.online)],
                       "the outage banner goes once the worker's new connection answers: \(settled)")
        XCTAssertEqual(try db.run("SELECT count(*) AS n FROM bookings").single().int("n"), 0)
        try blocker.connection.execute(script: "COMMIT")

        worker.submit(.hold(showId: showId, labels: ["A1", "A2"]))
        _ = waitFor(inbox, within: 5, "held afresh once the seat is free") { if case .held = $0 { true } else { false } }
        XCTAssertEqual(try db.run("SELECT count(*) AS n FROM bookings").single().int("n"), 1)
    }

    /// A background read that fails says nothing (the outage banner does), so it never replaces
    /// a message the clerk needs; a read the clerk asked for says why it failed.
    func testABackgroundReadFailsSilentlyAndARequestedOneSaysWhy() {
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { throw BookingError.databaseUnreachable("connection refused") },
                                    policy: HoldPolicy(), inbox: inbox, log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }
        var heard: [Msg] = []
        worker.submit(.refreshShows)
        worker.submit(.loadShowSummaries([1, 2]))
        worker.submit(.loadShows)
        XCTAssertTrue(eventually(within: 5) {
            heard += inbox.drain()
            return heard.contains { if case .failed = $0 { true } else { false } }
        }, "\(heard)")
        let failures = heard.filter { if case .failed = $0 { true } else { false } }
        XCTAssertEqual(failures, [.failed(.databaseUnreachable("connection refused"))], "one failure: the requested read's")
        XCTAssertTrue(heard.contains(.connection(.unreachable("connection refused"))), "\(heard)")
    }
}
