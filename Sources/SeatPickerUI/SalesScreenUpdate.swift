import SeatMapModel

/// `s` on the show list: the takings of a day per operator, today first; `←` and `→` on the
/// sales screen step to the day before or after, so a clerk cashing up after midnight finds
/// the evening's sales under yesterday.
func readSales(_ state: inout AppState, daysBeforeToday back: Int, day: String? = nil) -> [Effect] {
    state.message = StatusMessage(salesReadingText(daysBeforeToday: back, day: day))
    return [.loadSales(daysBeforeToday: back)]
}

/// What the status line says while a day's sales are read.
func salesReadingText(daysBeforeToday back: Int, day: String?) -> String {
    guard back > 0 else { return "Reading today's sales..." }
    return day.map { "Reading the sales of \($0)..." } ?? "Reading the day's sales..."
}

/// Keys on the sales screen: the arrows step between days, any other key closes it.
func updateSalesScreen(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard let sales = state.salesShown else { return [] }
    switch key {
    case .left, .character("h"):
        return readSales(&state, daysBeforeToday: sales.daysBeforeToday + 1, day: SalesReport.day(sales.day, plus: -1))
    case .right, .character("l"):
        guard sales.daysBeforeToday > 0 else {
            state.message = StatusMessage("These are today's sales; there are none later.")
            return []
        }
        return readSales(&state, daysBeforeToday: sales.daysBeforeToday - 1, day: SalesReport.day(sales.day, plus: 1))
    default:
        state.salesShown = nil
        if state.message?.text.hasPrefix("These are today's sales") == true { state.message = nil }
        return []
    }
}

/// A day's sales were read: shown over the show list, unless the clerk has moved on.
func salesLoaded(_ state: inout AppState, day: String, daysBeforeToday back: Int, _ lines: [SalesReport.Line]) {
    guard case .shows = state.screen, state.prompt == nil else { return }
    state.salesShown = SalesOverview(day: day, daysBeforeToday: back, lines: lines)
    let reading = [salesReadingText(daysBeforeToday: back, day: day), salesReadingText(daysBeforeToday: back, day: nil)]
    if let text = state.message?.text, reading.contains(text) { state.message = nil }
}
