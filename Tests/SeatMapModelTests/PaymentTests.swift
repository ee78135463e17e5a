import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// A confirmation records how the customer paid (migration 10), a refund says how to give the
/// money back, and cashing up splits each operator's takings into cash and card.
final class PaymentTests: XCTestCase {
    func testAConfirmationRecordsHowTheCustomerPaidAndTheRefundGoesBackTheSameWay() throws {
        let f = try Fixture()   // 25.00 a seat
        let s = f.service(operator: "alice")
        var ids: [PaymentMethod?: Int64] = [:]
        for (seat, paid) in [("A1", PaymentMethod.cash), ("A2", .card), ("A3", nil)] as [(String, PaymentMethod?)] {
            let id = try s.hold(seats: [seat], for: f.showId).bookingId
            XCTAssertEqual(try s.confirm(booking: id, email: "ann@example.com", paidBy: paid).paidBy, paid)
            ids[paid] = id
        }
        XCTAssertEqual(try s.booking(ids[.cash]!).paidBy, .cash)
        XCTAssertEqual(try s.booking(ids[.card]!).paidBy, .card)
        XCTAssertNil(try s.booking(ids[nil]!).paidBy, "a caller that did not say records nothing")
        XCTAssertNil(try s.booking(try s.hold(seats: ["A4"], for: f.showId).bookingId).paidBy, "a hold is not paid for")
        XCTAssertEqual(try s.bookingWithTotal(ids[.cash]!).refundText, "refund 25.00 in cash to ann@example.com")
        XCTAssertEqual(try s.bookingWithTotal(ids[.card]!).refundText, "refund 25.00 by card to ann@example.com")
        XCTAssertEqual(try s.bookingWithTotal(ids[nil]!).refundText, "refund 25.00 to ann@example.com")
    }

    func testTheDatabaseKeepsPaymentsToConfirmedBookingsAndKnownWays() throws {
        let f = try Fixture()
        let s = f.service()
        let held = try s.hold(seats: ["A1"], for: f.showId).bookingId
        assertThrows(code: "database_error", containing: "bookings_paid_when_confirmed") {
            try f.db.run("UPDATE bookings SET paid_by = 'cash' WHERE booking_id = $1", [.int(held)])
        }
        _ = try s.confirm(booking: held, email: "ann@example.com", paidBy: .card)
        assertThrows(code: "database_error", containing: "paid_by_check") {
            try f.db.run("UPDATE bookings SET paid_by = 'cheque' WHERE booking_id = $1", [.int(held)])
        }
        XCTAssertEqual(try s.booking(held).paidBy, .card)
    }

    func testPaymentsAreTypedAsCashOrCard() throws {
        XCTAssertEqual(try InputValidation.paymentMethod(" Cash "), .cash)
        XCTAssertEqual(try InputValidation.paymentMethod("CARD"), .card)
        for bad in ["", "cheque", "cash card", "c"] {
            assertThrows(.invalidInput("\"\(bad)\" is not a way of paying (expected cash or card)")) {
                _ = try InputValidation.paymentMethod(bad)
            }
        }
    }

