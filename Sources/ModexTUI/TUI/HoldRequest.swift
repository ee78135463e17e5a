import Foundation

/// A hold request the picker sent, named by a fresh id (see
/// `HoldService.hold(seats:for:email:request:retrying:)`).
struct HoldRequest {
    let id = UUID().uuidString
    let show: Int64
    let labels: [String]
    /// After this its hold, if it made one, has lapsed.
    let until: Date
    /// The connection failed before the answer came, so the hold may have gone through; sent
    /// again while this is so, the request is a retry.
    var answerLost = false
    /// Its hold was found and handed to the picker (a retry queued meanwhile gets it again).
    var recovered = false

    /// The clerk asks for the same seats again after this request's answer was lost, while its
    /// hold could still be in force: sent with the same id, so that a hold which went through
    /// comes back instead of a refusal.
    func isRetried(by show: Int64, _ labels: [String]) -> Bool {
        answerLost && self.show == show && Set(self.labels) == Set(labels) && until > Date()
    }
}
