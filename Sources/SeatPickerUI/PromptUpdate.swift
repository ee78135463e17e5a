import Foundation
import SeatMapModel

/// Keys while a prompt or the new-show form is open. Esc always cancels.
func updatePrompt(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let prompt = state.prompt else { return [] }
    switch prompt {
    case .email(let text, _):
        switch key {
        case .escape:
            state.prompt = nil
            if case .seats(var map) = state.screen, map.hold != nil {
                map.emailDraft = text
                state.screen = .seats(map)
            }
        case .enter:
            guard case .seats(var map) = state.screen, map.hold != nil else { state.prompt = nil; return [] }
            do {
                let email = try InputValidation.email(text)
                map.emailDraft = email
                state.screen = .seats(map)
                state.prompt = .payment(email: email)
            } catch let error as BookingError {
                // The address is on the prompt line already: do not quote it again.
                let echo = "\"\(text)\" "
                state.prompt = .email(text: text, error: error.message.hasPrefix(echo) ? String(error.message.dropFirst(echo.count)) : error.message)
            } catch {}
        default:
            if let edited = editPromptText(text, key) { state.prompt = .email(text: edited, error: nil) }
        }
    case .payment(let email):
        switch key {
        case .escape: state.prompt = .email(text: email, error: nil)
        case .character("1"): return confirmHold(&state, email: email, paidBy: .cash)
        case .character("2"): return confirmHold(&state, email: email, paidBy: .card)
        default: break   // a stray key neither books nor loses the question
        }
    case .goToSeat(let text, _):
        switch key {
        case .escape: state.prompt = nil
        case .enter:
            guard case .seats(var map) = state.screen else { state.prompt = nil; return [] }
            let label = text.trimmingCharacters(in: .whitespaces).uppercased()
            if let index = map.index(of: label) {
                map.cursorSeat = index
                state.screen = .seats(map)
                state.prompt = nil
            } else {
                state.prompt = .goToSeat(text: text, error: map.missingSeatHint(label))
            }
        default:
            if let edited = editPromptText(text, key) { state.prompt = .goToSeat(text: edited, error: nil) }
        }
    case .findBooking(let text, _):
        switch key {
        case .escape: state.prompt = nil
        case .enter:
            let query = text.trimmingCharacters(in: .whitespaces)
            guard !query.isEmpty else {
                state.prompt = .findBooking(text: text, error: "type part of the customer's email, or a booking number")
                return []
            }
            state.prompt = nil
            state.message = StatusMessage("Looking for \(query)...")
            switch state.screen {
            case .seats(let map): return [.findBookings(showId: map.show.showId, query: query)]
            case .shows: return [.findComingBookings(query: query)]
            }
        default:
            if let edited = editPromptText(text, key) { state.prompt = .findBooking(text: edited, error: nil) }
        }
    case .seatsTogether(let text, _):
        switch key {
        case .escape: state.prompt = nil
        case .enter: selectSeatsTogether(&state, typed: text)
        default:
            if let edited = editPromptText(text, key) { state.prompt = .seatsTogether(text: edited, error: nil) }
        }
    case .cancelBooking(let entry):
        return answerCancelBooking(&state, entry, key)
    case .correctPayment(let entry):
        return answerCorrectPayment(&state, entry, key)
    case .returnSeats(let entry, let text, _):
        return answerReturnSeats(&state, entry, typed: text, key)
    case .filter(let text):
        guard case .shows(var list) = state.screen else { state.prompt = nil; return [] }
        switch key {
        case .escape: list.filter = ""; state.prompt = nil
        case .enter: state.prompt = nil
        default:
            if let edited = editPromptText(text, key) {
                list.filter = edited
                list.cursor = 0
                state.prompt = .filter(text: edited)
            }
        }
        state.screen = .shows(list)
    case .newShow(var form):
        switch key {
        case .escape: state.prompt = nil
        case .tab, .down:
            form.focus = NewShowForm.Field(rawValue: (form.focus.rawValue + 1) % NewShowForm.Field.allCases.count)!
            state.prompt = .newShow(form)
        case .backTab, .up:
            let n = NewShowForm.Field.allCases.count
            form.focus = NewShowForm.Field(rawValue: (form.focus.rawValue + n - 1) % n)!
            state.prompt = .newShow(form)
        case .enter:
            if let effect = form.request() {
                state.prompt = nil
                state.newShowInFlight = form
                state.message = StatusMessage("Creating \(form.value(.name))...")
                return [effect]
            }
            state.message = StatusMessage("Fill in name, start, and rows and seats per row (or a layout file); fix what is marked.", isError: true)
        default:
            if let edited = editPromptText(form.value(form.focus), key) {
                form.values[form.focus] = edited
                form.refusal = nil
                state.prompt = .newShow(form)
            }
        }
    }
    return []
}

/// The clerk said how the customer paid: the hold is confirmed for `email`.
private func confirmHold(_ state: inout AppState, email: String, paidBy: PaymentMethod) -> [Effect] {
    state.prompt = nil
    guard case .seats(var map) = state.screen, let hold = map.hold else { return [] }
    map.confirming = hold.bookingId
    map.busy = true
    state.screen = .seats(map)
    state.message = StatusMessage("Booking \(map.seatList(hold.labels)), \(paidBy.paidText), for \(email)...")
    return [.confirm(bookingId: hold.bookingId, email: email, paidBy: paidBy)]
}

/// Line editing: printable characters append, Backspace deletes. Nil for other keys.
func editPromptText(_ text: String, _ key: Key) -> String? {
    switch key {
    case .backspace: return String(text.dropLast())
    case .clearField: return ""
    case .character(let ch) where !ch.isNewline && (ch.isLetter || ch.isNumber || ch.isPunctuation || ch.isSymbol || ch == " "):
        return text.count < 254 ? text + String(ch) : text
    default: return nil
    }
}
