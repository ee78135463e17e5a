import Foundation

/// Cheap change detection for terminals watching a show.
///
/// Every change bumps the show's `version` and announces `show_id:version` on the
/// `modex_changes` channel. "Changed since N?" is one primary-key read; the changed seats come
/// from the `(show_id, version)` index. A hold lapsing changes no row: readers compare each
/// seat's `holdExpiresAt` with the database clock, and the expiry sweep later bumps the version.
public struct ChangeFeed {
    /// The LISTEN/NOTIFY channel.
    public static let channel = "modex_changes"

    let database: Database

    public init(database: Database) { self.database = database }

    /// The show's current version; `.notFound` if the show does not exist.
    public func version(of showId: Int64) throws -> Int64 {
        guard let row = try database.run("SELECT version FROM shows WHERE show_id = $1", [.int(showId)]).first else {
            throw BookingError.notFound("Show \(showId) does not exist")
        }
        return try row.int("version")
    }

    /// The seats changed after `version`.
    public func changes(show showId: Int64, since version: Int64) throws -> SeatChanges {
        let current = try self.version(of: showId)
        let result = try database.run("""
            SELECT \(SeatColumns.select), extract(epoch FROM now())::float8 AS db_now
              FROM seats WHERE show_id = $1 AND version > $2 ORDER BY seat_id
            """, [.int(showId), .int(version)])
        let now = try result.first?.date("db_now") ?? Date()
        return SeatChanges(seats: try result.rows.map(SeatColumns.decode), version: current, databaseTime: now)
    }

    /// Subscribes this connection to change announcements.
    public func listen() throws {
        try database.connection.execute(script: "LISTEN \(Self.channel)")
    }

    /// Parses a `show_id:version` payload.
    public static func parse(_ note: PGNotification) -> (showId: Int64, version: Int64)? {
        let parts = note.payload.split(separator: ":")
        guard note.channel == channel, parts.count == 2, let show = Int64(parts[0]), let version = Int64(parts[1]) else { return nil }
        return (show, version)
    }

    /// The database clock.
    public func databaseTime() throws -> Date {
        try database.run("SELECT extract(epoch FROM now())::float8 AS now").first!.date("now")
    }
}
