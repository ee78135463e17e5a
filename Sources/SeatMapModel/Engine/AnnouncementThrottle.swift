import Foundation

/// How often one connection announces changes of one show: at once when the show was not
/// announced within `interval`, otherwise once when the interval ends, for all the changes made
/// meanwhile. A terminal working at human speed announces every change at once; a client making
/// hundreds of changes a second (a script, `modex bench`) sends one NOTIFY per show per interval
/// instead of one per change, because every NOTIFY in the database queues on PostgreSQL's
/// single notify lock.
public struct AnnouncementThrottle: Sendable, Equatable {
    /// The shortest time between two announcements of one show; 0 announces every change.
    public var interval: TimeInterval
    private var lastSent: [Int64: Date] = [:]
    private var deferred: [Int64: Date] = [:]

    public init(interval: TimeInterval = 0.05) {
        self.interval = interval
    }

    /// Records that `show` changed at `now`. True when it should be announced now; otherwise the
    /// announcement is deferred until `nextDue`.
    public mutating func changed(show: Int64, at now: Date) -> Bool {
        lastSent = lastSent.filter { now.timeIntervalSince($0.value) < interval }
        if let last = lastSent[show] {
            if deferred[show] == nil { deferred[show] = last.addingTimeInterval(interval) }
            return false
        }
        lastSent[show] = now
        deferred[show] = nil
        return true
    }

    /// When the earliest deferred announcement is due, if any is waiting.
    public var nextDue: Date? { deferred.values.min() }

    /// The shows whose deferred announcement is due at `now`, in id order; they count as
    /// announced from then on.
    public mutating func due(at now: Date) -> [Int64] {
        markSent(deferred.filter { $0.value <= now }.keys.sorted(), at: now)
    }

    /// Every deferred announcement, due or not (before the connection closes).
    public mutating func drain(at now: Date) -> [Int64] {
        markSent(deferred.keys.sorted(), at: now)
    }

    /// Records that sending `shows` failed at `now` (the connection died): they are owed, and
    /// due at once, so whoever owns the throttle can send them on another connection.
    public mutating func unsent(_ shows: [Int64], at now: Date) {
        for show in shows {
            deferred[show] = now
            lastSent[show] = nil
        }
    }

    private mutating func markSent(_ shows: [Int64], at now: Date) -> [Int64] {
        for show in shows {
            deferred[show] = nil
            lastSent[show] = now
        }
        return shows
    }
}
