import Foundation

/// The time left on a hold, computed from its database-clock expiry and corrected for the
/// terminal's clock offset (database time minus local time).
public struct HoldCountdown: Equatable, Sendable {
    /// Below this many seconds the countdown shows in a warning colour.
    public static let warningSeconds = 30

    public let expiresAt: Date
    public let clockOffset: TimeInterval

    public init(expiresAt: Date, clockOffset: TimeInterval) {
        self.expiresAt = expiresAt
        self.clockOffset = clockOffset
    }

    /// Whole seconds left at local time `now`, never negative (rounded up, so 0 means over).
    public func secondsLeft(at now: Date) -> Int {
        let left = expiresAt.timeIntervalSince(now.addingTimeInterval(clockOffset))
        return left <= 0 ? 0 : Int(left.rounded(.up))
    }

    /// `M:SS`.
    public func text(at now: Date) -> String {
        let s = secondsLeft(at: now)
        return String(format: "%d:%02d", s / 60, s % 60)
    }

    public func isWarning(at now: Date) -> Bool { secondsLeft(at: now) < Self.warningSeconds }

    public func isOver(at now: Date) -> Bool { secondsLeft(at: now) == 0 }

    /// The clock offset measured by a read that returned `databaseTime` between local times
    /// `sent` and `received` (assumes the server read its clock halfway).
    public static func offset(databaseTime: Date, sent: Date, received: Date) -> TimeInterval {
        databaseTime.timeIntervalSince(sent.addingTimeInterval(received.timeIntervalSince(sent) / 2))
    }
}
