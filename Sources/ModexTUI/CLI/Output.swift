import ArgumentParser
import Foundation
import SeatMapModel

/// Printing for people (plain lines) and scripts (`--json`, one JSON document on stdout).
enum Output {
    static func json(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
        } catch {
            // Never a silent "{}" that a script would read as success.
            warn("modex: could not write the JSON output: \(error)")
            Foundation.exit(1)
        }
    }

    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Runs a command body, turning engine errors into the documented exit codes and messages
    /// (an error envelope on stdout with `json`).
    static func reporting(json: Bool, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as BookingError {
            failure(error, json: json)
            throw ExitCode(error.exitCode)
        } catch let explained as ExplainedFailure {
            failure(explained.error, message: explained.message, json: json)
            throw ExitCode(explained.error.exitCode)
        }
    }

    /// Errors go to stderr as a sentence (`message`, else the error's own); with `--json` also
    /// to stdout as `{"error": {...}}`.
    static func failure(_ error: BookingError, message: String? = nil, json: Bool) {
        let message = message ?? error.message
        warn("modex: \(message)")
        if json {
            var seats: [String]? = nil
            if case .seatsUnavailable(let labels) = error { seats = labels }
            Output.json(ErrorEnvelope(error: .init(code: error.code, message: message, exitCode: error.exitCode, seats: seats)))
        }
    }

    /// Seats for people, a row's run of three or more as a range, as the picker and `modex hold`
    /// take them: "A1..A4 B7". JSON keeps every label.
    static func seats(_ labels: [String]) -> String {
        SeatLabelRange.listText(labels)
    }

    /// A time for people, in the local zone: "23:01:47" today, "2026-11-24 23:01:47" otherwise.
    static func localTime(_ date: Date, now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = Calendar.current.isDate(date, inSameDayAs: now) ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }

    static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}

/// A `BookingError` with a message that says more than the error's own, for this command.
struct ExplainedFailure: Error {
    let error: BookingError
    let message: String
}

struct ErrorEnvelope: Encodable {
    struct Body: Encodable {
        let code: String
        let message: String
        let exitCode: Int32
        let seats: [String]?
        enum CodingKeys: String, CodingKey { case code, message, exitCode = "exit_code", seats }
    }
    let error: Body
}
