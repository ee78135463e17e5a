import Foundation
import Logging
import SeatMapModel
import SeatPickerUI
import Synchronization

/// Follows the open show: LISTENs for announcements and asks the cheap "changed since my
/// cursor?" question when one arrives, plus a periodic safety check (`ChangePolling`); only
/// changed seats are fetched. With no show open, it passes on which shows were announced (at
/// most twice a second), so the show list can read them again. Runs on its own
/// thread and connection, reconnecting with backoff and reporting outages.
final class ChangeWatcher: Sendable {
    private struct Target: Sendable { var show: Int64?; var cursor: ChangeCursor? }
    private let target = Mutex(Target())
    private let stopping = Atomic<Bool>(false)
    private let connect: @Sendable () throws -> Database
    private let inbox: Inbox
    private let log: Logger

    init(connect: @escaping @Sendable () throws -> Database, inbox: Inbox, log: Logger) {
        self.connect = connect
        self.inbox = inbox
        self.log = log
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "modex-watcher"
        thread.start()
    }

    func stop() { stopping.store(true, ordering: .relaxed) }

    /// Follows `show` from `cursor` (the cursor of the map on screen); nil stops following.
    func watch(show: Int64?, from cursor: ChangeCursor?) {
        target.withLock { $0 = Target(show: show, cursor: cursor) }
    }

    private func run() {
        var database: Database?
        var failures = 0
        var polling = ChangePolling()
        var announced: Set<Int64> = []
        var lastAnnouncedPost = Date.distantPast
        while !stopping.load(ordering: .relaxed) {
            do {
                if database == nil {
                    let db = try connect()
                    try ChangeFeed(database: db).listen()
                    try ChangeFeed(database: db).probe()
                    database = db
                    if failures > 0 { inbox.post(.connection(.online)) }
                    failures = 0
                    polling = ChangePolling()
                }
                guard let db = database else { continue }
                let notes = try db.connection.waitForNotifications(timeoutMilliseconds: 200)
                let current = target.withLock { $0 }
                guard let show = current.show, let cursor = current.cursor else {
                    polling.heard(notes)
                    announced.formUnion(notes.compactMap(ChangeFeed.showId(announcedBy:)))
                    if !announced.isEmpty, Date().timeIntervalSince(lastAnnouncedPost) >= 0.5 {
                        inbox.post(.showsAnnounced(announced))
                        announced = []
                        lastAnnouncedPost = Date()
                    }
                    continue
                }
                announced = []
                let followed: SeatChanges?
                do {
                    followed = try ChangeFeed(database: db).follow(show: show, from: cursor, notes: notes, polling: &polling)
                } catch BookingError.notFound {
                    // The show was deleted: say so once and stop following it.
                    let stillCurrent = target.withLock { t -> Bool in
                        guard t.show == show else { return false }
                        t = Target()
                        return true
                    }
                    if stillCurrent { inbox.post(.showDeleted(showId: show)) }
                    continue
                }
                guard let changes = followed else { continue }
                let stillCurrent = target.withLock { t -> Bool in
                    guard t.show == show, t.cursor == cursor else { return false }
                    t.cursor = changes.cursor
                    return true
                }
                if stillCurrent { inbox.post(.seatsChanged(showId: show, changes)) }
            } catch let error as BookingError {
                database = nil
                failures += 1
                log.warning("watcher: \(error.message)")
                if case .databaseUnreachable(let why) = error { inbox.post(.connection(.unreachable(why))) }
                // Back off up to 5 s, waking often enough to stop promptly.
                let until = Date().addingTimeInterval(min(5, Double(failures)))
                while Date() < until && !stopping.load(ordering: .relaxed) { usleep(100_000) }
            } catch {
                database = nil
                usleep(500_000)
            }
        }
    }
}
