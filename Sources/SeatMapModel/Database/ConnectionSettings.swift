import Foundation

/// Where the database is, resolved in the order `--database`, `DATABASE_URL`, libpq's `PG*`
/// variables, and finally the embedded cluster that `modex` manages itself.
public enum DatabaseLocation: Equatable, Sendable {
    /// A libpq URL or conninfo string (an empty string means "libpq reads the PG* variables").
    case conninfo(String)
    /// No database was configured: use the private cluster.
    case embedded

    /// Resolves the location from an explicit option and the environment.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DatabaseLocation {
        if let option, !option.isEmpty { return .conninfo(option) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .conninfo(url) }
        for key in ["PGHOST", "PGDATABASE", "PGSERVICE", "PGHOSTADDR"] where !(environment[key] ?? "").isEmpty {
            return .conninfo("")
        }
        return .embedded
    }
}

/// Session limits applied to every connection, so no call waits without bound.
public struct SessionLimits: Sendable, Equatable {
    /// How long to wait for a row lock before answering "busy".
    public var lockTimeoutMilliseconds: Int = 2_000
    /// How long any one statement may run.
    public var statementTimeoutMilliseconds: Int = 10_000
    /// How long to wait for the server to accept a connection.
    public var connectTimeoutSeconds: Int = 5
    /// How long to wait for any answer before giving the connection up (`PGConnection.answerTimeout`):
    /// longer than the statement timeout, so the server's own, cleaner refusal comes first.
    public var answerTimeoutSeconds: TimeInterval { Double(statementTimeoutMilliseconds) / 1000 + 5 }

    public init() {}
}
