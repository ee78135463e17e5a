import Foundation
import SeatMapModel

extension ScreenPainter {
    /// The map, with its legend, seat and hold lines above the `statusLineCount` status lines.
    mutating func drawSeatMap(_ map: SeatMapState, statusLineCount: Int) {
        let now = state.databaseNow
        let closed = map.show.salesClosed(at: now) ? " \(glyphs.dot) sales closed" : ""
        titleBar("\(map.show.name) \(glyphs.dot) \(date(map.show.startsAt))\(closed)")
        let counts = map.counts(at: now)
        let countsText = GroupedNumber.seatCountsText(available: counts.available, reserved: counts.reserved, booked: counts.booked)
        put(1, countsText, .normal)

        let layout = SeatMapLayout(map: map, size: size)
        drawOutOfView(layout.outOfView, after: grid.columns(of: countsText))
        let cursor = map.cursor
        drawRuler(map.rows[cursor.layoutRow].map { map.seats[$0] }, layout: layout)
        for r in layout.firstRow..<min(map.rows.count, layout.firstRow + layout.visibleRows) {
            let y = layout.screenY(row: r)
            grid.put(0, y, layout.rowNames[r], .dim)
            for index in map.rows[r] {
                let seat = map.seats[index]
                let x = layout.screenX(column: seat.layoutColumn)
                guard seat.layoutColumn >= layout.firstColumn, x < size.width - 1 else { continue }
                let look = map.look(of: seat, at: now)
                let isCursor = index == map.cursorSeat
                grid.put(x, y, String(glyph(look)), isCursor ? .seatCursor : style(look))
                if isCursor { grid.put(x + 1, y, "<", .seatCursor) }
            }
        }
        // A second status line takes the legend's row; the seat and hold lines move up.
        let extraStatusLines = statusLineCount - 1
        if extraStatusLines == 0 { drawLegend(y: size.height - 4) }
        drawSeatInfo(map, y: size.height - 3 - extraStatusLines)
        drawHoldPanel(map, y: size.height - 2 - extraStatusLines)
    }

    /// "more seats ← ↓" at the right of the counts line when a large map does not fit: which way
    /// the arrow keys bring the rest into view. Shortened to "more ← ↓" on a narrow screen (the
    /// ASCII words take room), and left out when even that does not fit beside the counts.
    mutating func drawOutOfView(_ directions: SeatMapLayout.Directions, after used: Int) {
        let arrows = zip([directions.contains(.left), directions.contains(.right), directions.contains(.up),
                          directions.contains(.down)], glyphs.directions).filter(\.0).map(\.1)
        guard !arrows.isEmpty else { return }
        let ways = arrows.joined(separator: " ")
        for text in ["more seats " + ways, "more " + ways] {
            let x = size.width - grid.columns(of: text)
            guard x >= used + 2 else { continue }
            put(1, text, .dim, x: x)
            return
        }
    }

    /// The numbers of the seats in the cursor's row: seat 1 and every tenth in full, the others
    /// by their last digit. A label never touches the next one ("10" then "1" would read 101),
    /// so the seat after a full number goes unlabelled when there is no room.
    mutating func drawRuler(_ seats: [SeatState], layout: SeatMapLayout) {
        var free = 0
        for seat in seats.sorted(by: { $0.layoutColumn < $1.layoutColumn }) {
            let x = layout.screenX(column: seat.layoutColumn)
            guard x >= layout.gutter, x >= free else { continue }
            let label = seat.number == 1 || seat.number % 10 == 0 ? String(seat.number) : String(seat.number % 10)
            guard x + label.count <= size.width else { break }
            grid.put(x, 2, label, .dim)
            free = x + label.count + 1
        }
    }

    func glyph(_ look: SeatLook) -> Character {
        switch look {
        case .available: glyphs.available
        case .selected: glyphs.selected
        case .mine: glyphs.mine
        case .other: glyphs.other
        case .booked: glyphs.booked
        }
    }

    func style(_ look: SeatLook) -> CellStyle {
        switch look {
        case .available: .seatAvailable
        case .selected: .seatSelected
        case .mine: .seatMine
        case .other: .seatOther
        case .booked: .seatBooked
        }
    }

    mutating func drawLegend(y: Int) {
        var x = 0
        for (look, name) in [(SeatLook.available, "available"), (.selected, "selected"), (.mine, "your hold"),
                             (.other, "held elsewhere"), (.booked, "booked")] {
            guard x + name.count + 2 < size.width else { break }
            grid.put(x, y, String(glyph(look)), style(look))
            grid.put(x + 2, y, name, .dim)
            x += name.count + 4
        }
    }

    mutating func drawSeatInfo(_ map: SeatMapState, y: Int) {
        let seat = map.cursor
        var text = "Seat \(seat.label)"
        if let category = map.category(seat.category) {
            text += " \(glyphs.dot) \(category.name) \(PriceCategory.priceText(cents: category.priceCents))"
        }
        // A booked seat names its booking, so a customer's "I have C5" leads to it.
        switch map.look(of: seat, at: state.databaseNow) {
        case .booked: text += " \(glyphs.dot) booked" + (seat.bookingId.map { " (booking \($0): X cancels, p payment)" } ?? "")
        case .other: text += " \(glyphs.dot) held elsewhere"
        case .mine: text += " \(glyphs.dot) in your hold"
        case .available, .selected: break
        }
        if !map.selection.isEmpty {
            text += "   Selected \(map.selection.count): total \(PriceCategory.priceText(cents: map.priceCents(of: map.selection)))"
        }
        put(y, text, .normal)
    }

    mutating func drawHoldPanel(_ map: SeatMapState, y: Int) {
        guard let hold = map.hold else {
            let idle = map.show.salesClosed(at: state.databaseNow) ? "Sales closed: the show \(ShowCatalog.pastSalesText)."
                : map.selection.isEmpty ? "No hold. Select seats with Space, then press Enter to hold them."
                : "No hold. Press Enter to hold the selected seats."
            put(y, map.busy ? "Working..." : idle, .dim)
            return
        }
        let countdown = HoldCountdown(expiresAt: hold.expiresAt, clockOffset: state.clockOffset)
        let warning = countdown.isWarning(at: state.now)
        // Past its time with a confirmation unanswered, the hold may be a booking already.
        let inDoubt = map.confirming == hold.bookingId && countdown.isOver(at: state.now)
        let timeLeft = inDoubt ? "confirmation not answered yet" : "\(countdown.text(at: state.now)) left"
        // The time left and the total come first, so a long list of seats never pushes them off
        // the screen.
        var x = 0
        for (text, style) in [("Your hold: ", CellStyle.seatMine),
                              (timeLeft, warning ? .warning : .good),
                              (" \(glyphs.dot) total \(PriceCategory.priceText(cents: map.priceCents(of: hold.labels))) \(glyphs.dot) \(map.seatList(hold.labels))", .seatMine)]
            where x < size.width {
            grid.put(x, y, clip(text, size.width - x), style)
            x += grid.columns(of: text)
        }
        // The keys go in whole or not at all ("e e…" read as a fault); the key line below
        // names them all in any case.
        for (i, key) in (["c confirm", "x release"] + (hold.canBeExtended ? ["e extend"] : [])).enumerated() {
            let gap = i == 0 ? 3 : 2
            guard x + gap + grid.columns(of: key) <= size.width else { break }
            grid.put(x + gap, y, key, .dim)
            x += gap + grid.columns(of: key)
        }
    }
}
