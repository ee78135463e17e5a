/// What became of a hold request whose answer was lost (see
/// `HoldService.outcome(ofLostRequest:show:seats:sentTo:)`).
public enum LostHoldOutcome: Equatable, Sendable {
    /// It went through, and this is its hold, still in force.
    case held(Hold)
    /// It holds nothing, and it never will: the server processes it went to have all finished.
    /// It was refused or rolled back, or its hold has ended already.
    case notHeld
    /// A server process it went to is still at work, so it may still commit.
    case undecided
}

extension HoldService {
    /// Where a hold request whose answer was lost stands. `backends` are the server process ids
    /// of the connections it was sent on (`PGConnection.backendPID`, read before sending).
    ///
    /// A server process that has exited has committed or rolled back what it was doing. So once
    /// none of them runs, a request whose hold is not found did not make one. A process id that
    /// the server has reused for a new connection only keeps the answer `.undecided` longer.
    public func outcome(ofLostRequest request: String, show showId: Int64, seats labels: [String],
                        sentTo backends: [Int32]) throws -> LostHoldOutcome {
        // Asked before the lookup: a process that is gone now had finished before the lookup's
        // snapshot, so the lookup sees whatever it committed.
        let running = try database.run("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = ANY ($1::int4[])",
                                       [.intArray(backends.map(Int64.init))]).single().int("n")
        if let hold = try findHold(request: request, show: showId, seats: labels) { return .held(hold) }
        return running > 0 ? .undecided : .notHeld
    }
}
