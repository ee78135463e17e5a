import Foundation

/// Runs programs with posix_spawn and waitpid.
///
/// Not Foundation's `Process`: on this platform its exit monitoring was seen to miss a child's
/// exit (the child stayed a zombie and `waitUntilExit` never returned). Output goes through
/// temporary files, not pipes: `pg_ctl start` leaves a server running that would keep a pipe
/// open forever.
public enum Subprocess {
    /// What a finished program printed and how it ended.
    public struct Outcome: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs a program from `/` and returns its exit status with stdout and stderr combined.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outcome = try run(executable, arguments, environment: nil, mergeOutput: true)
        return (outcome.status, outcome.stdout)
    }

    /// Starts a program without waiting, its output discarded; returns its pid (reap it with
    /// `waitpid`). Used to kill processes mid-operation in tests.
    public static func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let env: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, cArgs, env)
        guard spawned == 0 else { throw BookingError.internalFailure("cannot start \(executable): error \(spawned)") }
        return pid
    }

    /// Runs a program from `directory` with `environment` (nil: this process's), stdin from /dev/null.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]?,
                           directory: String = "/", mergeOutput: Bool = false) throws -> Outcome {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("modex-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let outPath = base + ".out", errPath = base + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergeOutput {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        // `cd` first: the postgres user may not be able to enter the caller's directory.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        let envStrings: [UnsafeMutablePointer<CChar>?]? = environment.map { env in
            env.map { key, value in strdup("\(key)=\(value)") } + [nil]
        }
        defer { envStrings?.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = envStrings.map { env in posix_spawn(&pid, "/bin/sh", &actions, nil, cArgs, env) }
            ?? posix_spawn(&pid, "/bin/sh", &actions, nil, cArgs, environ)
        guard spawned == 0 else { throw BookingError.internalFailure("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw BookingError.internalFailure("waiting for \(executable) failed: errno \(errno)") }
        }
        let exited = (status & 0x7f) == 0
        return Outcome(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                       stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                       stderr: mergeOutput ? "" : ((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""))
    }
}

/// Runs `body` while holding an exclusive `flock` on `url`.
func withLockFile<T>(_ url: URL, _ body: () throws -> T) throws -> T {
    let fd = open(url.path, O_CREAT | O_RDWR, 0o644)
    guard fd >= 0 else { throw BookingError.internalFailure("cannot open lock file \(url.path)") }
    defer { close(fd) }
    guard flock(fd, LOCK_EX) == 0 else { throw BookingError.internalFailure("cannot lock \(url.path)") }
    defer { flock(fd, LOCK_UN) }
    return try body()
}
