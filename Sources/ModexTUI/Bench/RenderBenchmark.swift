import Foundation
import SeatMapModel
import SeatPickerUI

/// Times `render` of the sample arena (20,000 seats) at 200x60 with a hold and a selection.
enum RenderBenchmark {
    static func run(json: Bool) {
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
        var samples: [Double] = []
        for i in 0..<200 {
            _ = update(&state, .key(i % 2 == 0 ? .right : .left))
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = render(state)
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        let stats = LatencyStats(samples)
        if json {
            Output.json(["render_p50_ms": stats.p50, "render_p99_ms": stats.p99, "render_max_ms": stats.max])
        } else {
            Output.line(String(format: "render 20,000-seat arena at 200x60: p50 %.2f ms  p99 %.2f ms  max %.2f ms (%d frames)",
                               stats.p50, stats.p99, stats.max, stats.count))
        }
    }
}
