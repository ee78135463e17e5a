import Foundation

/// A hold request the picker sent, named by a fresh id (see
/// `HoldService.hold(seats:for:email:request:retrying:)`).
struct HoldRequest {
    let id = UUID().uuidString
    let show: Int64
    let labels: [String]
    /// After this its hold, if it made one, has lapsed.
    let until: Date
    /// The server process ids of the connections it went out on, so that the worker can tell
    /// when no attempt of it can still commit.
    var sentTo: [Int32] = []
    var state = State.sent

    enum State {
        /// Sent; its answer has not been lost.
        case sent
        /// Its answer was lost and what became of it is not known yet: the worker keeps asking.
        case inDoubt
        /// Its hold was found after the answer was lost and handed to the picker; a retry
        /// queued meanwhile gets the same hold.
        case recovered
    }

    var inDoubt: Bool { state == .inDoubt }
    /// Its answer was lost, so sending it again is a retry.
    var answerWasLost: Bool { state != .sent }

    /// The clerk asks for the same seats again after this request's answer was lost, while its
    /// hold could still be in force: sent with the same id, so that a hold which went through
    /// comes back instead of a refusal.
    func isRetried(by show: Int64, _ labels: [String], now: Date = Date()) -> Bool {
        answerWasLost && self.show == show && Set(self.labels) == Set(labels) && until > now
    }
}
