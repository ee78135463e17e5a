import CPQ
import Foundation

/// One libpq connection. Not thread-safe by design: libpq forbids two threads using one
/// connection at once, so each connection has exactly one owner (a thread or an actor).
public final class PGConnection {
    private var handle: OpaquePointer?
    /// Statement names by SQL text: each statement is parsed and planned once per connection.
    private var prepared: [String: String] = [:]

    /// Opens a connection. `conninfo` is a libpq connection string or URL; an empty string
    /// lets libpq read the `PG*` environment variables. Fails with `.databaseUnreachable`.
    public init(conninfo: String, connectTimeoutSeconds: Int = 5, applicationName: String = "modex") throws {
        // expand_dbname lets `dbname` carry a full URL or conninfo; the later keywords then add
        // defaults that the URL itself did not set.
        let keys = ["dbname", "connect_timeout", "application_name", "client_encoding"]
        let values = [conninfo, String(connectTimeoutSeconds), applicationName, "UTF8"]
        let conn: OpaquePointer? = withCStringArray(keys) { k in
            withCStringArray(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let conn { PQfinish(conn) }
            throw BookingError.databaseUnreachable(Self.tidy(message))
        }
        handle = conn
    }

    deinit { close() }

    /// Closes the connection; further use throws `.databaseUnreachable`.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// True while the server connection is usable.
    public var isHealthy: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// The server process id of this connection (useful to ignore one's own notifications).
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }

    /// The socket file descriptor, for `poll()` while waiting for notifications.
    public var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// Runs one parameterized statement. Parameters are sent as text, separately from the SQL.
    ///
    /// `prepared` keeps the statement parsed and planned on this connection after its first use.
    /// Only for statements whose generic plan is known to be good (a generic plan does not see
    /// the parameter values): the watchers' once-a-second change check.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PGValue?] = [], prepared: Bool = false) throws -> PGRows {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        let texts: [String?] = parameters.map { $0?.pgText }
        let name = prepared ? try statementName(for: sql, parameterCount: parameters.count, handle: handle) : nil
        let result: OpaquePointer? = withOptionalCStringArray(texts) { values in
            if let name { return PQexecPrepared(handle, name, Int32(texts.count), values, nil, nil, 0) }
            return PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        guard let result else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return PGRows(result)
        default:
            throw PGServerError(result: result, connection: handle).asBookingError(connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
    }

    private func statementName(for sql: String, parameterCount: Int, handle: OpaquePointer) throws -> String {
        if let name = prepared[sql] { return name }
        let name = "modex_\(prepared.count + 1)"
        guard let result = PQprepare(handle, name, sql, Int32(parameterCount), nil) else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw PGServerError(result: result, connection: handle).asBookingError(connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        prepared[sql] = name
        return name
    }

    /// Runs a script of several statements without parameters (migrations, SET commands).
    public func execute(script: String) throws {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        guard let result = PQexec(handle, script) else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw PGServerError(result: result, connection: handle).asBookingError(connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
    }

    /// Reads notifications that have already arrived, without blocking.
    public func drainNotifications() throws -> [PGNotification] {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        guard PQconsumeInput(handle) == 1 else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        var out: [PGNotification] = []
        while let note = PQnotifies(handle) {
            out.append(PGNotification(
                channel: String(cString: note.pointee.relname),
                payload: String(cString: note.pointee.extra),
                senderPID: note.pointee.be_pid))
            PQfreemem(note)
        }
        return out
    }

    /// Waits up to `timeoutMilliseconds` for notifications and returns those that arrived.
    public func waitForNotifications(timeoutMilliseconds: Int32) throws -> [PGNotification] {
        let pending = try drainNotifications()
        if !pending.isEmpty { return pending }
        var fds = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&fds, 1, timeoutMilliseconds)
        if ready < 0 && errno != EINTR {
            throw BookingError.databaseUnreachable("waiting for notifications failed (errno \(errno))")
        }
        return try drainNotifications()
    }

    static func tidy(_ message: String) -> String {
        message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

/// A notification received through LISTEN.
public struct PGNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String
    public let senderPID: Int32
}

private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStringArray(strings.map { Optional($0) }, body)
}

private func withOptionalCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}
