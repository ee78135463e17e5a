import Foundation

/// A connection with Modex's session settings and bounded retry of transient conflicts.
/// Owned by one thread or actor at a time, like the `PGConnection` inside it.
public final class Database {
    public let connection: PGConnection
    public let limits: SessionLimits
    /// How many times a transaction that hit a serialization failure or deadlock is tried in all.
    public var maxAttempts = 5
    /// Which change announcements this connection has sent or deferred (see `HoldService`).
    public var announcements = AnnouncementThrottle()

    /// Connects and applies `lock_timeout`, `statement_timeout` and this process's time zone, and
    /// turns JIT compilation off: no statement here runs long enough to repay it (it added about
    /// 100 ms to reading the show list beside a 1,000,000-seat show).
    public init(conninfo: String, limits: SessionLimits = SessionLimits(), applicationName: String = "modex") throws {
        self.limits = limits
        connection = try PGConnection(conninfo: conninfo, connectTimeoutSeconds: limits.connectTimeoutSeconds, applicationName: applicationName)
        try connection.execute(script: """
            SET lock_timeout = \(limits.lockTimeoutMilliseconds);
            SET statement_timeout = \(limits.statementTimeoutMilliseconds);
            SET idle_in_transaction_session_timeout = 60000;
            SET client_min_messages = warning;
            SET jit = off;
            """)
        connection.answerTimeout = limits.answerTimeoutSeconds
        // Times the server writes into messages follow this terminal's zone, not the server's.
        // A zone the server does not know leaves the server's.
        do {
            _ = try connection.query("SELECT set_config('TimeZone', $1, false)", [.text(TimeZone.current.identifier)])
        } catch let error as BookingError where !error.isTransient {}
    }

    /// True when the server still answers on this connection (a server restart or a terminated
    /// backend shows up only when the connection is next used).
    public func ping() -> Bool {
        (try? connection.query("SELECT 1")) != nil
    }

    /// Runs one statement (its own transaction), retrying serialization failures and deadlocks.
    @discardableResult
    public func run(_ sql: String, _ parameters: [PGValue?] = []) throws -> PGRows {
        try retrying { try connection.query(sql, parameters) }
    }

    /// Like `run`, for a call of one Modex SQL function: prepared once per connection, since
    /// the function plans its own statements.
    @discardableResult
    public func call(_ sql: String, _ parameters: [PGValue?] = []) throws -> PGRows {
        try retrying { try connection.queryPrepared(sql, parameters) }
    }

    /// Runs `body` inside BEGIN/COMMIT, rolling back on error and retrying transient conflicts.
    /// With `readOnlySnapshot`, every statement of `body` reads one snapshot (REPEATABLE READ,
    /// READ ONLY), so what they read agrees. `unbounded` lifts the statement timeout and the
    /// answer timeout for work that may take minutes (deleting a big show, a backup).
    public func transaction<T>(readOnlySnapshot: Bool = false, unbounded: Bool = false,
                               _ body: (PGConnection) throws -> T) throws -> T {
        let answerTimeout = connection.answerTimeout
        if unbounded { connection.answerTimeout = nil }
        defer { connection.answerTimeout = answerTimeout }
        return try retrying {
            try connection.execute(script: readOnlySnapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            do {
                if unbounded { try connection.execute(script: "SET LOCAL statement_timeout = 0") }
                let value = try body(connection)
                try connection.execute(script: "COMMIT")
                return value
            } catch {
                if connection.isHealthy { try? connection.execute(script: "ROLLBACK") }
                throw error
            }
        }
    }

    private func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as BookingError where error.isRetryableConflict && attempt < maxAttempts {
                // Jittered backoff so the transactions that collided do not collide again.
                usleep(UInt32.random(in: 200...2_000) * UInt32(attempt))
                attempt += 1
            } catch let error as BookingError {
                throw error.withSchemaHint()
            }
        }
    }
}

extension BookingError {
    /// "relation (or function) does not exist" means nobody ran the migrations, or not since this
    /// modex was installed.
    func withSchemaHint() -> BookingError {
        if case .database(let state, let message) = self, state == "42P01" || state == "42883" {
            return .database(sqlState: state, message: "\(message). The database has no Modex schema, or an older one than this modex needs: run `modex migrate`.")
        }
        return self
    }
}
