import Foundation
import Logging
@testable import ModexTUI
import ModexTestSupport
import SeatMapModel
import SeatPickerUI
import XCTest

/// Enter with a hold and more seats selected: the picker's database thread adds them to the hold.
final class AddSeatsWorkerTests: XCTestCase {
    func testTheWorkerAddsSeatsToTheHoldAndSaysWhoHasARefusedOne() throws {
        let conninfo = try TestCluster.freshDatabase()
        let db = try Database(conninfo: conninfo)
        let showId = try ShowCatalog(database: db).createShow(
            name: "More", startsAt: Date(timeIntervalSinceNow: 86_400), plan: try VenuePlan.grid(rows: 1, seatsPerRow: 6))
        _ = try HoldService(database: db).hold(seats: ["A6"], for: showId)
        let inbox = Inbox()
        let worker = DatabaseWorker(connect: { try Database(conninfo: conninfo) }, policy: HoldPolicy(), inbox: inbox, log: Logger(label: "test"))
        worker.start()
        defer { worker.stop() }
        func answer(to effect: Effect) -> Msg? {
            worker.submit(effect)
            var found: Msg?
            _ = eventually(within: 5) {
                found = inbox.drain().first { if case .connection = $0 { false } else { true } }
                return found != nil
            }
            return found
        }
        guard case .held(let hold)? = answer(to: .hold(showId: showId, labels: ["A1", "A2"])) else { return XCTFail("not held") }
        guard case .seatsAdded(let grown)? = answer(to: .addSeats(bookingId: hold.bookingId, labels: ["A3"])) else {
            return XCTFail("no seats added")
        }
        XCTAssertEqual(grown.bookingId, hold.bookingId)
        XCTAssertEqual(grown.labels, ["A1", "A2", "A3"])
        XCTAssertEqual(answer(to: .addSeats(bookingId: hold.bookingId, labels: ["A4", "A6"])), .failed(.seatsUnavailable(["A6"])))
        XCTAssertEqual(try HoldService(database: db).booking(hold.bookingId).seats, ["A1", "A2", "A3"])
    }
}
