import Foundation
import SeatMapModel

extension Database {
    /// How many announcements of `showId` this connection (which must `LISTEN`) hears within
    /// `seconds`.
    func announcementsHeard(of showId: Int64, within seconds: Double) throws -> Int {
        var heard = 0
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            heard += try connection.waitForNotifications(timeoutMilliseconds: 50)
                .filter { ChangeFeed.showId(announcedBy: $0) == showId }.count
        }
        return heard
    }
}
