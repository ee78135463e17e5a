import Foundation
import SeatMapModel
import SeatPickerUI

/// Times `render` of the sample arena (20,000 seats) at 200x60 with a hold and a selection,
/// and of a list of 200 shows at the same size.
enum RenderBenchmark {
    static func run(json: Bool) {
        let map = timeArena()
        let list = timeShowList()
        if json {
            Output.json(["render_p50_ms": map.p50, "render_p99_ms": map.p99, "render_max_ms": map.max,
                         "render_show_list_p50_ms": list.p50, "render_show_list_p99_ms": list.p99])
        } else {
            Output.line(String(format: "render 20,000-seat arena at 200x60: p50 %.2f ms  p99 %.2f ms  max %.2f ms (%d frames)",
                               map.p50, map.p99, map.max, map.count))
            Output.line(String(format: "render a list of 200 shows at 200x60: p50 %.2f ms  p99 %.2f ms  max %.2f ms (%d frames)",
                               list.p50, list.p99, list.max, list.count))
        }
    }

    static func timeShowList() -> LatencyStats {
        let now = Date()
        var state = AppState(operatorName: "bench", now: now, size: ScreenSize(width: 200, height: 60))
        _ = update(&state, .showsLoaded((1...200).map { i in
            ShowSummary(showId: Int64(i), name: "Show \(i)", startsAt: now.addingTimeInterval(Double(i - 20) * 86_400 * 3), createdAt: now,
                        totalSeats: 200, available: 200 - i, reserved: 0, booked: i)
        }))
        return timeFrames(&state, keys: [.down, .down, .up])
    }

    static func timeFrames(_ state: inout AppState, keys: [Key]) -> LatencyStats {
        var samples: [Double] = []
        for i in 0..<200 {
            _ = update(&state, .key(keys[i % keys.count]))
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = render(state)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return LatencyStats(samples)
    }

    static func timeArena() -> LatencyStats {
        let plan = try! LayoutParser.parse(SampleVenues.arena)
        let now = Date()
        let seats = plan.availableSeatStates().map { s in
            s.seatId % 7 != 0 ? s : s.with(status: .booked, bookingId: 1, holdExpiresAt: nil)
        }
        let show = ShowSummary(showId: 1, name: "Arena", startsAt: now, createdAt: now, totalSeats: seats.count,
                               available: seats.count, reserved: 0, booked: 0)
        var state = AppState(operatorName: "bench", now: now, size: ScreenSize(width: 200, height: 60))
        _ = update(&state, .mapLoaded(SeatMap(show: show, categories: plan.categories, seats: seats,
                                              cursor: ChangeCursor(snapshot: "1:1:"), databaseTime: now), clockOffset: 0))
        for key in [Key.down, .down, .right, .character(" "), .right, .character(" ")] { _ = update(&state, .key(key)) }
        return timeFrames(&state, keys: [.right, .left])
    }
}
