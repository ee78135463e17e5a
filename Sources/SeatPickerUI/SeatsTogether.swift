import Foundation
import SeatMapModel

/// "Four together, near here": the clerk puts the cursor where the customer wants to sit, presses
/// `a` and types how many; the nearest block of that many free seats side by side, at the price
/// of the seat under the cursor when there is one, is selected.
extension SeatMapState {
    /// The `count` side-by-side free seats (see `freeRuns`) whose middle is nearest to seat
    /// `origin`, as seat indices left to right; nil if no row has that many together. Seats at
    /// the origin's price come first: the customer pointed at the part of the house they want,
    /// so a block of it further away beats a nearer one at another price, and a block with
    /// fewer seats at another price beats one with more. Then nearer rows, then rows nearer the
    /// front, then blocks further left win a tie, so the answer never depends on the order seats
    /// were read in.
    public func seatsTogether(_ count: Int, near origin: Int, at now: Date) -> [Int]? {
        guard count > 0 else { return nil }
        let from = seats[origin]
        var best: (key: [Double], block: [Int])?
        for run in freeRuns(at: now) where run.count >= count {
            for start in 0...(run.count - count) {
                let block = Array(run[start..<(start + count)])
                let first = seats[block[0]], last = seats[block[count - 1]]
                let rows = Double(first.layoutRow - from.layoutRow)
                let columns = Double(first.layoutColumn + last.layoutColumn) / 2 - Double(from.layoutColumn)
                let otherPrice = Double(block.count { seats[$0].category != from.category })
                let key = [otherPrice, rows * rows + columns * columns, abs(rows), Double(first.layoutRow), Double(first.layoutColumn)]
                if best.map({ key.lexicographicallyPrecedes($0.key) }) ?? true { best = (key, block) }
            }
        }
        return best?.block
    }

    /// The longest run of side-by-side free seats, left to right (empty when none is free).
    public func longestFreeRun(at now: Date) -> [Int] {
        freeRuns(at: now).max { $0.count < $1.count } ?? []
    }

    /// Runs of free seats side by side: in one layout row and one section, in neighbouring
    /// columns (a gap in the layout is an aisle). A seat is free when it is neither booked nor
    /// held (this terminal's selection counts as free: it is what `a` replaces), and is not a
    /// seat whose hold answer was lost.
    func freeRuns(at now: Date) -> [[Int]] {
        var runs: [[Int]] = []
        for row in rows {
            var run: [Int] = []
            for index in row {
                let seat = seats[index]
                let free = !Self.isTaken(seat, at: now) && !holdsInDoubt.contains(seat.label)
                if let last = run.last, !free || seats[last].layoutColumn + 1 != seat.layoutColumn || seats[last].section != seat.section {
                    runs.append(run)
                    run = []
                }
                if free { run.append(index) }
            }
            if !run.isEmpty { runs.append(run) }
        }
        return runs
    }
}

/// `a` on the map: asks how many seats together, unless the show no longer sells.
func askForSeatsTogether(_ map: SeatMapState, _ state: inout AppState) {
    if map.show.salesClosed(at: state.databaseNow) {
        state.message = StatusMessage("Sales for this show are closed: it \(ShowCatalog.pastSalesText).", isError: true)
        return
    }
    state.prompt = .seatsTogether(text: "", error: nil)
}

/// Enter on the "Seats together" prompt: selects the nearest block of that many free seats
/// side by side, or says why there is none.
func selectSeatsTogether(_ state: inout AppState, typed text: String) {
    guard case .seats(var map) = state.screen else { state.prompt = nil; return }
    let most = state.holdPolicy.maxSeatsPerHold
    guard let count = Int(text.trimmingCharacters(in: .whitespaces)), (1...most).contains(count) else {
        state.prompt = .seatsTogether(text: text, error: "a whole number from 1 to \(most) (a hold takes at most \(most) seats)")
        return
    }
    state.prompt = nil
    guard let block = map.seatsTogether(count, near: map.cursorSeat, at: state.databaseNow) else {
        let longest = map.longestFreeRun(at: state.databaseNow)
        let labels = longest.map { map.seats[$0].label }
        state.message = StatusMessage(longest.isEmpty ? "No seat of this show is free."
            : "No \(count) free seats side by side; the most together is \(longest.count) (\(map.seatList(labels))).",
            isError: true)
        return
    }
    let labels = block.map { map.seats[$0].label }
    let asked = map.cursor.category
    let askedName = map.category(asked)?.name ?? asked
    let elsewhere = !block.contains { map.seats[$0].category != asked } ? ""
        : count == 1 ? " (no \(askedName) seat is free)" : " (no \(count) \(askedName) seats together)"
    map.selection = Set(labels)
    map.cursorSeat = block[0]
    state.screen = .seats(map)
    let total = PriceCategory.priceText(cents: map.priceCents(of: labels))
    let together = count == 1 ? "" : ", \(count) together"
    let them = count == 1 ? "it" : "them"
    state.message = StatusMessage("Selected \(map.seatList(labels))\(together), total \(total)\(elsewhere); "
        + (map.hold == nil ? "Enter holds \(them)." : "Enter adds \(them) to your hold."))
}