    /// A picker of the previous version, still running while the schema is upgraded, confirms
    /// with the two-argument call: that still works, and records no payment.
    func testThePreviousVersionsConfirmStillWorksAfterTheUpgrade() throws {
        let f = try Fixture()
        let (db, drop) = try f.databaseAt(migration: 9)
        defer { drop() }
        let show = try ShowCatalog(database: db).createShow(name: "Upgrade", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                            plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        let holds = HoldService(database: db)
        let confirmedBefore = try holds.hold(seats: ["A1"], for: show).bookingId
        try db.run("SELECT * FROM modex_confirm($1, 'ann@example.com')", [.int(confirmedBefore)])
        let heldBefore = try holds.hold(seats: ["A2"], for: show).bookingId
        XCTAssertEqual(try Migrator(database: db).migrate(Array(Migration.all.prefix { $0.version <= 10 })), [10])

        try db.run("SELECT * FROM modex_confirm($1, 'bob@example.com')", [.int(heldBefore)])
        _ = try Migrator(database: db).migrate()   // the rest, which this version reads bookings with
        for id in [confirmedBefore, heldBefore] {
            let b = try holds.booking(id)
            XCTAssertEqual(b.status, .confirmed)
            XCTAssertNil(b.paidBy)
        }
        let sold = try holds.hold(seats: ["A3"], for: show).bookingId
        XCTAssertEqual(try holds.confirm(booking: sold, email: "cy@example.com", paidBy: .cash).paidBy, .cash)
        XCTAssertTrue(try IntegrityChecker(database: db).check(sweepLagSeconds: 3_600).isClean)
    }

    /// Each operator's drawer: the cash they took, less the cash they gave back, whoever sold
    /// what they refunded. Card and unrecorded payments are counted apart.
    func testCashingUpSplitsEachOperatorsTakingsByHowTheCustomersPaid() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let f = try Fixture(rows: 2, seatsPerRow: 10)   // 25.00 a seat
        let alice = f.service(operator: "alice"), bob = f.service(operator: "bob")
        func sell(_ s: HoldService, _ seats: [String], _ paid: PaymentMethod?) throws -> Int64 {
            let id = try s.hold(seats: seats, for: f.showId).bookingId
            _ = try s.confirm(booking: id, email: "fan@example.com", paidBy: paid)
            return id
        }
        _ = try sell(alice, ["A1", "A2"], .cash)
        let returned = try sell(alice, ["A3", "A4", "A5"], .cash)
        _ = try sell(alice, ["A6"], .card)
        _ = try sell(bob, ["B1"], nil)
        let cardReturn = try sell(bob, ["B2", "B3"], .card)
        try bob.cancel(booking: returned)       // bob pays 75.00 cash out of his drawer
        try bob.cancel(booking: cardReturn)     // and 50.00 back to a card

        let day = try f.db.run("SELECT to_char(now(), 'YYYY-MM-DD') AS d").single().string("d")
        let lines = try SalesReport(database: f.db).day(day)
        XCTAssertEqual(lines, [
            .init(operatorName: "alice", sold: .init(bookings: 3, seats: 6, cents: 15_000, cashCents: 12_500, cardCents: 2_500)),
            .init(operatorName: "bob", sold: .init(bookings: 2, seats: 3, cents: 7_500, cashCents: 0, cardCents: 5_000),
                  refunded: .init(bookings: 2, seats: 5, cents: 12_500, cashCents: 7_500, cardCents: 5_000)),
        ])
        XCTAssertEqual(lines.map(\.netCashCents), [12_500, -7_500])
        XCTAssertEqual(lines.map(\.netCardCents), [2_500, 0])
        XCTAssertEqual(lines.map(\.netUnknownCents), [0, 2_500])
        XCTAssertEqual(SalesReport.table(lines), [
            "Operator  Seats    Sold  Refunded     Net    Cash   Card  Unknown",
            "alice         6  150.00      0.00  150.00  125.00  25.00     0.00",
            "bob           3   75.00    125.00  -50.00  -75.00   0.00    25.00",
            "Total         9  225.00    125.00  100.00   50.00  25.00    25.00",
            "Unknown: confirmed without saying how it was paid.",
        ])
        XCTAssertEqual(SalesReport.table([lines[0]]), [
            "Operator  Seats    Sold  Refunded     Net    Cash   Card",
            "alice         6  150.00      0.00  150.00  125.00  25.00",
            "Total         6  150.00      0.00  150.00  125.00  25.00",
        ], "no Unknown column when every payment was recorded")
    }

    /// The clerk pressed 1 for a card payment: the seller or a manager corrects it, for the whole
    /// sale (seats given back from it too), and cashing up follows.
    func testAWrongPaymentIsCorrectedForTheWholeSale() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let f = try Fixture()   // 25.00 a seat
        let alice = f.service(operator: "alice"), bob = f.service(operator: "bob")
        let id = try alice.hold(seats: ["A1", "A2", "A3"], for: f.showId).bookingId
        _ = try alice.confirm(booking: id, email: "ann@example.com", paidBy: .cash)
        let returned = try alice.returnSeats(["A3"], of: id).booking.bookingId

        XCTAssertEqual(try alice.recordPayment(.card, of: id), .cash, "what it was")
        XCTAssertEqual(try alice.booking(id).paidBy, .card)
        XCTAssertEqual(try alice.booking(returned).paidBy, .card, "the seat given back was paid the same way")
        XCTAssertEqual(try alice.recordPayment(.cash, of: returned), .card, "corrected from the returned part too")
        XCTAssertEqual(try alice.booking(id).paidBy, .cash)
        let day = try f.db.run("SELECT to_char(now(), 'YYYY-MM-DD') AS d").single().string("d")
        XCTAssertEqual(try SalesReport(database: f.db).day(day).map(\.netCashCents), [5_000])

        try Managers(database: f.db).add("carol", by: "carol")
        assertThrows(.notAllowed("Only a manager can change how booking \(id) was paid, which alice sold; managers: carol")) {
            try bob.recordPayment(.card, of: id)
        }
        XCTAssertEqual(try f.service(operator: "carol").recordPayment(.card, of: id), .cash)
        XCTAssertEqual(try f.service(operator: "carol").recordPayment(.card, of: id), .card, "no change, nothing recorded")

