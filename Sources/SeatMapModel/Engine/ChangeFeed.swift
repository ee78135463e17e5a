import Foundation

/// Cheap change detection for terminals watching a show.
///
/// Every change stamps the bookings it writes with its transaction id (`change_xid`), and the
/// show id is announced on the `modex_changes` channel once it has committed. A reader keeps a
/// `ChangeCursor` (a snapshot); "changed since?" is one probe of the bookings'
/// `(show_id, change_xid)` index for a transaction that snapshot could not see, and the changed
/// seats are those the changed bookings list. No shared counter row is updated, so concurrent
/// holds of one show do not queue behind each other, and seat rows carry no stamp, so
/// PostgreSQL can update them in place (Schema0014). (A restore drops every connection, and a
/// picker that reconnects reads its whole map again.)
///
/// A hold lapsing changes no row: readers compare each seat's `holdExpiresAt` with the
/// database clock, and the expiry sweep later stamps the freed seats.
public struct ChangeFeed {
    /// The LISTEN/NOTIFY channel; the payload is the show id.
    public static let channel = "modex_changes"

    let database: Database

    public init(database: Database) { self.database = database }

    /// A cursor for "now", with the database clock.
    public func cursor() throws -> ChangeCursor { try Self.stamp(database).cursor }

    /// True when some seat of the show changed after `cursor`, or the show was deleted (then
    /// `changes` says so). One index probe, and one of the shows' primary key.
    public func hasChanged(show showId: Int64, since cursor: ChangeCursor) throws -> Bool {
        try database.run(Self.anyChangedSince, [.int(showId), .text(cursor.snapshot)]).single().bool("changed")
    }

    /// The seats changed after `cursor`, and the cursor to ask from next time; `.notFound` when
    /// the show has been deleted.
    ///
    /// One statement reads the seats and its own snapshot, so the new cursor is exactly the
    /// point the seats were read at: a change committing meanwhile is neither missed nor
    /// delivered twice. (Two statements, a stamp and then the seats, delivered such a change
    /// again from the next cursor.) The change queries are not prepared: planned with the
    /// snapshot's values they probe the index, while a cached generic plan cannot tell a
    /// show's recent changes from all its seats and would scan them (`IndexUseTests`).
    public func changes(show showId: Int64, since cursor: ChangeCursor) throws -> SeatChanges {
        let result = try database.run(Self.changesSince, [.int(showId), .text(cursor.snapshot)])
        guard let first = result.first else { throw BookingError.internalFailure("the change query returned no row") }
        let seats = try result.rows.filter { $0.text("seat_id") != nil }.map(SeatColumns.decode)
        guard try first.bool("show_exists") else { throw BookingError.notFound("Show \(showId) does not exist") }
        return SeatChanges(seats: seats, cursor: ChangeCursor(snapshot: try first.string("snap")),
                           databaseTime: try first.date("now"))
    }

    static let anyChangedSince = """
        SELECT EXISTS (SELECT 1 FROM bookings WHERE \(changedSince))
               OR NOT EXISTS (SELECT 1 FROM shows WHERE show_id = $1) AS changed
        """

    /// The changed seats beside the statement's own snapshot and clock and whether the show
    /// exists; one row with no seat when nothing changed. The changed bookings' seat ids are
    /// gathered first (`= ANY (ARRAY(...))`), so the seats are probed by primary key whatever
    /// the statistics say: as a join, a show created since the last ANALYZE looked like one
    /// seat, and every seat of it was read for each booking probe (15 ms a call on 20,000 seats).
    static let changesSince = """
        SELECT pg_current_snapshot()::text AS snap, extract(epoch FROM now())::float8 AS now,
               EXISTS (SELECT 1 FROM shows WHERE show_id = $1) AS show_exists, changed.*
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (
                SELECT \(SeatColumns.select) FROM seats
                 WHERE show_id = $1
                   AND seat_id = ANY (ARRAY(SELECT unnest(seat_ids) FROM bookings WHERE \(changedSince)))
          ) AS changed ON true
         ORDER BY changed.seat_id
        """

    /// One step of following `show` from `cursor`, given the notifications that just arrived:
    /// fetches the changed seats when the show was announced, or when the periodic check of
    /// `polling` finds changes nobody announced (then `polling` stops trusting LISTEN). Nil when
    /// there is nothing to fetch yet. The seat picker and `modex bench watchers` both use it.
    public func follow(show: Int64, from cursor: ChangeCursor, notes: [PGNotification],
                       polling: inout ChangePolling, now: Date = Date()) throws -> SeatChanges? {
        guard polling.shouldCheck(now: now, notes: notes, show: show) else { return nil }
        // An announcement means there is something to fetch; a periodic check asks first.
        if !notes.contains(where: { Self.showId(announcedBy: $0) == show }) {
            guard try hasChanged(show: show, since: cursor) else { return nil }
            polling.foundUnannouncedChange()
        }
        return try changes(show: show, since: cursor)
    }

    /// Subscribes this connection to change announcements.
    public func listen() throws {
        try database.connection.execute(script: "LISTEN \(Self.channel)")
    }

    /// Announces that `showId` changed. Called right after a change commits, outside its
    /// transaction (see Schema0002); `HoldService` throttles how often (`AnnouncementThrottle`).
    public func announce(show showId: Int64) throws {
        try database.perform(Self.announcementCall(show: showId))
    }

    /// The call `announce(show:)` makes, for a caller that sends it itself (see `BookingCall`).
    public static func announcementCall(show showId: Int64) -> BookingCall<Void> {
        BookingCall("SELECT pg_notify($1, $2)", [.text(channel), .text(String(showId))]) { _ in }
    }

    /// Sends a notification that only proves the LISTEN path works: a listener receives its own
    /// notifications, so this connection should hear it back (a pooler in transaction mode, for
    /// one, would swallow it).
    public func probe() throws {
        try database.run("SELECT pg_notify($1, $2)", [.text(Self.channel), .text(Self.probePayload)])
    }

    public static let probePayload = "probe"

    /// The show id announced by a notification on the change channel.
    public static func showId(announcedBy note: PGNotification) -> Int64? {
        note.channel == channel ? Int64(note.payload) : nil
    }

    /// The database clock.
    public func databaseTime() throws -> Date { try Self.stamp(database).time }

    /// Bookings of show $1 changed by a transaction that snapshot $2 could not see; a probe of
    /// the (show_id, change_xid) index.
    static let changedSince = """
        show_id = $1
        AND change_xid >= pg_snapshot_xmin($2::pg_snapshot)
        AND NOT pg_visible_in_snapshot(change_xid, $2::pg_snapshot)
        """

    static func stamp(_ database: Database) throws -> (cursor: ChangeCursor, time: Date) {
        let row = try database.call("SELECT pg_current_snapshot()::text AS snap, extract(epoch FROM now())::float8 AS now").single()
        return (ChangeCursor(snapshot: try row.string("snap")), try row.date("now"))
    }
}
