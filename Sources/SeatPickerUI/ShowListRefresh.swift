import Foundation
import SeatMapModel

// The show list stays current while it is open: a show whose seats another terminal changed
// is read again within a few seconds (only that show, however busy the box office), and the
// whole list once a minute, for shows created or deleted meanwhile and holds that lapsed.

/// How often an open show list reads shows again.
public enum ShowListRefresh {
    /// Changed shows are read again at most this often.
    public static let changedShowsInterval: TimeInterval = 2
    /// The whole list is read again this often.
    public static let fullReloadInterval: TimeInterval = 60
}

/// Other terminals changed seats of `ids`.
func showsAnnounced(_ state: inout AppState, _ ids: Set<Int64>) {
    guard case .shows(var list) = state.screen, list.loaded else { return }
    list.changedShows.formUnion(ids)
    state.screen = .shows(list)
}

/// With each tick: the reads that are due.
func refreshShowListIfDue(_ state: inout AppState) -> [Effect] {
    guard case .shows(var list) = state.screen, list.loaded else { return [] }
    defer { state.screen = .shows(list) }
    let now = state.now
    if now.timeIntervalSince(list.lastFullLoad ?? .distantPast) >= ShowListRefresh.fullReloadInterval {
        list.lastFullLoad = now
        list.changedShows = []
        return [.refreshShows]
    }
    guard !list.changedShows.isEmpty,
          now.timeIntervalSince(list.lastSummariesRequest ?? .distantPast) >= ShowListRefresh.changedShowsInterval else { return [] }
    list.lastSummariesRequest = now
    let ids = list.changedShows.sorted()
    list.changedShows = []
    return [.loadShowSummaries(ids)]
}

/// The whole list, read afresh.
func showsLoaded(_ list: inout ShowListState, _ shows: [ShowSummary], at now: Date) {
    let current = list.showAtCursor
    list.shows = shows
    list.loaded = true
    list.lastFullLoad = now
    list.putCursor(on: list.returningTo ?? current)
    list.returningTo = nil
}

/// Some shows' summaries, read afresh: each replaces its row, and a requested show that did not
/// come back was deleted. The cursor stays on its show.
func showSummariesLoaded(_ state: inout AppState, requested: [Int64], _ summaries: [ShowSummary]) {
    guard case .shows(var list) = state.screen else { return }
    let current = list.showAtCursor
    let fresh = Dictionary(summaries.map { ($0.showId, $0) }, uniquingKeysWith: { $1 })
    let gone = Set(requested).subtracting(fresh.keys)
    list.shows = list.shows.compactMap { gone.contains($0.showId) ? nil : fresh[$0.showId] ?? $0 }
    list.putCursor(on: current)
    state.screen = .shows(list)
}

extension ShowListState {
    /// The id of the show under the cursor, if any.
    var showAtCursor: Int64? { visible.indices.contains(cursor) ? visible[cursor].showId : nil }

    /// Puts the cursor on show `id` if the list shows it, and keeps it inside the list.
    mutating func putCursor(on id: Int64?) {
        if let id, let index = visible.firstIndex(where: { $0.showId == id }) { cursor = index }
        cursor = min(cursor, max(0, visible.count - 1))
    }
}
