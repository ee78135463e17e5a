import Foundation
import SeatMapModel

/// The whole behaviour of the seat picker: a message and a state go in, a new state and the
/// effects to run come out. No I/O happens here.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .key(.controlC):
        return quit(&state)
    case .key where !state.size.fitsThePicker:
        return []
    case .key(let key):
        if state.salesShown != nil { return updateSalesScreen(&state, key) }
        if state.showHelp {
            state.showHelp = false
            return []
        }
        if state.prompt != nil { return updatePrompt(&state, key) }
        switch state.screen {
        case .shows: return updateShowList(&state, key)
        case .seats: return updateSeatMap(&state, key)
        }
    case .resize(let size):
        state.size = size
        return []
    case .tick(let now):
        state.now = now
        expireKeptHolds(&state)
        return expireOwnHold(&state) + refreshShowListIfDue(&state)
    case .showsAnnounced(let ids):
        showsAnnounced(&state, ids)
        return []
    case .databaseSlow(let since):
        state.databaseSlowSince = since
        return []
    case .connection(let connection):
        if case .unreachable = connection, case .seats(var map) = state.screen, map.busy {
            map.busy = false
            state.screen = .seats(map)
        }
        return connectionChanged(&state, to: connection)
    case .releaseFailed(let id, let error):
        return releaseFailed(&state, id, error)
    case .failed(.databaseUnreachable), .lookupFailed(_, .databaseUnreachable), .cancelFailed(_, .databaseUnreachable),
         .paymentCorrectionFailed(_, .databaseUnreachable), .holdInDoubt, .notHeldAfterAll:
        // Proves nothing about the connection: the outage banner comes from `.connection`.
        return applyAnswer(&state, msg)
    default:
        // Any other answer came from the database, so it is reachable again.
        let reload = connectionChanged(&state, to: .online)
        return reload + applyAnswer(&state, msg)
    }
}

/// Records the connection's state; back after an outage, reads again what may have changed
/// meanwhile and drops an error that the outage caused.
private func connectionChanged(_ state: inout AppState, to connection: ConnectionState) -> [Effect] {
    let wasDown = if case .unreachable = state.connection { true } else { false }
    state.connection = connection
    guard wasDown, connection == .online else { return [] }
    if state.message?.isError == true { state.message = StatusMessage("Connected to the database again.") }
    switch state.screen {
    case .shows: return [.loadShows]
    case .seats(let map): return [.openShow(map.show.showId)]
    }
}

/// When this terminal's hold runs out, the screen says so; with a request in flight (a
/// confirmation sent in the last second, say) or a confirmation in doubt, the database's
/// answer says what became of the hold.
private func expireOwnHold(_ state: inout AppState) -> [Effect] {
    guard case .seats(var map) = state.screen, let hold = map.hold, !map.busy, map.confirming != hold.bookingId,
          state.hasRunOut(hold) else { return [] }
    holdRanOut(&map, &state, hold)
    state.screen = .seats(map)
    return []
}

/// A manager deleted show `id`: a clerk on its map goes back to the list, which no longer has it.
private func leaveDeletedShow(_ state: inout AppState, _ id: Int64) -> [Effect] {
    switch state.screen {
    case .seats(let map) where map.show.showId == id:
        state.screen = .shows(ShowListState(filter: state.listFilter))
        state.prompt = nil
        state.message = StatusMessage("\(map.show.name) (show \(id)) was deleted by a manager; pick another show.", isError: true)
        return [.watch(nil), .loadShows]
    case .seats:
        return []
    case .shows:
        state.message = StatusMessage("Show \(id) was deleted by a manager.", isError: true)
        return [.loadShows]
    }
}

