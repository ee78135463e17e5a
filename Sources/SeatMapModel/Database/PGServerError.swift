import CPQ

/// The fields of an error reported by the server, read from a failed result.
struct PGServerError {
    let sqlState: String
    let message: String
    let detail: String?

    init(result: OpaquePointer, connection: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        sqlState = field(Int32(UInt8(ascii: "C"))) ?? ""
        let primary = field(Int32(UInt8(ascii: "M")))
        message = primary ?? PGConnection.tidy(String(cString: PQerrorMessage(connection)))
        detail = field(Int32(UInt8(ascii: "D")))
    }

    /// Maps SQLSTATEs to engine errors. Codes in class `MX` are raised by Modex's own SQL functions.
    func asBookingError(connectionLost: Bool) -> BookingError {
        if connectionLost || sqlState.hasPrefix("08") || sqlState == "57P01" || sqlState == "57P02" || sqlState == "57P03" {
            return .databaseUnreachable(message)
        }
        switch sqlState {
        case "MX404": return .notFound(message)
        case "MX409": return .wrongState(message)
        case "MX422": return .invalidInput(message)
        case "MX423": return .seatsUnavailable(detail.map { PGArrayText.parse($0) } ?? [])
        case "55P03": return .busy("Those seats are busy in another terminal; try again in a moment.")
        case "57014": return .busy("The database took too long to answer; try again in a moment.")
        case "53100":
            return .database(sqlState: sqlState, message: "the disk that holds the database is full, so nothing was saved (\(message)); free some space there")
        case "23505", "23P01":
            return .database(sqlState: sqlState, message: message + (detail.map { " (\($0))" } ?? ""))
        default:
            return .database(sqlState: sqlState, message: message)
        }
    }
}

extension BookingError {
    /// Serialization failures and deadlocks: the whole transaction can safely run again.
    public var isRetryableConflict: Bool {
        if case .database(let state, _) = self { return state == "40001" || state == "40P01" }
        return false
    }
}
