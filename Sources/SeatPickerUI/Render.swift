import Foundation
import SeatMapModel

/// The smallest terminal the picker draws in. A smaller one says so and takes no key but
/// Ctrl-C, since nothing it does could be seen.
public let minimumScreenSize = ScreenSize(width: 40, height: 12)

extension ScreenSize {
    /// Whether the picker draws in a terminal of this size (`minimumScreenSize`).
    var fitsThePicker: Bool { width >= minimumScreenSize.width && height >= minimumScreenSize.height }
}

/// Draws the state into a grid of cells. Pure: the same state and size give the same grid.
public func render(_ state: AppState, options: RenderOptions = RenderOptions(), timeZone: TimeZone = .current) -> CellGrid {
    var grid = CellGrid(size: state.size, asciiOnly: options.glyphs.asciiOnly)
    let size = state.size
    guard size.fitsThePicker else {
        let lines = ["Terminal too small", "\(size.width)x\(size.height), need \(minimumScreenSize.width)x\(minimumScreenSize.height)",
                     "Ctrl-C quits"]
        for (i, line) in lines.enumerated() {
            grid.put(max(0, (size.width - line.count) / 2), size.height / 2 - 1 + i, line, i == 0 ? .warning : .normal)
        }
        return grid
    }
    var view = ScreenPainter(grid: grid, state: state, options: options, timeZone: timeZone)
    let status = view.statusLines()
    switch state.screen {
    case .shows(let list): view.drawShowList(list)
    case .seats(let map): view.drawSeatMap(map, statusLineCount: status.lines.count)
    }
    view.drawStatusLines(status)
    if case .newShow(let form) = state.prompt { view.drawNewShowForm(form) }
    if let sales = state.salesShown { view.drawSales(sales) }
    if state.showHelp { view.drawHelp() }
    return view.grid
}

/// Drawing helpers over one grid.
struct ScreenPainter {
    var grid: CellGrid
    let state: AppState
    let options: RenderOptions
    let timeZone: TimeZone
    let calendar: Calendar
    /// The year of `state.now`: dates in other years carry theirs.
    let thisYear: Int
    var size: ScreenSize { state.size }

    init(grid: CellGrid, state: AppState, options: RenderOptions, timeZone: TimeZone) {
        self.grid = grid
        self.state = state
        self.options = options
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        thisYear = calendar.component(.year, from: state.now)
    }

    var glyphs: GlyphSet { options.glyphs }

    mutating func titleBar(_ title: String) {
        grid.paint(0, 0, width: size.width, .title)
        let right = "\(state.operatorName) "
        let rightWidth = grid.columns(of: right)
        grid.put(size.width - rightWidth, 0, right, .title)
        grid.put(0, 0, clip(" modex \(glyphs.dot) \(title)", size.width - rightWidth - 1), .title)
    }

    /// `text`, shortened with an ellipsis to fit `width` columns.
    func clip(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard grid.columns(of: text) > width else { return text }
        return grid.prefix(of: text, columns: max(0, width - grid.columns(of: glyphs.ellipsis))) + glyphs.ellipsis
    }

    /// `text`, its start replaced by an ellipsis when it does not fit `width` columns.
    func clipKeepingEnd(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        guard grid.columns(of: text) > width else { return text }
        return glyphs.ellipsis + grid.suffix(of: text, columns: max(0, width - grid.columns(of: glyphs.ellipsis)))
    }