/// Answers from the database.
private func applyAnswer(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .showsLoaded(let shows):
        if case .shows(var list) = state.screen {
            showsLoaded(&list, shows, at: state.now)
            state.screen = .shows(list)
        }
    case .managersLoaded(let names):
        state.managers = names
    case .showSummariesLoaded(let requested, let summaries):
        showSummariesLoaded(&state, requested: requested, summaries)
    case .mapLoaded(let map, let offset):
        state.clockOffset = offset
        var next = SeatMapState(map: map)
        if case .shows(let list) = state.screen { state.listFilter = list.filter }
        // The same show's map, read again: what this terminal was doing on it carries over.
        let reread: SeatMapState? = if case .seats(let old) = state.screen, old.show.showId == map.show.showId { old } else { nil }
        if reread == nil, let prompt = state.prompt, !prompt.isNewShowForm {
            // Asked on the screen this map replaces (another show's seats, or the list's filter):
            // it would act on the wrong show. The new-show form keeps what was typed.
            state.prompt = nil
        }
        if let old = reread {
            next.cursorSeat = min(old.cursorSeat, max(0, next.seats.count - 1))
            next.hold = old.hold
            next.busy = old.busy
            next.holdsInDoubt = old.holdsInDoubt
            next.givingBack = old.givingBack
            next.emailDraft = old.emailDraft
            next.confirming = old.confirming
            next.cancelling = old.cancelling
            next.selection = old.selection.filter { label in
                old.holdsInDoubt.contains(label)
                    || next.index(of: label).map { next.look(of: next.seats[$0], at: state.databaseNow) == .available } ?? false
            }
        }
        if case .shows = state.screen, let place = state.seatToOpenAt, place.showId == map.show.showId,
           let index = next.index(of: place.label) {
            next.cursorSeat = index
        }
        if state.message?.text.hasPrefix("Opening") == true { state.message = nil }
        if case .shows = state.screen {
            resumeKeptHold(&next, &state, movingTheCursor: state.seatToOpenAt == nil)
            state.seatToOpenAt = nil
            state.salesShown = nil   // a show opened while the sales were read or shown
        }
        reconcileHold(&next, &state)
        settleLostConfirmation(&next, &state)
        state.screen = .seats(next)
        return [.watch(map.show.showId)]
    case .seatsChanged(let showId, let changes):
        guard case .seats(var map) = state.screen, map.show.showId == showId else { return [] }
        let taken = changes.seats.filter { seat in
            map.selection.contains(seat.label) && !map.holdsInDoubt.contains(seat.label)
                && SeatMapState.isTaken(seat, at: state.databaseNow) && seat.bookingId != map.hold?.bookingId
        }.map(\.label)
        map.apply(changes.seats)
        map.changeCursor = changes.cursor
        map.selection.subtract(taken)
        if !taken.isEmpty { state.message = StatusMessage(BookingError.seatsUnavailable(taken).message, isError: true) }
        reconcileHold(&map, &state)
        state.screen = .seats(map)
    case .held(let hold):
        guard case .seats(var map) = state.screen, map.show.showId == hold.showId else {
            // Nobody is looking at this hold any more: give the seats back rather than block
            // them, unseen, until the hold runs out.
            return giveBack(&state, hold, saying: "the hold was made after you left that show")
        }
        map.busy = false
        let effects = takeHold(&map, &state, hold, saying: "Held \(map.seatList(hold.labels)).")
        state.screen = .seats(map)
        return effects
    case .seatsAdded(let hold):
        return seatsAdded(&state, hold)
    case .holdInDoubt(let showId, let labels):
        holdWentInDoubt(&state, showId: showId, labels: labels)
    case .heldAfterAll(let hold):
        return lostHoldWentThrough(&state, hold)
    case .notHeldAfterAll(let showId, let labels):
        lostHoldMadeNone(&state, showId: showId, labels: labels)
    case .confirmed(let booking):
        var total = ""
        let seats = state.seatList(booking.seats, of: booking.showId)
        if case .seats(var map) = state.screen, booking.showId == map.show.showId {
            endOwnHold(&map, &state)
            map.busy = false
            map.mark(booking.seats, .booked, booking: booking.bookingId, expiresAt: nil)
            map.selection.subtract(booking.seats)
            state.screen = .seats(map)
            total = ", total \(PriceCategory.priceText(cents: map.priceCents(of: booking.seats), paidBy: booking.paidBy)),"
        }
        // Said even off the map: a confirmed booking must never go unnoticed.
        // The email, of any length, comes last, so a long one never hides the booking number or the total.
        state.message = StatusMessage("Booked \(seats) (booking \(booking.bookingId))\(total) for \(booking.email ?? "the customer").")
    case .released(let id):
        guard case .seats(var map) = state.screen else { return [] }
        if map.givingBack.remove(id) != nil {
            // Not the clerk's request: a hold that went through too late, given back.
            state.screen = .seats(map)
            return []
        }
        if let hold = map.hold, hold.bookingId == id {
            map.mark(hold.labels, .available, booking: nil, expiresAt: nil)
            endOwnHold(&map, &state)
        }
        map.busy = false
        state.screen = .seats(map)
        state.message = StatusMessage("Hold released; the seats are free again.")
    case .extended(let id, let expiresAt):
        guard case .seats(var map) = state.screen else { return [] }
        if let hold = map.hold, hold.bookingId == id {
            map.hold?.expiresAt = expiresAt
            map.mark(hold.labels, .reserved, booking: id, expiresAt: expiresAt)
        }
        map.busy = false
        state.screen = .seats(map)
        let limit = durationText(state.holdPolicy.maxHoldSeconds)
        let left = HoldCountdown(expiresAt: expiresAt, clockOffset: state.clockOffset).text(at: state.now)
        state.message = StatusMessage(map.hold?.canBeExtended == false ? "Hold extended to the limit of \(limit) in all: \(left) left."
                                      : "Hold extended: \(left) left.")
    case .bookingsFound(let showId, let query, let found):
        showFoundBookings(&state, showId: showId, query: query, found)
    case .salesLoaded(let day, let back, let lines):
        salesLoaded(&state, day: day, daysBeforeToday: back, lines)
    case .comingBookingsFound(let query, let found):
        showFoundComingBookings(&state, query: query, found)
    case .lookupFailed(_, .notAllowed(let why)):
        state.message = StatusMessage(why, isError: true)
    case .lookupFailed(let subject, let error):
        state.message = StatusMessage("Could not look for \(subject): \(error.message)", isError: true)
    case .bookingToCancel(let showId, let bookingId, let entry):
        bookingToCancelRead(&state, showId: showId, bookingId: bookingId, entry)
    case .cancelled(let entry):
        bookingCancelled(&state, entry)
    case .seatsReturned(let from, let returned):
        seatsGivenBack(&state, from: from, returned: returned)
    case .cancelFailed(let id, let error):
        cancellationFailed(&state, bookingId: id, error)
    case .bookingToCorrectPayment(let showId, let bookingId, let entry):
        bookingToCorrectPaymentRead(&state, showId: showId, bookingId: bookingId, entry)
    case .paymentCorrected(let entry, let method, let was):
        paymentCorrected(&state, entry, to: method, was: was)
    case .paymentCorrectionFailed(let id, let error):
        paymentCorrectionFailed(&state, bookingId: id, error)
    case .showCreated(let id):
        let name = state.newShowInFlight.map { ": " + $0.value(.name).trimmingCharacters(in: .whitespaces) } ?? ""
        state.newShowInFlight = nil
        state.message = StatusMessage("Created show \(id)\(name).")
        if case .shows(var list) = state.screen {
            list.returningTo = id   // the cursor goes to the new show once the list has it
            state.screen = .shows(list)
        }
        return [.loadShows]
    case .showDeleted(let id):
        return leaveDeletedShow(&state, id)
    case .clockOffset(let offset):
        state.clockOffset = offset
    case .failed(let error):
        state.message = StatusMessage(error.message, isError: true)
        if var form = state.newShowInFlight {
            // The show was refused: the form comes back as typed, saying why.
            state.newShowInFlight = nil
            form.refusal = error.message
            if state.prompt == nil { state.prompt = .newShow(form) }
            return []
        }
        guard case .seats(var map) = state.screen else { return [] }
        map.busy = false
        // A lost answer leaves a confirmation in doubt; any other failure is an answer.
        if case .databaseUnreachable = error {} else { map.confirming = nil }
        if case .seatsUnavailable(let labels) = error { map.selection.subtract(labels) }
        if case .wrongState = error, let hold = map.hold, state.hasRunOut(hold, within: 1) {
            holdRanOut(&map, &state, hold)
        }
        state.screen = .seats(map)
        if case .seatsUnavailable = error { return [.openShow(map.show.showId)] }
    default:
        break
    }
    return []
}
