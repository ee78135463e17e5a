import Foundation

/// How often a watcher asks "changed since my cursor?" besides reacting to notifications.
///
/// Once LISTEN is proven to work (the watcher heard its own probe, or any announcement), the
/// check is only a safety net and runs every 10 s; until then, or after a change turned up that
/// no notification announced, it runs every second. Each reconnect starts unproven.
public struct ChangePolling: Sendable {
    public static let unproven: TimeInterval = 1
    public static let proven: TimeInterval = 10

    public private(set) var listenWorks = false
    public private(set) var lastCheck = Date.distantPast

    /// Whether to check now, given the notifications that just arrived for the watched show.
    public mutating func shouldCheck(now: Date, notes: [PGNotification], show: Int64) -> Bool {
        heard(notes)
        let announced = notes.contains { ChangeFeed.showId(announcedBy: $0) == show }
        guard announced || now.timeIntervalSince(lastCheck) >= (listenWorks ? Self.proven : Self.unproven) else { return false }
        lastCheck = now
        return true
    }

    public init() {}

    /// Notifications that arrived while no show was followed: they prove LISTEN works all the
    /// same (the probe is heard on connecting, usually before a show is opened).
    public mutating func heard(_ notes: [PGNotification]) {
        if notes.contains(where: { $0.channel == ChangeFeed.channel }) { listenWorks = true }
    }

    /// A periodic check found changes nobody announced: stop trusting LISTEN.
    public mutating func foundUnannouncedChange() { listenWorks = false }
}
