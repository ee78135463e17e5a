import Foundation
import SeatMapModel

/// Everything that can happen to the screen: keys, time, and answers from the database.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resize(ScreenSize)
    case tick(Date)
    case showsLoaded([ShowSummary])
    /// The managers named now (empty: none, so everyone may do a manager's work), read with
    /// the show list.
    case managersLoaded([String])
    /// Other terminals changed seats of these shows (heard while no show is followed).
    case showsAnnounced(Set<Int64>)
    /// The summaries read again for `requested`; a requested show missing from them was deleted.
    case showSummariesLoaded(requested: [Int64], [ShowSummary])
    /// A whole map, and the clock offset measured with it.
    case mapLoaded(SeatMap, clockOffset: TimeInterval)
    /// The database clock minus this terminal's, measured again.
    case clockOffset(TimeInterval)
    case seatsChanged(showId: Int64, SeatChanges)
    case held(Hold)
    /// The hold took more seats: `hold` has all of them now.
    case seatsAdded(Hold)
    /// The answer to holding `labels` was lost, so whether they were held is not known yet.
    case holdInDoubt(showId: Int64, labels: [String])
    /// A hold whose answer was lost went through after all.
    case heldAfterAll(Hold)
    /// A hold request whose answer was lost holds nothing (see `LostHoldOutcome.notHeld`).
    case notHeldAfterAll(showId: Int64, labels: [String])
    case confirmed(BookingDetails)
    case released(bookingId: Int64)
    /// Releasing booking `bookingId` failed: the clerk's own release, or a late hold being
    /// given back.
    case releaseFailed(bookingId: Int64, BookingError)
    case extended(bookingId: Int64, expiresAt: Date)
    /// The show's confirmed bookings that match what the clerk typed into "Find booking".
    case bookingsFound(showId: Int64, query: String, [BookingLedger.Entry])
    /// The confirmed bookings of coming shows that match what the clerk typed into "Find
    /// booking" on the show list.
    case comingBookingsFound(query: String, [BookingLedger.Entry])
    /// The takings of `day`, `daysBeforeToday` days before today, per operator, for the sales screen.
    case salesLoaded(day: String, daysBeforeToday: Int, [SalesReport.Line])
    /// Looking up `subject` (a "Find booking" query, or a booking to cancel) failed; nothing
    /// else on the map is affected.
    case lookupFailed(subject: String, BookingError)
    /// Booking `bookingId` as the database has it, read to ask whether to cancel it; nil when
    /// it is no longer a confirmed booking of the show.
    case bookingToCancel(showId: Int64, bookingId: Int64, BookingLedger.Entry?)
    /// The booking was cancelled: its seats are free again and its total is owed back.
    case cancelled(BookingLedger.Entry)
    /// Seats of booking `from` were given back: `returned` records them, with what to refund.
    case seatsReturned(from: BookingLedger.Entry, returned: BookingLedger.Entry)
    /// Cancelling booking `bookingId` failed, or its answer was lost. Not `.failed`, which
    /// speaks for the map's hold and would forget a confirmation in doubt.
    case cancelFailed(bookingId: Int64, BookingError)
    /// Booking `bookingId` as the database has it, read to ask how it was paid; nil when it is
    /// no longer a confirmed booking of the show.
    case bookingToCorrectPayment(showId: Int64, bookingId: Int64, BookingLedger.Entry?)
    /// How `entry`'s sale was paid is now `to`; it was `was` (nil: not recorded).
    case paymentCorrected(BookingLedger.Entry, to: PaymentMethod, was: PaymentMethod?)
    /// Correcting how booking `bookingId` was paid failed, or its answer was lost.
    case paymentCorrectionFailed(bookingId: Int64, BookingError)
    case showCreated(showId: Int64)
    /// The show no longer exists: a manager deleted it.
    case showDeleted(showId: Int64)
    case failed(BookingError)
    case connection(ConnectionState)
    /// The database has been working on one request since this local time without answering
    /// (told after a couple of seconds), or nil once it answers.
    case databaseSlow(since: Date?)
}

/// Work for the runtime to do off the input loop; each answers with a `Msg`.
public enum Effect: Equatable, Sendable {
    public enum ShowSource: Equatable, Sendable {
        case grid(rows: Int, seatsPerRow: Int, priceCents: Int)
        case layoutFile(String)
    }

    case loadShows
    /// Read the whole list again in the background (`showsLoaded`).
    case refreshShows
    /// Read the summaries of these shows again, in the background.
    case loadShowSummaries([Int64])
    case openShow(Int64)
    /// Follow changes of this show (nil: none).
    case watch(Int64?)
    case hold(showId: Int64, labels: [String])
    /// Give this terminal's hold `bookingId` the seats `labels` as well (`HoldService.add`).
    case addSeats(bookingId: Int64, labels: [String])
    case confirm(bookingId: Int64, email: String, paidBy: PaymentMethod)
    case release(bookingId: Int64)
    case extend(bookingId: Int64)
    /// Find the show's confirmed bookings whose email contains `query`, or whose number it is.
    case findBookings(showId: Int64, query: String)
    /// Find the confirmed bookings of every coming show whose email contains `query`, or whose
    /// number it is.
    case findComingBookings(query: String)
    /// Read the takings per operator of the day `daysBeforeToday` days before today (0: today,
    /// by this terminal's calendar).
    case loadSales(daysBeforeToday: Int)
    /// Read a confirmed booking of the show, to ask the clerk whether to cancel it.
    case readBookingToCancel(showId: Int64, bookingId: Int64)
    /// Cancel a confirmed booking (the clerk said yes to this one) and free its seats.
    case cancelBooking(BookingLedger.Entry)
    /// Give back only `labels` of a confirmed booking; the customer keeps its other seats.
    case returnSeats(BookingLedger.Entry, labels: [String])
    /// Read a confirmed booking of the show, to ask the clerk how it was paid.
    case readBookingToCorrectPayment(showId: Int64, bookingId: Int64)
    /// Record that the booking's sale was paid `to` (the clerk pressed the wrong key before).
    case correctPayment(BookingLedger.Entry, to: PaymentMethod)
    case createShow(name: String, startsAt: Date, source: ShowSource)
    /// Leave the picker, once the effects before it in the same list (releases of this
    /// terminal's holds) are carried out or a short wait is over.
    case quit
}

extension Effect {
    /// The confirmed booking a cancellation or a return of some of its seats ends (its failure
    /// is `Msg.cancelFailed`); nil for other effects.
    public var bookingToEnd: BookingLedger.Entry? {
        switch self {
        case .cancelBooking(let entry), .returnSeats(let entry, _): entry
        default: nil
        }
    }

    /// What a read the clerk asked for, which changes nothing on the map, looks up (its failure
    /// is `Msg.lookupFailed`); nil for other effects.
    public var lookupSubject: String? {
        switch self {
        case .findBookings(_, let query), .findComingBookings(let query): query
        case .readBookingToCancel(_, let id), .readBookingToCorrectPayment(_, let id): "booking \(id)"
        case .loadSales(let back): back == 0 ? "today's sales" : "the day's sales"
        default: nil
        }
    }

    /// A read the clerk did not ask for: if it fails, nothing is said (an outage has its banner)
    /// and the next one tries again, so its error never replaces a message the clerk needs.
    public var isBackgroundRead: Bool {
        switch self {
        case .refreshShows, .loadShowSummaries: true
        default: false
        }
    }
}
