import Foundation
import SeatMapModel
@testable import SeatPickerUI
import XCTest

/// Keys and events go in; state and effects come out.
final class UpdateTests: XCTestCase {
    let size = ScreenSize(width: 80, height: 24)

    func theatre() -> AppState {
        var state = SampleData.state(size)
        XCTAssertEqual(update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0)), [.watch(1)])
        return state
    }

    func map(_ state: AppState) -> SeatMapState {
        guard case .seats(let m) = state.screen else { XCTFail("not on the seat map"); return SeatMapState(map: SampleData.map("category A 1 X\nA  A")) }
        return m
    }

    func keys(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }
    }

    func testMovementSkipsTheAisleAndFindsTheNearestSeatAcrossRows() {
        var state = theatre()
        XCTAssertEqual(map(state).cursor.label, "A1")
        _ = keys(&state, .left)
        XCTAssertEqual(map(state).cursor.label, "A1", "no seat to the left")
        for _ in 0..<9 { _ = keys(&state, .right) }
        XCTAssertEqual(map(state).cursor.label, "A10")
        _ = keys(&state, .character("l"))
        XCTAssertEqual(map(state).cursor.label, "A11", "the aisle is skipped")
        _ = keys(&state, .down, .character("j"))
        XCTAssertEqual(map(state).cursor.label, "C11")
        _ = keys(&state, .up)
        XCTAssertEqual(map(state).cursor.label, "B11")
    }

    func testSelectingAndHolding() {
        var state = theatre()
        XCTAssertEqual(keys(&state, .enter), [])
        XCTAssertEqual(state.message?.text, "Select seats with Space first.")
        _ = keys(&state, .right, .character(" "), .left, .character(" "))
        XCTAssertEqual(map(state).selection, ["A1", "A2"])
        XCTAssertEqual(keys(&state, .enter), [.hold(showId: 1, labels: ["A1", "A2"])])
        XCTAssertTrue(map(state).busy)
        XCTAssertEqual(keys(&state, .enter), [], "no second request while one is in flight")
        let hold = Hold(bookingId: 5, showId: 1, labels: ["A1", "A2"], expiresAt: SampleData.now.addingTimeInterval(120))
        XCTAssertEqual(update(&state, .held(hold)), [])
        XCTAssertEqual(map(state).hold, hold)
        XCTAssertEqual(map(state).selection, [])
        XCTAssertFalse(map(state).busy)
        _ = keys(&state, .character(" "))
        XCTAssertEqual(state.message?.text, "A1 is already in your hold.")
    }

    /// Every message about a hold names a row's run of three or more seats as a range.
    func testHoldMessagesNameRunsOfSeatsAsRanges() {
        var state = theatre()
        _ = keys(&state, .character(" "), .right, .character(" "), .right, .character(" "), .down, .character(" "))
        XCTAssertEqual(keys(&state, .enter), [.hold(showId: 1, labels: ["A1", "A2", "A3", "B3"])])
        XCTAssertEqual(state.message?.text, "Holding A1..A3 B3...")
        let hold = Hold(bookingId: 5, showId: 1, labels: ["A1", "A2", "A3", "B3"], expiresAt: SampleData.now.addingTimeInterval(120))
        _ = update(&state, .held(hold))
        XCTAssertEqual(state.message?.text, "Held A1..A3 B3. Press c to confirm, x to release, e for more time.")
        _ = keys(&state, .character("c"))
        for ch in "ann@example.com" { _ = keys(&state, .character(ch)) }
        _ = keys(&state, .enter, .character("1"))
        XCTAssertEqual(state.message?.text, "Booking A1..A3 B3, paid in cash, for ann@example.com...")

        state = theatre()
        _ = keys(&state, .character(" "), .right, .character(" "), .right, .character(" "), .enter)
        _ = update(&state, .held(Hold(bookingId: 6, showId: 1, labels: ["A1", "A2", "A3"], expiresAt: SampleData.now.addingTimeInterval(60))))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(61)))
        XCTAssertEqual(state.message?.text, "Your hold on A1..A3 ran out. The seats are still selected: press Enter to hold them again.")
    }

    func testConflictNamesTheSeatAndRefreshesTheMap() {
        var state = theatre()
        _ = keys(&state, .character(" "), .right, .character(" "))
        _ = keys(&state, .enter)
        let effects = update(&state, .failed(.seatsUnavailable(["A2"])))
        XCTAssertEqual(effects, [.openShow(1)])
        XCTAssertEqual(state.message, StatusMessage("A2 was just taken by another terminal", isError: true))
        XCTAssertEqual(map(state).selection, ["A1"])
        XCTAssertFalse(map(state).busy)
    }

    func testASelectedSeatTakenElsewhereLeavesTheSelectionWithAMessage() {
        var state = theatre()
        _ = keys(&state, .character(" "))
        let theatre = SampleData.map(SampleVenues.theatre)
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(
            seats: [SampleData.seat(theatre, "A1", .reserved, booking: 3, expires: SampleData.now.addingTimeInterval(60))],
            cursor: ChangeCursor(snapshot: "200:200:"), databaseTime: SampleData.now)))
        XCTAssertEqual(map(state).selection, [])
        XCTAssertEqual(state.message?.text, "A1 was just taken by another terminal")
        XCTAssertEqual(map(state).look(of: map(state).seats[0], at: SampleData.now), .other)
        XCTAssertEqual(map(state).changeCursor, ChangeCursor(snapshot: "200:200:"))
        // Changes for another show are ignored.
        XCTAssertEqual(update(&state, .seatsChanged(showId: 9, SeatChanges(seats: [], cursor: ChangeCursor(snapshot: "1:1:"), databaseTime: SampleData.now))), [])
        XCTAssertEqual(map(state).changeCursor, ChangeCursor(snapshot: "200:200:"))
    }

    func testAHeldSeatLooksAvailableOnceItsHoldLapses() {
        var state = theatre()
        let theatre = SampleData.map(SampleVenues.theatre)
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(
            seats: [SampleData.seat(theatre, "A1", .reserved, booking: 3, expires: SampleData.now.addingTimeInterval(10))],
            cursor: ChangeCursor(snapshot: "2:2:"), databaseTime: SampleData.now)))
        XCTAssertEqual(map(state).counts(at: state.databaseNow).reserved, 1)
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(10.5)))
        XCTAssertEqual(map(state).counts(at: state.databaseNow).reserved, 0)
        _ = keys(&state, .character(" "))
        XCTAssertEqual(map(state).selection, ["A1"])
    }

    func testConfirmAsksForAValidEmail() {
        var state = SampleData.busyTheatre(size)
        _ = keys(&state, .character("c"))
        XCTAssertEqual(state.prompt, .email(text: "", error: nil))
        for ch in "ann@example" { _ = keys(&state, .character(ch)) }
        XCTAssertEqual(keys(&state, .enter), [])
        guard case .email(_, let error?) = state.prompt else { return XCTFail("expected an error in the prompt") }
        XCTAssertEqual(error, "is not an email address (like name@example.com)", "the typed address is not quoted again")
        for ch in ".com" { _ = keys(&state, .character(ch)) }
        XCTAssertEqual(keys(&state, .enter), [], "asks how they paid")
        XCTAssertEqual(keys(&state, .character("2")), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
        XCTAssertNil(state.prompt)
        let booking = BookingDetails(bookingId: 9, showId: 1, status: .confirmed, seats: ["C5", "C6"], email: "ann@example.com",
                                     operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now, confirmedAt: SampleData.now)
        _ = update(&state, .confirmed(booking))
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(state.message?.text, "Booked C5 C6 (booking 9), total 130.00, for ann@example.com.", "the clerk sees what the customer pays")
    }

    /// A hold or booking of a row's run of seats reads as a range, as the status line shows it.
    func testAHoldAndItsBookingNameARunOfSeatsAsARange() {
        var state = SampleData.state(size)
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        let seats = ["E4", "E1", "E2", "E3", "E7"]
        _ = update(&state, .held(Hold(bookingId: 12, showId: 1, labels: seats, expiresAt: SampleData.now.addingTimeInterval(120))))
        XCTAssertEqual(state.message?.text, "Held E1..E4 E7. Press c to confirm, x to release, e for more time.")
        let booking = BookingDetails(bookingId: 12, showId: 1, status: .confirmed, seats: seats, email: "ann@example.com",
                                     operatorName: "boxoffice", createdAt: SampleData.now, expiresAt: SampleData.now,
                                     confirmedAt: SampleData.now, paidBy: .cash)
        _ = update(&state, .confirmed(booking))
        XCTAssertEqual(state.message?.text, "Booked E1..E4 E7 (booking 12), total 200.00 paid in cash, for ann@example.com.")
    }

    /// After a rejected email the text stays for correcting; Ctrl-U clears it, so retyping the
    /// address cannot glue it onto the rejected one ("not-an-emailann@example.com" is valid).
    func testCtrlUClearsARejectedEmailBeforeItIsRetyped() {
        var state = SampleData.busyTheatre(size)
        _ = keys(&state, .character("c"))
        for ch in "not-an-email" { _ = keys(&state, .character(ch)) }
        XCTAssertEqual(keys(&state, .enter), [])
        guard case .email("not-an-email", _?) = state.prompt else { return XCTFail("expected the rejected text and an error") }
        _ = keys(&state, .clearField)
        XCTAssertEqual(state.prompt, .email(text: "", error: nil))
        for ch in "ann@example.com" { _ = keys(&state, .character(ch)) }
        XCTAssertEqual(keys(&state, .enter), [], "asks how they paid")
        XCTAssertEqual(keys(&state, .character("2")), [.confirm(bookingId: 9, email: "ann@example.com", paidBy: .card)])
    }

    func testEscapeCancelsPromptsAndConfirmNeedsAHold() {
        var state = theatre()
        _ = keys(&state, .character("c"))
        XCTAssertNil(state.prompt)
        XCTAssertEqual(state.message?.isError, true)
        _ = keys(&state, .character("g"), .character("b"), .escape)
        XCTAssertNil(state.prompt)
        _ = keys(&state, .character("g"), .character("z"), .character("9"), .enter)
        XCTAssertEqual(state.prompt, .goToSeat(text: "z9", error: "There is no row Z: rows are A to J"))
        _ = keys(&state, .backspace, .backspace, .character("j"), .character("2"), .character("0"), .enter)
        XCTAssertNil(state.prompt)
        XCTAssertEqual(map(state).cursor.label, "J20")
    }

    func testCountdownTicksAndTheHoldRunsOut() {
        var state = SampleData.busyTheatre(size)
        let countdown = HoldCountdown(expiresAt: map(state).hold!.expiresAt, clockOffset: state.clockOffset)
        XCTAssertEqual(countdown.text(at: state.now), "1:35")
        XCTAssertFalse(countdown.isWarning(at: state.now))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(66)))
        XCTAssertEqual(countdown.text(at: state.now), "0:29")
        XCTAssertTrue(countdown.isWarning(at: state.now))
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(95)))
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(state.message, StatusMessage("Your hold on C5 C6 ran out. The seats are still selected: press Enter to hold them again.", isError: true))
        XCTAssertEqual(map(state).counts(at: state.databaseNow).reserved, 0, "B3's hold, elsewhere, lapsed at +90 s too")
    }

    func testClockOffsetCorrectsTheCountdown() {
        // The terminal's clock is 30 s behind the database.
        let countdown = HoldCountdown(expiresAt: SampleData.now.addingTimeInterval(120), clockOffset: 30)
        XCTAssertEqual(countdown.text(at: SampleData.now), "1:30")
        XCTAssertEqual(HoldCountdown.offset(databaseTime: SampleData.now.addingTimeInterval(30.5), sent: SampleData.now, received: SampleData.now.addingTimeInterval(1)), 30, accuracy: 0.001)
    }

    func testReleaseExtendAndBack() {
        var state = SampleData.busyTheatre(size)
        XCTAssertEqual(keys(&state, .character("e")), [.extend(bookingId: 9)])
        _ = update(&state, .extended(bookingId: 9, expiresAt: SampleData.now.addingTimeInterval(155)))
        XCTAssertEqual(map(state).hold?.expiresAt, SampleData.now.addingTimeInterval(155))
        XCTAssertEqual(keys(&state, .character("x")), [.release(bookingId: 9)])
        _ = update(&state, .released(bookingId: 9))
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(keys(&state, .character("q")), [.watch(nil), .loadShows])
        guard case .shows = state.screen else { return XCTFail("q goes back to the list") }
        XCTAssertEqual(keys(&state, .character("q")), [.quit])
        XCTAssertTrue(state.quitting)
    }

    /// Ctrl-C quits from a prompt or the help too, giving back the hold (`QuitReleaseTests`).
    func testControlCQuitsFromAnywhere() {
        var state = SampleData.busyTheatre(size)
        _ = keys(&state, .character("c"))
        XCTAssertEqual(keys(&state, .controlC), [.release(bookingId: 9), .quit])
        var help = SampleData.busyTheatre(size)
        _ = keys(&help, .character("?"))
        XCTAssertEqual(keys(&help, .controlC), [.release(bookingId: 9), .quit])
        var list = SampleData.state(size)
        XCTAssertEqual(keys(&list, .controlC), [.quit])
    }

    func testShowListFilterAndOpen() {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200), SampleData.show(2, "Winter Concert", seats: 20_000)]))
        _ = keys(&state, .character("/"))
        for ch in "wint" { _ = keys(&state, .character(ch)) }
        _ = keys(&state, .enter)
        XCTAssertNil(state.prompt)
        XCTAssertEqual(keys(&state, .enter), [.openShow(2)])
        _ = keys(&state, .escape)
        XCTAssertEqual(keys(&state, .down, .enter), [.openShow(2)])
        XCTAssertEqual(keys(&state, .up, .character("k"), .enter), [.openShow(1)])
    }

    func testNewShowFormSendsAValidRequest() {
        var state = SampleData.state(size)
        _ = keys(&state, .character("n"))
        for ch in "Gala" { _ = keys(&state, .character(ch)) }
        XCTAssertEqual(keys(&state, .enter), [], "start and size are missing")
        _ = keys(&state, .tab)
        for ch in "2026-12-24T19:30:00Z" { _ = keys(&state, .character(ch)) }
        _ = keys(&state, .tab)
        for ch in "5" { _ = keys(&state, .character(ch)) }
        _ = keys(&state, .tab)
        for ch in "12" { _ = keys(&state, .character(ch)) }
        XCTAssertEqual(keys(&state, .enter), [.createShow(name: "Gala", startsAt: Date(timeIntervalSince1970: 1_798_140_600),
                                                          source: .grid(rows: 5, seatsPerRow: 12, priceCents: 2_500))],
                       "an empty price is the default, 25.00")
        XCTAssertNil(state.prompt)
        XCTAssertEqual(update(&state, .showCreated(showId: 3)), [.loadShows])
        XCTAssertEqual(state.message?.text, "Created show 3: Gala.")
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200), SampleData.show(3, "Gala", seats: 60),
                                         SampleData.show(2, "Hamlet", seats: 100)]))
        guard case .shows(let list) = state.screen else { return XCTFail("not on the list") }
        XCTAssertEqual(list.visible[list.cursor].name, "Gala", "the cursor is on the new show")
    }

    /// The form's price field sets what each seat of the grid costs; it is checked as typed, and a
    /// price or a size beside a layout file is marked instead of being silently ignored.
    func testNewShowFormTakesAPriceAndMarksWhatALayoutFileMakesPointless() {
        var form = NewShowForm()
        form.values = [.name: "Matinee", .starts: "2026-12-24T14:00:00Z", .rows: "5", .seatsPerRow: "10", .price: "12.5"]
        XCTAssertEqual(form.request(), .createShow(name: "Matinee", startsAt: Date(timeIntervalSince1970: 1_798_120_800),
                                                   source: .grid(rows: 5, seatsPerRow: 10, priceCents: 1_250)))
        form.values[.rows] = " 5 "
        form.values[.price] = "  "
        XCTAssertNil(form.error(.price), "spaces alone are an empty price")
        XCTAssertEqual(form.request(), .createShow(name: "Matinee", startsAt: Date(timeIntervalSince1970: 1_798_120_800),
                                                   source: .grid(rows: 5, seatsPerRow: 10, priceCents: 2_500)), "spaces around a number are ignored")
        form.values[.price] = "12,50"
        XCTAssertEqual(form.error(.price), "a price such as 25.00")
        form.values[.price] = "2500000"
        XCTAssertEqual(form.error(.price), "at most 1,000,000.00")
        XCTAssertNil(form.request())
        form.values[.price] = "0"
        XCTAssertEqual(form.request(), .createShow(name: "Matinee", startsAt: Date(timeIntervalSince1970: 1_798_120_800),
                                                   source: .grid(rows: 5, seatsPerRow: 10, priceCents: 0)), "free seats are allowed")
        form.values[.layoutFile] = "venues/theatre-200.txt"
        XCTAssertEqual(form.error(.price), "leave empty with a layout file (it sets the prices)")
        XCTAssertEqual(form.error(.rows), "leave empty with a layout file (it sets the seats)")
        XCTAssertNil(form.request())
        form.values = [.name: "Matinee", .starts: "2026-12-24T14:00:00Z", .layoutFile: "venues/theatre-200.txt"]
        XCTAssertEqual(form.request(), .createShow(name: "Matinee", startsAt: Date(timeIntervalSince1970: 1_798_120_800),
                                                   source: .layoutFile("venues/theatre-200.txt")))
    }

    /// A show the database refuses (a start in the past, an unreadable layout file) brings the
    /// form back as typed, with the reason, instead of losing what the manager typed.
    func testARefusedNewShowReopensTheFormAsTyped() {
        var state = SampleData.state(size)
        _ = keys(&state, .character("n"))
        for (i, text) in ["Gala", "2020-12-24T19:30:00Z", "5", "12"].enumerated() {
            if i > 0 { _ = keys(&state, .tab) }
            for ch in text { _ = keys(&state, .character(ch)) }
        }
        XCTAssertEqual(keys(&state, .enter).count, 1)
        XCTAssertNil(state.prompt)
        let refusal = "The start, 2020-12-24 19:30, is in the past; check the date"
        XCTAssertEqual(update(&state, .failed(.invalidInput(refusal))), [])
        guard case .newShow(let form)? = state.prompt else { return XCTFail("the form did not come back") }
        XCTAssertEqual(form.value(.name), "Gala")
        XCTAssertEqual(form.value(.seatsPerRow), "12")
        XCTAssertEqual(form.refusal, refusal)
        XCTAssertTrue(render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text.contains(refusal))
        _ = keys(&state, .backspace)
        guard case .newShow(let edited)? = state.prompt else { return XCTFail("the form closed") }
        XCTAssertNil(edited.refusal, "an edit clears the refusal")
        // Sent again and created: a later failure of something else does not reopen it.
        XCTAssertEqual(keys(&state, .enter).count, 1)
        XCTAssertEqual(update(&state, .showCreated(showId: 4)), [.loadShows])
        _ = update(&state, .failed(.databaseUnreachable("connection refused")))
        XCTAssertNil(state.prompt)
    }

    func testMouseClickTogglesTheSeatUnderIt() {
        var state = theatre()
        // Row B is drawn on screen line 4; seat 3 of the left block at x = gutter(2) + 2 * 2.
        _ = update(&state, .key(.click(x: 6, y: 4)))
        XCTAssertEqual(map(state).cursor.label, "B3")
        XCTAssertEqual(map(state).selection, ["B3"])
        _ = update(&state, .key(.click(x: 6, y: 4)))
        XCTAssertEqual(map(state).selection, [])
        _ = update(&state, .key(.click(x: 24, y: 4)))
        XCTAssertEqual(map(state).selection, [], "a click on the aisle selects nothing")
    }

    func testOutageBannerAndRecovery() {
        var state = theatre()
        _ = keys(&state, .character(" "), .enter)
        _ = update(&state, .connection(.unreachable("timeout")))
        XCTAssertFalse(map(state).busy, "the request failed with the connection; the user may retry")
        XCTAssertTrue(render(state).text.contains("Database unreachable, retrying"))
        _ = update(&state, .failed(.databaseUnreachable("connection refused")))
        XCTAssertEqual(update(&state, .connection(.online)), [.openShow(1)], "after an outage the map is read again")
        XCTAssertFalse(render(state).text.lowercased().contains("unreachable"), "no stale outage error after recovery")
        XCTAssertEqual(state.message, StatusMessage("Connected to the database again."))
        XCTAssertEqual(update(&state, .connection(.online)), [], "no reload while nothing was wrong")
    }

    func testKeysThatNeedTheDatabaseSayWhyTheyWaitWhileARequestIsInFlight() {
        var state = theatre()
        _ = keys(&state, .character(" "), .enter)
        XCTAssertTrue(map(state).busy)
        for key in [Key.enter, .character("c"), .character("x"), .character("e")] {
            state.message = nil
            XCTAssertEqual(keys(&state, key), [])
            XCTAssertEqual(state.message?.text, "Still waiting for the database to answer the last request; try again once it has.")
            XCTAssertNil(state.prompt, "no email prompt for a hold that is not made yet")
        }
        for key in [Key.character("q"), .escape] {
            XCTAssertEqual(keys(&state, key), [])
            XCTAssertEqual(map(state).show.showId, 1, "the map stays until its answer arrives")
            XCTAssertEqual(state.message?.text, "Still waiting for the database to answer; you can leave once it has (Ctrl-C quits now).")
        }
        _ = keys(&state, .right, .character(" "))
        XCTAssertEqual(map(state).selection, ["A1", "A2"], "moving and selecting still work")
        XCTAssertEqual(keys(&state, .controlC), [.quit])
    }

    func testAReloadOfTheMapKeepsTheRequestInFlight() {
        var state = theatre()
        _ = keys(&state, .character(" "), .enter)
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        XCTAssertTrue(map(state).busy, "a reload (after an outage) must not allow a second hold")
        XCTAssertEqual(keys(&state, .enter), [])
    }

    func testAHoldAnsweredAfterTheClerkLeftIsReleasedNotLeftBlocking() {
        var state = theatre()
        let hold = Hold(bookingId: 9, showId: 1, labels: ["A1"], expiresAt: SampleData.now.addingTimeInterval(120))
        state.screen = .shows(ShowListState())
        XCTAssertEqual(update(&state, .held(hold)), [.release(bookingId: 9)])
        XCTAssertEqual(state.message?.text, "Releasing A1: the hold was made after you left that show.")
        // On another show's map the hold is not attached to the wrong seats either.
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 2, name: "Hamlet"), clockOffset: 0))
        XCTAssertEqual(keys(&state, .character(" "), .enter), [.hold(showId: 2, labels: ["A1"])])
        XCTAssertEqual(update(&state, .held(hold)), [.release(bookingId: 9)])
        XCTAssertNil(map(state).hold)
        XCTAssertEqual(map(state).look(of: map(state).seats[0], at: SampleData.now), .selected)
        _ = update(&state, .released(bookingId: 9))
        XCTAssertTrue(map(state).busy, "that release is not the answer to the hold of Hamlet's A1")
        XCTAssertEqual(state.message?.text, "Releasing A1: the hold was made after you left that show.")
    }

    func testAConfirmationIsAnnouncedEvenOffTheMap() {
        var state = SampleData.state(size)
        let booking = BookingDetails(bookingId: 12, showId: 1, status: .confirmed, seats: ["A1"], email: "ann@example.com",
                                     operatorName: "desk", createdAt: SampleData.now, expiresAt: SampleData.now, confirmedAt: SampleData.now)
        XCTAssertEqual(update(&state, .confirmed(booking)), [])
        XCTAssertEqual(state.message?.text, "Booked A1 (booking 12) for ann@example.com.")
    }

    func testAFailedRequestKeepsTheBannerAndAnyAnswerAfterTheOutageIsARecovery() {
        var state = SampleData.state(size)
        let shows = [SampleData.show(1, "Demo theatre: The Seagull", seats: 200)]
        XCTAssertEqual(update(&state, .showsLoaded(shows)), [], "the first answer is no recovery: nothing to read again")
        XCTAssertEqual(state.connection, .online)
        _ = update(&state, .connection(.unreachable("connection refused")))
        _ = update(&state, .failed(.databaseUnreachable("connection refused")))
        XCTAssertEqual(state.connection, .unreachable("connection refused"), "a request that failed with the outage does not end it")
        XCTAssertTrue(render(state).text.contains("Database unreachable, retrying"))
        XCTAssertEqual(update(&state, .showsLoaded(shows)), [.loadShows], "an answer from the database ends the outage")
        XCTAssertEqual(state.message, StatusMessage("Connected to the database again."))
        XCTAssertFalse(render(state).text.lowercased().contains("unreachable"))
    }

    func testBackOnTheListTheCursorIsOnTheShowJustLeft() {
        var state = theatre()
        XCTAssertEqual(keys(&state, .character("q")), [.watch(nil), .loadShows])
        _ = update(&state, .showsLoaded([SampleData.show(2, "Hamlet", seats: 100), SampleData.show(3, "Cats", seats: 50),
                                         SampleData.show(1, "The Seagull", seats: 200)]))
        guard case .shows(let list) = state.screen else { return XCTFail("not on the list") }
        XCTAssertEqual(list.visible[list.cursor].showId, 1)
        _ = keys(&state, .up)
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200), SampleData.show(2, "Hamlet", seats: 100),
                                         SampleData.show(3, "Cats", seats: 50)]))
        guard case .shows(let again) = state.screen else { return XCTFail("not on the list") }
        XCTAssertEqual(again.visible[again.cursor].showId, 3, "a later reload keeps the cursor on its show, it does not jump back to show 1")
    }

    func testAFilterSetOnTheListIsStillThereAfterVisitingAShow() {
        var state = SampleData.state(size)
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200), SampleData.show(2, "Hamlet", seats: 100)]))
        _ = keys(&state, .character("/"), .character("h"), .character("a"), .enter)
        XCTAssertEqual(keys(&state, .enter), [.openShow(2)])
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre, id: 2, name: "Hamlet"), clockOffset: 0))
        _ = keys(&state, .character("q"))
        _ = update(&state, .showsLoaded([SampleData.show(1, "The Seagull", seats: 200), SampleData.show(2, "Hamlet", seats: 100)]))
        guard case .shows(let list) = state.screen else { return XCTFail("not on the list") }
        XCTAssertEqual(list.filter, "ha")
        XCTAssertEqual(list.visible.map(\.showId), [2])
        XCTAssertEqual(list.cursor, 0)
    }

    func testADeletedShowSendsTheClerkBackToTheListSayingWhy() {
        var state = theatre()
        _ = keys(&state, .character(" "), .character("g"))
        XCTAssertEqual(update(&state, .showDeleted(showId: 2)), [], "another show's deletion does not touch this map")
        XCTAssertEqual(map(state).selection, ["A1"])
        XCTAssertEqual(update(&state, .showDeleted(showId: 1)), [.watch(nil), .loadShows])
        guard case .shows(let list) = state.screen else { return XCTFail("still on the deleted show's map") }
        XCTAssertNil(list.returningTo)
        XCTAssertNil(state.prompt, "the go-to-seat prompt of the deleted show is closed")
        XCTAssertEqual(state.message, StatusMessage("The Seagull (show 1) was deleted by a manager; pick another show.", isError: true))
        XCTAssertEqual(update(&state, .showDeleted(showId: 1)), [.loadShows], "on the list, the list is read again")
    }

    /// The terminal's clock jumps a minute ahead mid-hold; once the new offset arrives the
    /// countdown is the database's again, and the hold is not reported as run out early.
    func testANewClockOffsetKeepsTheCountdownOnDatabaseTime() {
        var state = SampleData.busyTheatre(size)   // this terminal holds C5 C6 until now + 95 s
        XCTAssertEqual(update(&state, .clockOffset(-60)), [])
        _ = update(&state, .tick(SampleData.now.addingTimeInterval(100)))
        XCTAssertEqual(map(state).hold?.bookingId, 9, "40 s of database time have passed, not 100")
        XCTAssertTrue(render(state).text.contains("Your hold: 0:55 left"), render(state).text)
    }
}