    /// "Wed 6 Jan 19:30", with the year when it is not this year's ("Sat 5 Dec 2025 19:30"),
    /// so a past show is never taken for this season's. Spelled out by hand: a DateFormatter
    /// per row made a full show list cost 3 ms a frame.
    func date(_ d: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: d)
        guard let year = c.year, let month = c.month, let day = c.day, let weekday = c.weekday,
              let hour = c.hour, let minute = c.minute else { return "" }
        let yearText = year == thisYear ? "" : " \(year)"
        let time = (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        return "\(Self.weekdays[weekday - 1]) \(day) \(Self.months[month - 1])\(yearText) \(time)"
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    mutating func put(_ y: Int, _ text: String, _ style: CellStyle, x: Int = 0) {
        grid.put(x, y, clip(text, size.width - x), style)
    }

    mutating func box(width: Int, height: Int, title: String) -> (x: Int, y: Int) {
        let w = min(width, size.width), h = min(height, size.height)
        let x = (size.width - w) / 2, y = (size.height - h) / 2
        for row in y..<(y + h) {
            grid.put(x, row, String(repeating: " ", count: w))
            grid.put(x, row, String(glyphs.vertical), .dim)
            grid.put(x + w - 1, row, String(glyphs.vertical), .dim)
        }
        let line = String(repeating: glyphs.horizontal, count: max(0, w - 2))
        grid.put(x + 1, y, line, .dim)
        grid.put(x + 1, y + h - 1, line, .dim)
        let c = glyphs.corners
        for (cx, cy, corner) in [(x, y, c[0]), (x + w - 1, y, c[1]), (x, y + h - 1, c[2]), (x + w - 1, y + h - 1, c[3])] {
            grid.put(cx, cy, String(corner), .dim)
        }
        grid.put(x + 2, y, clip(" \(title) ", max(0, w - 4)), .title)   // the corners stay
        return (x, y)
    }

    mutating func drawHelp() {
        let policy = state.holdPolicy
        let lines = [
            "Arrows or h j k l   move",
            "PgUp PgDn           move 10 rows",
            "Space               select or unselect the seat",
            "Enter               hold the selection (\(durationText(policy.holdSeconds))), or add it to your hold",
            "c                   confirm: the email, then 1 cash or 2 card",
            "x                   release the hold",
            "e                   extend the hold by \(durationText(policy.extensionSeconds)),",
            "                    up to \(durationText(policy.maxHoldSeconds)) in all",
            "a                   select seats together near the cursor, at its price",
            "g                   go to a seat label",
            "b                   find a booking by email or number",
            "X                   cancel a booking, or give back some seats",
            "p                   correct how a booking was paid",
            "mouse click         select a seat",
            "/                   filter shows  n new show  r reload",
            "s                   sales per operator, today's first (on the list)",
            "Esc                 cancel a prompt, or back to the list",
            "Ctrl-U              clear the text of a prompt",
            "Ctrl-L              draw the screen again",
            "q                   back to the list (the hold is kept), or quit",
            "Ctrl-C              quit from anywhere; quitting releases your holds",
            "?                   this help (any key closes it)",
        ]
        // Wide enough for the longest line plus a space and a border on each side.
        let width = min((lines.map(\.count).max() ?? 0) + 4, size.width)
        // On a screen too short for every key, the last line that fits says so.
        var shown = lines
        if lines.count + 2 > size.height {
            shown = Array(lines.prefix(max(0, size.height - 3))) + ["… more keys in a taller window"]
        }
        let (x, y) = box(width: width, height: shown.count + 2, title: "Keys")
        for (i, line) in shown.enumerated() { grid.put(x + 2, y + 1 + i, clip(line, width - 4)) }
    }

    /// The day's takings per operator over the show list; on a screen too small for every
    /// operator, the last line that fits says so.
    mutating func drawSales(_ sales: SalesOverview) {
        var lines = SalesReport.table(sales.lines, width: size.width - 4)
        let room = max(1, size.height - 4)
        if lines.count > room { lines = Array(lines.prefix(room - 1)) + ["… more operators in a taller window"] }
        let title = sales.title(glyphs: glyphs)
        let width = min(max(lines.map { grid.columns(of: $0) }.max() ?? 0, grid.columns(of: title) + 2) + 4, size.width)
        let (x, y) = box(width: width, height: lines.count + 2, title: title)
        for (i, line) in lines.enumerated() { grid.put(x + 2, y + 1 + i, clip(line, width - 4)) }
    }

    mutating func drawNewShowForm(_ form: NewShowForm) {
        let width = min(76, size.width)
        let fields = NewShowForm.Field.allCases.count
        // The fields, a blank line, two lines for an error or the hint, and the borders.
        let (x, y) = box(width: width, height: fields + 5, title: "New show (Tab next field, Enter create, Esc cancel)")
        var firstError: String?
        for (i, field) in NewShowForm.Field.allCases.enumerated() {
            let row = y + 1 + i
            let focused = form.focus == field
            grid.put(x + 2, row, field.title.padding(toLength: 15, withPad: " ", startingAt: 0), focused ? .title : .normal)
            // The field being typed in shows its end, where the caret is.
            let value = focused ? clipKeepingEnd(form.value(field) + "_", 30) : clip(form.value(field), 30)
            grid.put(x + 18, row, value, .normal)
            if field == .price, !focused, form.value(.price).isEmpty, form.value(.layoutFile).isEmpty {
                grid.put(x + 18, row, NewShowForm.defaultPrice, .dim)
            }
            if let error = form.error(field, timeZone: timeZone) {
                grid.put(x + 49, row, clip("! " + error, width - 51), .error)
                if firstError == nil || focused { firstError = "\(field.title): \(error)" }
            }
        }
        if let problem = firstError ?? form.refusal {
            // Two lines, so a layout file's error keeps its advice ("declare it first with ...").
            for (i, line) in wrapped(problem, columns: width - 4, lines: 2).enumerated() {
                grid.put(x + 2, y + fields + 2 + i, line, .error)
            }
        } else {
            grid.put(x + 2, y + fields + 2, clip("Starts as 2026-12-01T19:30; a layout file sets the seats and prices", width - 4), .dim)
        }
    }
}
