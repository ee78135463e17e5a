import SeatMapModel

extension SeatMapState {
    /// Why `label` (upper case, as typed into "Go to seat") names no seat of this show, and what
    /// would: the sections there are, the rows of a section, the seat numbers of a row, or that
    /// the show's labels carry a section.
    public func missingSeatHint(_ label: String) -> String {
        guard !label.isEmpty else { return "Type a seat label such as \(seats.first?.label ?? "B7")" }
        guard let wanted = SeatLabel(parsing: label) else {
            return "\(label) is not a seat label; labels look like \(seats.first?.label ?? "B7")"
        }
        let sections = orderedUnique(seats.map(\.section))
        if !sections.contains(wanted.section) {
            if wanted.section.isEmpty {
                return "There is no seat \(label): give its section too, as in \(sections[0])-\(label)"
            }
            if sections == [""] {
                return "This show has no sections: type the seat alone, as in \(wanted.row)\(wanted.number)"
            }
            return "There is no section \(wanted.section); this show has \(sections.joined(separator: " "))"
        }
        let inSection = seats.filter { $0.section == wanted.section }
        let ofSection = wanted.section.isEmpty ? "" : " of section \(wanted.section)"
        let rowNames = orderedUnique(inSection.map(\.row))
        guard rowNames.contains(wanted.row) else {
            return "There is no row \(wanted.row)\(ofSection): rows are \(Self.span(rowNames))"
        }
        let numbers = inSection.filter { $0.row == wanted.row }.map(\.number)
        return "There is no seat \(label): row \(wanted.row)\(ofSection) has seats \(numbers.min() ?? 0) to \(numbers.max() ?? 0)"
    }

    /// "A to Y" for many rows, or the names one by one when they are few.
    private static func span(_ names: [String]) -> String {
        names.count <= 6 ? names.joined(separator: " ") : "\(names.first!) to \(names.last!)"
    }

    private func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
