import ModexTestSupport
@testable import SeatMapModel
import XCTest

final class ConcurrentHoldTests: XCTestCase {
    func testFiftyConcurrentHoldsOfOneSeatHaveExactlyOneWinner() throws {
        let f = try Fixture()
        let conninfo = f.conninfo, show = f.showId
        let results = race(50, setup: { _ in try Database(conninfo: conninfo) }) { _, db in
            try HoldService(database: db).hold(seats: ["A1"], for: show)
        }
        let winners = results.compactMap { try? $0.get() }
        XCTAssertEqual(winners.count, 1)
        let losers = results.filter { if case .failure(let e) = $0 { return (e as? BookingError) == .seatsUnavailable(["A1"]) }; return false }
        XCTAssertEqual(losers.count, 49, "every loser is told A1 was taken: \(results)")
        let seats = try f.storedSeats()
        XCTAssertEqual(seats["A1"]?.status, "RESERVED")
        XCTAssertEqual(seats["A1"]?.booking, winners.first?.bookingId)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings"), 1)
        XCTAssertEqual(try f.count("SELECT coalesce(sum(cardinality(seat_ids)), 0) AS n FROM bookings"), 1)
        try f.assertClean()
    }

    func testOverlappingHoldsInOppositeOrdersNeverSurfaceDeadlocks() throws {
        let f = try Fixture(seatsPerRow: 12)
        let conninfo = f.conninfo, show = f.showId
        let forward = (1...6).map { "A\($0)" }
        for round in 0..<5 {
            let results = race(16, setup: { _ in try Database(conninfo: conninfo) }) { i, db -> Int64 in
                let labels = i % 2 == 0 ? forward : forward.reversed()
                let shifted = labels.map { label -> String in
                    let n = Int(label.dropFirst())! + (i % 4 < 2 ? 0 : 3)   // overlapping windows A1-6 and A4-9
                    return "A\(n)"
                }
                let hold = try HoldService(database: db).hold(seats: shifted, for: show)
                return hold.bookingId
            }
            var won: [Int64] = []
            for result in results {
                switch result {
                case .success(let id): won.append(id)
                case .failure(let error as BookingError):
                    guard case .seatsUnavailable(let taken) = error else { return XCTFail("round \(round): \(error) reached a caller") }
                    XCTAssertFalse(taken.isEmpty)
                case .failure(let error): XCTFail("round \(round): \(error)")
                }
            }
            // A1-6 and A4-9 overlap, so exactly one hold wins each round.
            XCTAssertEqual(won.count, 1, "round \(round)")
            try f.assertClean()
            for id in won { try f.service().release(booking: id) }
        }
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE status <> 'AVAILABLE'"), 0)
    }

    func testFortyOneSeatHoldsOnThirtySeatsExactlyThirtySucceed() throws {
        let f = try Fixture(seatsPerRow: 30)
        let conninfo = f.conninfo, show = f.showId
        let results = race(40, setup: { _ in try Database(conninfo: conninfo) }) { i, db in
            try HoldService(database: db).hold(seats: ["A\(i % 30 + 1)"], for: show)
        }
        let winners = results.compactMap { try? $0.get() }
        XCTAssertEqual(winners.count, 30)
        XCTAssertEqual(Set(winners.flatMap(\.labels)).count, 30)
        let conflicts = results.filter { if case .failure(let e) = $0, case .seatsUnavailable = e as? BookingError { return true }; return false }
        XCTAssertEqual(conflicts.count, 10)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE status = 'RESERVED'"), 30)
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM bookings WHERE status = 'PENDING'"), 30)
        try f.assertClean()
    }

    func testDisjointHoldsInParallelAllSucceed() throws {
        let f = try Fixture(rows: 2, seatsPerRow: 20)
        let conninfo = f.conninfo, show = f.showId
        let results = race(20, setup: { _ in try Database(conninfo: conninfo) }) { i, db in
            try HoldService(database: db).hold(seats: ["A\(i + 1)", "B\(i + 1)"], for: show)
        }
        XCTAssertEqual(results.compactMap { try? $0.get() }.count, 20, "\(results)")
        XCTAssertEqual(try f.count("SELECT count(*) AS n FROM seats WHERE status = 'RESERVED'"), 40)
        try f.assertClean()
    }
}