        // Every change is kept, with who made it, whichever part of the sale is asked about.
        let ledger = BookingLedger(database: f.db)
        let corrections = try ledger.paymentCorrections(of: id)
        XCTAssertEqual(corrections.map { [$0.before?.rawValue ?? "-", $0.after.rawValue, $0.correctedBy] },
                       [["cash", "card", "alice"], ["card", "cash", "alice"], ["cash", "card", "carol"]])
        XCTAssertEqual(try ledger.paymentCorrections(of: returned), corrections)
        let now = try f.db.run("SELECT extract(epoch FROM now())::float8 AS t").single().date("t")
        XCTAssertLessThan(abs(corrections[2].correctedAt.timeIntervalSince(now)), 5)
        let held = try alice.hold(seats: ["A5"], for: f.showId).bookingId
        assertThrows(.wrongState("Booking \(held) was never confirmed, so nothing was paid for it")) { try alice.recordPayment(.cash, of: held) }
        assertThrows(.notFound("Booking 999999 does not exist")) { try alice.recordPayment(.cash, of: 999_999) }
        XCTAssertNil(try alice.booking(held).paidBy)
        XCTAssertEqual(try ledger.paymentCorrections(of: held), [], "a refused correction records nothing")
        try f.assertClean()
    }

    /// The sales screen's table fits an 80-column picker, borders included, with five-digit
    /// amounts ("99,999.99"). With the Unknown column as well, Seats is left out first.
    func testTheTableFitsEightyColumns() {
        let big = SalesReport.Tally(bookings: 400, seats: 1_200, cents: 9_999_999, cashCents: 3_999_999, cardCents: 6_000_000)
        let lines = [SalesReport.Line(operatorName: "boxoffice", sold: big, refunded: .init(bookings: 1, seats: 1, cents: 2_500, cashCents: 2_500))]
        let table = SalesReport.table(lines)
        XCTAssertEqual(table.first, "Operator   Seats       Sold  Refunded        Net       Cash       Card")
        XCTAssertEqual(table.count, 3)
        XCTAssertLessThanOrEqual(table.map(\.count).max()!, 76, table.joined(separator: "\n"))
        XCTAssertEqual(SalesReport.table(lines, width: 76), table, "nothing is left out when it fits")

        let someUnknown = SalesReport.Tally(bookings: 400, seats: 1_200, cents: 9_999_999, cashCents: 3_000_000, cardCents: 6_000_000)
        let withUnknown = SalesReport.table([SalesReport.Line(operatorName: "boxoffice", sold: someUnknown)], width: 76)
        XCTAssertEqual(withUnknown.first, "Operator        Sold  Refunded        Net       Cash       Card   Unknown")
        XCTAssertEqual(withUnknown.last, "Left out to fit: Seats (a wider window shows them).")
        XCTAssertLessThanOrEqual(withUnknown.map(\.count).max()!, 76, withUnknown.joined(separator: "\n"))
    }

    /// An arena's on-sale day, with sales of a million and some whose payment was not recorded:
    /// the full table is wider than 80 columns, so the picker's leaves out Seats, then Refunded,
    /// then Sold, and says so; Net, Cash, Card and Unknown stay whole. `modex sales` (no width)
    /// prints every column.
    func testBigAmountsLeaveOutColumnsRatherThanCutCashAndCard() {
        let arena = SalesReport.Tally(bookings: 9_000, seats: 21_000, cents: 136_500_000, cashCents: 36_500_000, cardCents: 90_000_000)
        let lines = [SalesReport.Line(operatorName: "boxoffice", sold: arena,
                                      refunded: .init(bookings: 200, seats: 400, cents: 26_000_000, cashCents: 26_000_000)),
                     SalesReport.Line(operatorName: "window2", sold: arena)]
        XCTAssertEqual(SalesReport.table(lines).first,
                       "Operator    Seats          Sold    Refunded           Net        Cash          Card     Unknown")
        XCTAssertEqual(SalesReport.table(lines)[3].prefix(17), "Total      42,000", "seats grouped as people read them")
        XCTAssertEqual(SalesReport.table(lines).count, 5)
        XCTAssertEqual(SalesReport.table(lines, width: 76), [
            "Operator           Sold           Net        Cash          Card     Unknown",
            "boxoffice  1,365,000.00  1,105,000.00  105,000.00    900,000.00  100,000.00",
            "window2    1,365,000.00  1,365,000.00  365,000.00    900,000.00  100,000.00",
            "Total      2,730,000.00  2,470,000.00  470,000.00  1,800,000.00  200,000.00",
            "Unknown: confirmed without saying how it was paid.",
            "Left out to fit: Seats, Refunded (a wider window shows them).",
        ])
        XCTAssertEqual(SalesReport.table(lines, width: 60).first, "Operator            Net        Cash          Card     Unknown")
        XCTAssertEqual(SalesReport.table(lines, width: 60).last, "Left out to fit: Seats, Sold, Refunded (a wider window shows them).")
    }
}
