import Foundation
import SeatMapModel
import SeatPickerUI

/// The hold requests whose answer was lost, kept while their hold could be in force. The
/// database worker asks what became of each until it knows, and a repeat of one goes out with
/// its id. A plain value: the worker does the asking and the posting.
struct LostHolds {
    /// A request's hold, if it made one, has lapsed this long after it was sent.
    let lifetime: TimeInterval
    private(set) var requests: [HoldRequest] = []

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// The requests whose outcome is still to be asked about.
    var inDoubt: [HoldRequest] { requests.filter(\.inDoubt) }

    /// The request a hold of `labels` goes out as: a lost one again if the clerk repeats it
    /// while its hold could be in force, else a new one.
    func request(show: Int64, labels: [String], now: Date = Date()) -> HoldRequest {
        requests.first { $0.isRetried(by: show, labels, now: now) }
            ?? HoldRequest(show: show, labels: labels, until: now.addingTimeInterval(lifetime))
    }

    /// Records how an attempt of `request`, sent on server process `backend`, ended, and
    /// returns what the picker is told of a failure (nothing after a success: the answer says it).
    mutating func record(_ request: HoldRequest, sentOn backend: Int32, failure: BookingError?) -> [Msg] {
        var request = requests.first { $0.id == request.id } ?? request
        request.sentTo.append(backend)
        requests.removeAll { $0.id == request.id }
        switch failure {
        case nil:
            return []
        case .databaseUnreachable?:
            request.state = .inDoubt
            requests.append(request)
            return [.holdInDoubt(showId: request.show, labels: request.labels)]
        case .busy(let why)?:
            // The server refused this attempt, but an earlier one may be what holds the lock.
            if request.answerWasLost { requests.append(request) }
            return [.failed(.busy(why))]
        case .seatsUnavailable(let taken)? where request.inDoubt:
            // The refusal waited for the seats, so no earlier attempt can still take them.
            return [.notHeldAfterAll(showId: request.show, labels: request.labels), .failed(.seatsUnavailable(taken))]
        case let error?:
            return [.failed(error)]
        }
    }

    /// What the database said about request `id`; returns what the picker is told, if anything.
    mutating func settle(_ id: String, _ outcome: LostHoldOutcome) -> Msg? {
        guard let i = requests.firstIndex(where: { $0.id == id && $0.inDoubt }) else { return nil }
        switch outcome {
        case .held(let hold):
            requests[i].state = .recovered   // kept, so that a repeat gets this hold back
            return .heldAfterAll(hold)
        case .notHeld:
            let lost = requests.remove(at: i)
            return .notHeldAfterAll(showId: lost.show, labels: lost.labels)
        case .undecided:
            return nil
        }
    }

    /// Forgets the requests whose hold, if any, has lapsed by `now`; the picker hears that
    /// those still in doubt hold nothing.
    mutating func dropLapsed(now: Date = Date()) -> [Msg] {
        let lapsed = requests.filter { $0.until <= now }
        requests.removeAll { $0.until <= now }
        return lapsed.filter(\.inDoubt).map { .notHeldAfterAll(showId: $0.show, labels: $0.labels) }
    }
}
