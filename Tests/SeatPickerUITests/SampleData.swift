import Foundation
import XCTest
import SeatMapModel
@testable import SeatPickerUI

/// Fixed inputs for screen tests: a clock, the sample theatre and arena as seat maps.
enum SampleData {
    static let now = Date(timeIntervalSince1970: 1_796_124_600)   // 2026-12-01 11:30 UTC
    static let utc = TimeZone(identifier: "UTC")!

    static func show(_ id: Int64, _ name: String, seats: Int) -> ShowSummary {
        ShowSummary(showId: id, name: name, startsAt: Date(timeIntervalSince1970: 1_796_153_400), createdAt: now,
                    totalSeats: seats, available: seats, reserved: 0, booked: 0)
    }

    static func map(_ layout: String, id: Int64 = 1, name: String = "The Seagull") -> SeatMap {
        let plan = try! LayoutParser.parse(layout)
        let seats = plan.availableSeatStates()
        return SeatMap(show: show(id, name, seats: seats.count), categories: plan.categories, seats: seats,
                       cursor: ChangeCursor(snapshot: "100:100:"), databaseTime: now)
    }

    static func seat(_ map: SeatMap, _ label: String, _ status: SeatStatus, booking: Int64? = nil, expires: Date? = nil) -> SeatState {
        map.seats.first { $0.label == label }!.with(status: status, bookingId: booking, holdExpiresAt: expires)
    }

    static func state(_ size: ScreenSize) -> AppState {
        AppState(operatorName: "boxoffice", now: now, size: size)
    }

    /// Puts the seat map's cursor on `label`.
    static func moveCursor(_ state: inout AppState, to label: String) {
        guard case .seats(var map) = state.screen else { return XCTFail("not on the map") }
        map.cursorSeat = map.index(of: label)!
        state.screen = .seats(map)
    }

    /// The theatre open, with A1 booked, B3 held elsewhere, this terminal holding C5 C6 and
    /// D7 selected, the cursor on D7.
    static func busyTheatre(_ size: ScreenSize) -> AppState {
        var state = state(size)
        let theatre = map(SampleVenues.theatre)
        _ = update(&state, .mapLoaded(theatre, clockOffset: 0))
        _ = update(&state, .seatsChanged(showId: 1, SeatChanges(seats: [
            seat(theatre, "A1", .booked, booking: 7),
            seat(theatre, "B3", .reserved, booking: 8, expires: now.addingTimeInterval(90)),
            seat(theatre, "C5", .reserved, booking: 9, expires: now.addingTimeInterval(95)),
            seat(theatre, "C6", .reserved, booking: 9, expires: now.addingTimeInterval(95)),
        ], cursor: ChangeCursor(snapshot: "101:101:"), databaseTime: now)))
        _ = update(&state, .held(Hold(bookingId: 9, showId: 1, labels: ["C5", "C6"], expiresAt: now.addingTimeInterval(95))))
        state.message = nil
        if case .seats(var m) = state.screen {
            m.cursorSeat = m.index(of: "D7")!
            m.selection = ["D7"]
            state.screen = .seats(m)
        }
        return state
    }
}
