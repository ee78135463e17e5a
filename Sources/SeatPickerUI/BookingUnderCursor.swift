import SeatMapModel

/// The keys that act on a confirmed booking of the map (`X` cancels it, `p` corrects how it was
/// paid) read it first, as the database has it, and only then ask the clerk about it.

/// The booking of the booked seat under the cursor, read with `effect` ("Reading booking 7...");
/// with no booked seat there, `explanation` says what the key needs and nothing is read.
func readBookingUnderCursor(_ map: SeatMapState, _ state: inout AppState, explanation: String,
                            _ effect: (_ showId: Int64, _ bookingId: Int64) -> Effect) -> [Effect] {
    let seat = map.cursor
    guard map.look(of: seat, at: state.databaseNow) == .booked, let id = seat.bookingId else {
        state.message = StatusMessage(explanation + " (b finds a booking by email).", isError: true)
        return []
    }
    state.message = StatusMessage("Reading booking \(id)...")
    return [effect(map.show.showId, id)]
}

/// The booking has been read: `prompt` asks the clerk about it, unless they left its show
/// meanwhile, or opened another prompt (`notAsked` then says so), or it is no longer a
/// confirmed booking of the show (nil).
func askAboutReadBooking(_ state: inout AppState, showId: Int64, bookingId: Int64, _ entry: BookingLedger.Entry?,
                         notAsked: String, _ prompt: (BookingLedger.Entry) -> Prompt) {
    guard case .seats(let map) = state.screen, map.show.showId == showId, entry.map({ $0.booking.showId == showId }) ?? true else {
        return
    }
    guard let entry else {
        state.message = StatusMessage("Booking \(bookingId) is no longer a confirmed booking of this show: it was cancelled elsewhere.",
                                      isError: true)
        return
    }
    guard state.prompt == nil else {
        state.message = StatusMessage(notAsked)
        return
    }
    state.message = nil
    state.prompt = prompt(entry)
}
