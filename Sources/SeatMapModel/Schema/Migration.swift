/// One versioned schema change. Migrations are applied in `version` order, each at most once.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    /// Every migration the engine knows, oldest first.
    public static let all: [Migration] = [
        Migration(version: 1, name: "shows, seats, bookings and their invariants", sql: Schema0001.tables),
        Migration(version: 2, name: "booking functions: hold, confirm, release, cancel, expire", sql: Schema0002.functions),
        Migration(version: 3, name: "extend a hold, capped", sql: Schema0003.extend),
        Migration(version: 4, name: "leaner booking calls: generic plans, seat ids without a SQL function, confirm returns its details", sql: Schema0004.leanerBookingCalls),
        Migration(version: 5, name: "holds remember the request that made them, so a lost answer can be recovered", sql: Schema0005.holdRequestIds),
        Migration(version: 6, name: "refusals say what a booking is and what to do instead", sql: Schema0006.clearerRefusals),
        Migration(version: 7, name: "no holds for a show that started more than 12 hours ago", sql: Schema0007.noSalesAfterTheShow),
        Migration(version: 8, name: "a released or cancelled booking records who ended it", sql: Schema0008.whoEndedABooking),
        Migration(version: 9, name: "managers: who may create shows and cancel others' bookings", sql: Schema0009.managers),
        Migration(version: 10, name: "a confirmation records how the customer paid", sql: Schema0010.payments),
        Migration(version: 11, name: "a customer can give back some of a booking's seats", sql: Schema0011.partialReturns),
        Migration(version: 12, name: "a corrected payment is recorded with who corrected it", sql: Schema0012.paymentCorrections),
        Migration(version: 13, name: "a hold can take more seats", sql: Schema0013.addSeatsToAHold),
        Migration(version: 14, name: "a leaner booking path: bookings list their seats, sales have their own table, the change feed reads bookings", sql: Schema0014.leanBookingPath),
    ]
}
