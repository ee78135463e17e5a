import Foundation
import ModexTestSupport
@testable import SeatMapModel
import XCTest

/// Cashing up: what each operator sold and refunded on a day, at the seats' prices.
final class SalesReportTests: XCTestCase {
    func today(_ f: Fixture) throws -> String {
        try f.db.run("SELECT to_char(now(), 'YYYY-MM-DD') AS d").single().string("d")
    }

    func testEachOperatorsSalesAndRefundsOfTheDay() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let f = try Fixture(rows: 2, seatsPerRow: 10)   // 25.00 a seat
        let alice = f.service(operator: "alice"), bob = f.service(operator: "bob")
        func sell(_ s: HoldService, _ seats: [String]) throws -> Int64 {
            let id = try s.hold(seats: seats, for: f.showId).bookingId
            _ = try s.confirm(booking: id, email: "fan@example.com")
            return id
        }
        _ = try sell(alice, ["A1", "A2"])
        let returned = try sell(alice, ["A3", "A4", "A5"])
        _ = try sell(bob, ["B1"])
        let released = try bob.hold(seats: ["B2"], for: f.showId).bookingId
        try bob.release(booking: released)                       // a hold given back is neither sold nor refunded
        _ = try bob.hold(seats: ["B3"], for: f.showId)           // nor is a hold in force
        try bob.cancel(booking: returned)                        // bob refunds what alice sold
        let old = try sell(alice, ["B9"])
        try f.db.run("SELECT modex_end_booking($1, 'CONFIRMED', 'cancel')", [.int(old)])   // an older modex: who is not known

        let day = try today(f)
        XCTAssertEqual(try SalesReport(database: f.db).day(day), [
            .init(operatorName: "alice", sold: .init(bookings: 3, seats: 6, cents: 15_000)),
            .init(operatorName: "bob", sold: .init(bookings: 1, seats: 1, cents: 2_500), refunded: .init(bookings: 1, seats: 3, cents: 7_500)),
            .init(operatorName: nil, refunded: .init(bookings: 1, seats: 1, cents: 2_500)),
        ])
        XCTAssertEqual(try SalesReport(database: f.db).day(day)[1].netCents, -5_000)
    }

    /// A sale counts on the day it was confirmed and a refund on the day it was cancelled.
    func testOtherDaysAreLeftOut() throws {
        awayFromMidnight()   // sells, then reads the day's sales
        let f = try Fixture()
        let s = f.service(operator: "alice")
        let id = try s.hold(seats: ["A1"], for: f.showId).bookingId
        _ = try s.confirm(booking: id, email: "fan@example.com")
        try f.db.run("UPDATE bookings SET confirmed_at = confirmed_at - interval '1 day' WHERE booking_id = $1", [.int(id)])
        try s.cancel(booking: id)
        let report = SalesReport(database: f.db)
        let yesterday = try f.db.run("SELECT to_char(now() - interval '1 day', 'YYYY-MM-DD') AS d").single().string("d")
        XCTAssertEqual(try report.day(yesterday), [.init(operatorName: "alice", sold: .init(bookings: 1, seats: 1, cents: 2_500))])
        XCTAssertEqual(try report.day(try today(f)), [.init(operatorName: "alice", refunded: .init(bookings: 1, seats: 1, cents: 2_500))])
        XCTAssertEqual(try report.day("2020-01-01"), [])
        for bad in ["2026-02-30", "26-11-2026", "tomorrow", "2026-11-26'; DROP TABLE bookings; --"] {
            assertThrows(.invalidInput("\"\(bad)\" is not a day (expected e.g. 2026-11-26)")) { _ = try report.day(bad) }
        }
    }

    func testAmountsBelowZeroReadAsPeopleWriteThem() {
        XCTAssertEqual([6_500, 5, 0, -5, -5_000, -12_345].map(PriceCategory.priceText(cents:)),
                       ["65.00", "0.05", "0.00", "-0.05", "-50.00", "-123.45"])
    }

    func testCountsAreGroupedForPeople() {
        XCTAssertEqual([0, 999, 1_000, 20_000, 1_000_000, -2_500, Int.min].map(GroupedNumber.text),
                       ["0", "999", "1,000", "20,000", "1,000,000", "-2,500", "-9,223,372,036,854,775,808"])
        XCTAssertEqual([0, 1, 2, 20_200].map { GroupedNumber.counted($0, "booking") },
                       ["0 bookings", "1 booking", "2 bookings", "20,200 bookings"])
    }

    /// A night's takings run to thousands: people read them grouped, scripts get plain decimals.
    func testThousandsAreGroupedForPeopleButNotForScripts() {
        let amounts = [99_999, 100_000, 3_250_000, 123_456_789, -100_000, -123_456_789]
        XCTAssertEqual(amounts.map(PriceCategory.priceText(cents:)),
                       ["999.99", "1,000.00", "32,500.00", "1,234,567.89", "-1,000.00", "-1,234,567.89"])
        XCTAssertEqual(amounts.map(PriceCategory.decimalText(cents:)),
                       ["999.99", "1000.00", "32500.00", "1234567.89", "-1000.00", "-1234567.89"])
        let prices = [99_999, 100_000, 3_250_000, 100_000_000]   // a seat's price is at most 1,000,000.00
        XCTAssertEqual(prices.map { LayoutParser.parsePrice(PriceCategory.decimalText(cents: $0)) }, prices,
                       "a layout file or a prefilled field reads what decimalText writes")
    }

    func testTodayAndYesterdayAreDaysOfThisTerminalsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Pacific/Auckland")!
        let now = Date(timeIntervalSince1970: 1_796_124_600)   // 2026-12-01 11:30 UTC, 2 December in Auckland
        XCTAssertEqual(try SalesReport.day("today", now: now, calendar: calendar), "2026-12-02")
        XCTAssertEqual(try SalesReport.day(" Yesterday ", now: now, calendar: calendar), "2026-12-01")
        XCTAssertEqual(try SalesReport.day("2026-11-26", now: now, calendar: calendar), "2026-11-26")
        assertThrows(.invalidInput("\"tomorrow\" is not a day (expected e.g. 2026-11-26)")) {
            _ = try SalesReport.day("tomorrow", now: now, calendar: calendar)
        }
        XCTAssertEqual(SalesReport.day(daysBeforeToday: 0, now: now, calendar: calendar), "2026-12-02")
        XCTAssertEqual(SalesReport.day(daysBeforeToday: 2, now: now, calendar: calendar), "2026-11-30")
    }

    /// The sales screen steps from the day it shows to the one before or after.
    func testADayWrittenOutStepsAcrossMonthsYearsAndLeapDays() {
        XCTAssertEqual(SalesReport.day("2026-12-01", plus: -1), "2026-11-30")
        XCTAssertEqual(SalesReport.day("2026-12-31", plus: 1), "2027-01-01")
        XCTAssertEqual(SalesReport.day("2028-03-01", plus: -1), "2028-02-29")
        XCTAssertEqual(SalesReport.day("2027-03-01", plus: -1), "2027-02-28")
        XCTAssertNil(SalesReport.day("today", plus: -1))
    }
}
