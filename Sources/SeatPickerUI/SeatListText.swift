import SeatMapModel

extension SeatMapState {
    /// `labels` in seat order, three or more consecutive numbers in one row written as a range
    /// joined by `dash`: "N1-A1..N1-A10 N1-B3", so a ten-seat hold reads at a glance on an
    /// 80-column terminal. Labels this map does not know come last, as they are.
    public func seatList(_ labels: [String], dash: String = SeatLabelRange.dash) -> String {
        let known = labels.compactMap(index(of:)).map { seats[$0] }
            .sorted { ($0.layoutRow, $0.number) < ($1.layoutRow, $1.number) }
            .compactMap { SeatLabel(section: $0.section, row: $0.row, number: $0.number) }
        return (SeatLabelRange.runs(known, dash: dash) + labels.filter { index(of: $0) == nil }).joined(separator: " ")
    }
}

extension AppState {
    /// Seats of show `showId` as a message names them: as that show's open map orders them
    /// (`SeatMapState.seatList`), or by label off it (`SeatLabelRange.listText`), since another
    /// show's map may have seats of the same labels in another order.
    func seatList(_ labels: [String], of showId: Int64) -> String {
        if case .seats(let map) = screen, map.show.showId == showId { map.seatList(labels) }
        else { SeatLabelRange.listText(labels) }
    }
}
