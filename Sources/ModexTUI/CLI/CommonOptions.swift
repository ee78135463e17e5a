import ArgumentParser
import Foundation
import SeatMapModel

/// Options every command takes: where the database is and whether to print JSON.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("database"), help: ArgumentHelp("PostgreSQL URL or conninfo (default: DATABASE_URL, PG* variables, else the embedded cluster).", valueName: "url"))
    var database: String?

    @Flag(name: .customLong("json"), help: "Print machine-readable JSON on stdout.")
    var json = false

    /// Connects, starting (and on first use creating, migrating and filling) the embedded cluster
    /// when no database is configured.
    func openDatabase() throws -> Database {
        try connector()()
    }

    /// A connection factory for threads: resolves the location once, starts the embedded
    /// cluster on first use.
    func connector() -> @Sendable () throws -> Database {
        let location = DatabaseLocation.resolve(option: database)
        return {
            switch location {
            case .conninfo(let conninfo):
                return try Database(conninfo: conninfo)
            case .embedded:
                return try EmbeddedCluster.forCurrentUser().openDatabase()
            }
        }
    }

    /// The conninfo to give other connections (bench threads); starts the embedded cluster if
    /// that is where the database is.
    func resolvedConninfo() throws -> String {
        switch DatabaseLocation.resolve(option: database) {
        case .conninfo(let conninfo): return conninfo
        case .embedded:
            _ = try openDatabase()
            return EmbeddedCluster.forCurrentUser().conninfo()
        }
    }

    /// Runs a command body, turning engine errors into the documented exit codes and messages.
    func report(_ body: () throws -> Void) throws {
        try Output.reporting(json: json, body)
    }
}

/// Reads `--hold-seconds`/`--max-seats` over `MODEX_HOLD_SECONDS`/`MODEX_MAX_SEATS`.
struct HoldOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Hold duration in seconds (default: MODEX_HOLD_SECONDS or 120).", valueName: "seconds"))
    var holdSeconds: Double?

    @Option(help: ArgumentHelp("Most seats one hold may take (default: MODEX_MAX_SEATS or 10).", valueName: "n"))
    var maxSeats: Int?

    func policy() throws -> HoldPolicy {
        var policy = try HoldPolicy.fromEnvironment()
        if let holdSeconds { policy.holdSeconds = try InputValidation.holdSeconds(holdSeconds) }
        if let maxSeats {
            guard (1...1_000).contains(maxSeats) else { throw BookingError.invalidInput("--max-seats must be from 1 to 1000") }
            policy.maxSeatsPerHold = maxSeats
        }
        return policy
    }
}
