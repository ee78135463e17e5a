/// Every failure the engine reports, each with a message a box-office user understands.
public enum BookingError: Error, Equatable, Sendable {
    /// The listed seats are held or booked by someone else; nothing was held.
    case seatsUnavailable([String])
    /// A well-formed reference to a show, seat or booking that does not exist.
    case notFound(String)
    /// The booking exists but cannot do that now (expired, already confirmed, cancelled).
    case wrongState(String)
    /// Malformed input: bad label, email, name, size, date or layout.
    case invalidInput(String)
    /// The operator may not do this: it is for managers (see `Managers`).
    case notAllowed(String)
    /// The database could not be reached or the connection was lost.
    case databaseUnreachable(String)
    /// Another session held a lock too long (`lock_timeout`/`statement_timeout`); retrying may work.
    case busy(String)
    /// Any other database error, with its SQLSTATE.
    case database(sqlState: String, message: String)
    /// A bug or an unexpected answer from the database.
    case internalFailure(String)

    /// A stable, machine-readable name for scripts (`--json` output).
    public var code: String {
        switch self {
        case .seatsUnavailable: "seats_unavailable"
        case .notFound: "not_found"
        case .wrongState: "wrong_state"
        case .invalidInput: "invalid_input"
        case .notAllowed: "not_allowed"
        case .databaseUnreachable: "database_unreachable"
        case .busy: "busy"
        case .database: "database_error"
        case .internalFailure: "internal_error"
        }
    }

    /// The process exit status documented in the README.
    public var exitCode: Int32 {
        switch self {
        case .seatsUnavailable: 3
        case .notFound, .wrongState: 4
        case .invalidInput: 64
        case .notAllowed: 77
        case .databaseUnreachable: 69
        case .busy, .database, .internalFailure: 1
        }
    }

    /// The sentence shown to the user.
    public var message: String {
        switch self {
        case .seatsUnavailable(let labels):
            let verb = labels.count == 1 ? "was" : "were"
            return "\(Self.list(labels)) \(verb) just taken by another terminal"
        case .notFound(let m), .wrongState(let m), .invalidInput(let m), .notAllowed(let m), .busy(let m), .internalFailure(let m):
            return m
        case .databaseUnreachable(let m):
            return "The database is unreachable: \(m)"
        case .database(let state, let m):
            return "Database error \(state): \(m)"
        }
    }

    /// True for failures worth retrying later (connection trouble, lock waits).
    public var isTransient: Bool {
        switch self {
        case .databaseUnreachable, .busy: true
        default: false
        }
    }

    /// "A1", "A1 and A2", "A1, A2 and A3".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "No seats"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

extension BookingError: CustomStringConvertible {
    public var description: String { message }
}
