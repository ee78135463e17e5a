/// One call of a Modex SQL function: the statement, its parameters, and how to read its answer.
///
/// `HoldService` makes these calls and waits for each answer. A caller that keeps many
/// connections busy from one thread (`modex bench`) sends the same call with
/// `PGConnection.sendPrepared`, and reads the answer with `answer(from:)` once it has arrived:
/// the same statement and the same decoding, without a thread per connection.
public struct BookingCall<Answer> {
    /// The statement, prepared once per connection (see `Database.call`).
    public let sql: String
    public let parameters: [PGValue?]
    private let decode: (PGRows) throws -> Answer

    init(_ sql: String, _ parameters: [PGValue?], decode: @escaping (PGRows) throws -> Answer) {
        self.sql = sql
        self.parameters = parameters
        self.decode = decode
    }

    /// The answer in the rows the statement returned.
    public func answer(from rows: PGRows) throws -> Answer {
        try decode(rows)
    }
}

extension Database {
    /// Makes `call` and waits for its answer, retrying conflicts as `call(_:_:)` does.
    func perform<Answer>(_ call: BookingCall<Answer>) throws -> Answer {
        try call.answer(from: self.call(call.sql, call.parameters))
    }
}
