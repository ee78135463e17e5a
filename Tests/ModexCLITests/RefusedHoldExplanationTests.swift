import Foundation
@testable import ModexTUI
import ModexTestSupport
import SeatMapModel
import XCTest

/// A seat whose hold lapsed between the refusal and the look at why says so, and to try again.
final class RefusedHoldExplanationTests: XCTestCase {
    func testASeatFreeAgainByTheTimeItIsExplainedSaysToTryAgain() throws {
        let db = try Database(conninfo: try TestCluster.freshDatabase())
        let showId = try ShowCatalog(database: db).createShow(name: "Gala", startsAt: Date(timeIntervalSinceNow: 86_400),
                                                              plan: try VenuePlan.grid(rows: 1, seatsPerRow: 4))
        XCTAssertEqual(try HoldCommand.whyTaken(["A1", "A2"], show: showId, database: db),
                       "Not held: A1 and A2 were taken a moment ago and are free again; run the command again")
    }
}