/// A hold extended to the longest a hold may be stops offering `e`, and says why if pressed.
final class ExtendLimitTests: XCTestCase {
    func testAHoldAtItsLimitNoLongerOffersToExtend() {
        var state = SampleData.state(ScreenSize(width: 100, height: 24))
        _ = update(&state, .mapLoaded(SampleData.map(SampleVenues.theatre), clockOffset: 0))
        let now = SampleData.now
        _ = update(&state, .held(Hold(bookingId: 9, showId: 1, labels: ["C5"], expiresAt: now.addingTimeInterval(120),
                                      longestExpiry: now.addingTimeInterval(300))))
        func screen() -> String { render(state, options: RenderOptions(colour: false), timeZone: SampleData.utc).text }
        XCTAssertTrue(screen().contains("c confirm  x release  e extend"), screen())
        XCTAssertEqual(update(&state, .key(.character("e"))), [.extend(bookingId: 9)])
        _ = update(&state, .extended(bookingId: 9, expiresAt: now.addingTimeInterval(180)))
        XCTAssertEqual(state.message?.text, "Hold extended: 3:00 left.")
        XCTAssertEqual(update(&state, .key(.character("e"))), [.extend(bookingId: 9)])
        _ = update(&state, .extended(bookingId: 9, expiresAt: now.addingTimeInterval(240)))
        XCTAssertEqual(update(&state, .key(.character("e"))), [.extend(bookingId: 9)])
        _ = update(&state, .extended(bookingId: 9, expiresAt: now.addingTimeInterval(300)))
        XCTAssertEqual(state.message?.text, "Hold extended to the limit of 5 minutes in all: 5:00 left.")
        XCTAssertFalse(screen().contains("e extend"), screen())
        XCTAssertTrue(screen().contains("c confirm  x release"), screen())
        XCTAssertEqual(update(&state, .key(.character("e"))), [], "no request the database would refuse")
        XCTAssertEqual(state.message, StatusMessage("This hold is as long as a hold can be (5 minutes in all); confirm it or release it.", isError: true))
    }
}
