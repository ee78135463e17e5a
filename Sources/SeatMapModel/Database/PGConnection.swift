import CPQ
import Foundation

/// One libpq connection. Not thread-safe by design: libpq forbids two threads using one
/// connection at once, so each connection has exactly one owner (a thread or an actor).
public final class PGConnection {
    private var handle: OpaquePointer?
    /// Statements prepared on this connection, by SQL text.
    private var preparedNames: [String: String] = [:]
    /// How many statements were ever prepared here: names are never reused, even after one is
    /// deallocated and prepared again.
    private var preparedCount = 0
    /// The prepared statement last sent, until its answer is taken.
    private var sentStatement: String?

    /// Opens a connection. `conninfo` is a libpq connection string or URL; an empty string
    /// lets libpq read the `PG*` environment variables. Fails with `.databaseUnreachable`.
    public init(conninfo: String, connectTimeoutSeconds: Int = 5, applicationName: String = "modex") throws {
        // expand_dbname lets `dbname` carry a full URL or conninfo; the later keywords then add
        // defaults that the URL itself did not set.
        // TCP keepalives and a user timeout notice a server that vanished from the network
        // (no reset ever arrives) within about 15 s instead of the kernel's many minutes.
        let keys = ["dbname", "connect_timeout", "application_name", "client_encoding",
                    "keepalives_idle", "keepalives_interval", "keepalives_count", "tcp_user_timeout"]
        let values = [conninfo, String(connectTimeoutSeconds), applicationName, "UTF8", "10", "3", "3", "15000"]
        let conn: OpaquePointer? = withCStringArray(keys) { k in
            withCStringArray(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let message = conn.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let conn { PQfinish(conn) }
            throw BookingError.databaseUnreachable(Self.tidy(message))
        }
        // libpq prints notices and some connection errors to stderr by default, which garbles
        // a curses screen ("FATAL: terminating connection..." on a server restart). Errors
        // reach callers as BookingError instead.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
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

    /// How long to wait for the server's answer to a statement before giving up on this
    /// connection (it is then closed and the call throws `.databaseUnreachable`); nil waits
    /// for as long as it takes. The server's own `statement_timeout` normally answers first:
    /// this is for a server that cannot answer at all, such as one stuck writing to a failing
    /// disk, which no server-side limit interrupts.
    public var answerTimeout: TimeInterval?

    /// The socket file descriptor, for `poll()` while waiting for notifications.
    public var socket: Int32 { handle.map { PQsocket($0) } ?? -1 }

    /// Runs one parameterized statement. Parameters are sent as text, separately from the SQL.
    /// Statements are planned with their actual values each time: prepared (generic) plans were
    /// measured to scan whole shows, because they cannot tell a 20,000-seat show from a
    /// 1,000,000-seat one.
    @discardableResult
    public func query(_ sql: String, _ parameters: [PGValue?] = []) throws -> PGRows {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        try send(parameters, on: handle, prepared: nil) { count, values in
            PQsendQueryParams(handle, sql, count, nil, values, nil, nil, 0)
        }
        return try takeAnswer()
    }

    /// Runs one parameterized statement as a statement prepared on this connection the first
    /// time it is seen, so later calls skip parsing and planning. Only for statements whose plan
    /// cannot depend on the values, such as a call of one booking function.
    @discardableResult
    public func queryPrepared(_ sql: String, _ parameters: [PGValue?] = []) throws -> PGRows {
        try sendPrepared(sql, parameters)
        do {
            return try takeAnswer()
        } catch let error as BookingError where PGConnection.needsPreparingAgain(error) {
            // A migration that changed the function's result since it was prepared: run it
            // unprepared this time (takeAnswer forgot it, so the next call prepares it again).
            return try query(sql, parameters)
        }
    }

    /// Sends one call of `sql`, prepared on this connection the first time it is seen (that
    /// first time waiting for the server to prepare it), without waiting for the answer. Then
    /// `answerArrived()` tells when `takeAnswer()` has it, so that one thread can keep many
    /// connections busy, polling their `socket`s (`modex bench` does). One call at a time.
    public func sendPrepared(_ sql: String, _ parameters: [PGValue?] = []) throws {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        let name = try preparedName(of: sql, parameterCount: parameters.count, on: handle)
        try send(parameters, on: handle, prepared: sql) { count, values in
            PQsendQueryPrepared(handle, name, count, values, nil, nil, 0)
        }
    }

    /// Reads what has arrived of the answer to `sendPrepared`, without waiting: true once all of
    /// it has, so that `takeAnswer()` will not wait. Throws `.databaseUnreachable` if the
    /// connection failed.
    public func answerArrived() throws -> Bool {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        guard PQconsumeInput(handle) == 1 else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        return PQisBusy(handle) == 0
    }

    /// The answer to the statement just sent (waiting for it, up to `answerTimeout`): its rows,
    /// or the server's refusal as a `BookingError`. A refusal saying a prepared statement must
    /// be prepared again (`needsPreparingAgain`) forgets it, so that the next send prepares it.
    public func takeAnswer() throws -> PGRows {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        let sql = sentStatement
        sentStatement = nil
        guard let result = try awaitResult(handle) else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            return PGRows(result)
        default:
            let error = PGServerError(result: result, connection: handle).asBookingError(connectionLost: PQstatus(handle) != CONNECTION_OK)
            if Self.needsPreparingAgain(error), let sql, let name = preparedNames.removeValue(forKey: sql) {
                try? execute(script: "DEALLOCATE \(name)")
            }
            throw error
        }
    }

    /// True for the refusals of a prepared statement whose function changed its result type
    /// since it was prepared, or that the server forgot: preparing it again mends both.
    public static func needsPreparingAgain(_ error: BookingError) -> Bool {
        guard case .database(let state, _) = error else { return false }
        return state == "0A000" || state == "26000"
    }

    /// The name `sql` is prepared under on this connection, preparing it (and waiting for that)
    /// the first time.
    private func preparedName(of sql: String, parameterCount: Int, on handle: OpaquePointer) throws -> String {
        if let known = preparedNames[sql] { return known }
        preparedCount += 1
        let name = "modex_\(preparedCount)"
        guard PQsendPrepare(handle, name, sql, Int32(parameterCount), nil) == 1, let result = try awaitResult(handle) else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw PGServerError(result: result, connection: handle).asBookingError(connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        preparedNames[sql] = name
        return name
    }

    /// Sends the parameters as text through `submit` (a `PQsend...` call), without waiting for
    /// the answer; `sql` is the statement's text when it was sent prepared, for `takeAnswer`.
    private func send(_ parameters: [PGValue?], on handle: OpaquePointer, prepared sql: String?,
                      _ submit: (Int32, [UnsafePointer<CChar>?]) -> Int32) throws {
        let texts: [String?] = parameters.map { $0?.pgText }
        guard withOptionalCStringArray(texts, { submit(Int32(texts.count), $0) }) == 1 else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        sentStatement = sql
    }

    /// Runs a script of several statements without parameters (migrations, SET commands).
    public func execute(script: String) throws {
        guard let handle else { throw BookingError.databaseUnreachable("the connection is closed") }
        guard PQsendQuery(handle, script) == 1, let result = try awaitResult(handle) else {
            throw BookingError.databaseUnreachable(Self.tidy(String(cString: PQerrorMessage(handle))))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw PGServerError(result: result, connection: handle).asBookingError(connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
    }

    /// Waits for the answer to what was just sent and returns its last result, as `PQexec`
    /// would (the first error, if a statement of a script failed). Nil when the connection
    /// failed. Past `answerTimeout` the connection is closed and this throws.
    private func awaitResult(_ handle: OpaquePointer) throws -> OpaquePointer? {
        let deadline = answerTimeout.map { Date().addingTimeInterval($0) }
        var kept: OpaquePointer?
        while true {
            // Without a deadline, PQgetResult itself waits for as long as it takes.
            while let deadline, PQisBusy(handle) == 1 {
                guard waitUntilReadable(handle, deadline: deadline) else {
                    if let kept { PQclear(kept) }
                    close()
                    throw BookingError.databaseUnreachable(
                        "the database did not answer within \(Int(answerTimeout ?? 0)) s, so this connection was given up")
                }
                if PQconsumeInput(handle) == 0 { break }   // PQgetResult then reports the failure
            }
            guard let result = PQgetResult(handle) else { return kept }
            if let held = kept, PQresultStatus(held) == PGRES_FATAL_ERROR {
                PQclear(result)
            } else {
                if let kept { PQclear(kept) }
                kept = result
            }
            if PQstatus(handle) == CONNECTION_BAD { return kept }
        }
    }

    /// Polls the socket until it is readable (true) or `deadline` passes (false).
    private func waitUntilReadable(_ handle: OpaquePointer, deadline: Date) -> Bool {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            var fds = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, Int32(min(remaining * 1000, Double(Int32.max)).rounded(.up)))
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }   // PQconsumeInput reports the socket's trouble
        }
    }

    /// Waits until one of `sockets` (connections' `socket`s, each waiting for an answer) is
    /// readable, or `nanoseconds` pass, and marks the readable ones in their `revents`: for one
    /// thread keeping many connections busy (see `sendPrepared`). The timeout is finer than
    /// poll()'s milliseconds, so that a caller pacing its calls starts each on time.
    public static func waitForReadable(_ sockets: inout [pollfd], nanoseconds: UInt64) {
        var timeout = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        _ = ppoll(&sockets, nfds_t(sockets.count), &timeout, nil)
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

    public init(channel: String, payload: String, senderPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}

private func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStringArray(strings.map { Optional($0) }, body)
}

private func withOptionalCStringArray<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
}
