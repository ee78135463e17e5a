import Foundation
import SeatMapModel
import XCTest

/// Drives a real terminal: `modex` runs inside a detached tmux session; tests type with
/// send-keys and read the screen with capture-pane, polling with deadlines.
struct TmuxSession {
    let name: String
    let socket: String
    let workDir: URL

    /// Starts `modex` at `width`x`height`. The wrapper shell records the exit status and the
    /// terminal settings before and after, to check the terminal is restored.
    static func start(environment: [String: String], width: Int = 100, height: Int = 30, arguments: [String] = []) throws -> TmuxSession {
        let id = "modex\(getpid())x\(UInt32.random(in: 0...UInt32.max))"
        let dir = URL(fileURLWithPath: "/tmp/\(id)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var env = environment
        env["LANG"] = env["LANG"] ?? "C.UTF-8"
        env["LC_ALL"] = env["LC_ALL"] ?? env["LANG"]
        env["MODEX_LOG"] = dir.appendingPathComponent("modex.log").path
        let exports = env.filter { $0.key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
            .map { "export \($0.key)='\($0.value.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: "; ")
        let d = dir.path
        let script = """
            \(exports); cd '\(FileManager.default.currentDirectoryPath)'; stty -g > \(d)/stty.before; \
            bash -c 'echo $$ > \(d)/pid; exec "$0" "$@"' '\(CLIRunner.executable.path)' \(arguments.joined(separator: " ")); echo $? > \(d)/status; \
            stty -g > \(d)/stty.after; echo MODEX-EXITED; sleep 600
            """
        return try run(script: script, in: dir, name: id, width: width, height: height)
    }

    /// Runs any shell script in a new tmux session (its pane runs `bash run.sh`).
    static func start(script: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
        let id = "modex\(getpid())x\(UInt32.random(in: 0...UInt32.max))"
        let dir = URL(fileURLWithPath: "/tmp/\(id)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try run(script: script, in: dir, name: id, width: width, height: height)
    }

    private static func run(script: String, in dir: URL, name id: String, width: Int, height: Int) throws -> TmuxSession {
        try script.write(to: dir.appendingPathComponent("run.sh"), atomically: true, encoding: .utf8)
        let session = TmuxSession(name: id, socket: dir.appendingPathComponent("tmux.sock").path, workDir: dir)
        let started = try session.tmux(["new-session", "-d", "-s", id, "-x", String(width), "-y", String(height), "bash \(dir.path)/run.sh"])
        guard started.status == 0 else { throw BookingError.internalFailure("tmux failed: \(started.stderr)") }
        return session
    }

    /// The process running in the pane.
    var panePID: Int32? {
        (try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]))
            .flatMap { Int32($0.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @discardableResult
    func tmux(_ args: [String]) throws -> Subprocess.Outcome {
        try Subprocess.run("/usr/bin/tmux", ["-S", socket, "-f", "/dev/null"] + args, environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color"])
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]).stdout }

    /// Types keys (tmux key names such as Enter, Space, Down) or literal text.
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Waits until the screen satisfies `condition`, failing with the last screen after `seconds`.
    @discardableResult
    func waitFor(_ what: String, within seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let log = (try? String(contentsOf: workDir.appendingPathComponent("modex.log"), encoding: .utf8)) ?? "(no log)"
        XCTFail("timed out waiting for \(what); screen:\n\(last)\nmodex log (last lines):\n\(log.split(separator: "\n").suffix(8).joined(separator: "\n"))",
                file: file, line: line)
        return last
    }

    func waitFor(text: String, within seconds: Double = 5, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor("\"\(text)\"", within: seconds, file: file, line: line) { $0.contains(text) }
    }

    /// Waits for the show list to list `show`, opens the first show, and waits for `expect`.
    func openShow(_ show: String, expect: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitFor(text: show, file: file, line: line)
        try send("Enter")
        // The list's own header ("Available/Total") must be gone too, or a key sent next could
        // still reach the list while the map loads.
        try waitFor("the map of \(show) showing \"\(expect)\"", file: file, line: line) {
            $0.contains(expect) && !$0.contains("Available/Total")
        }
    }

    var pid: Int32? { (try? String(contentsOf: workDir.appendingPathComponent("pid"), encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }
    var exitStatus: Int32? { (try? String(contentsOf: workDir.appendingPathComponent("status"), encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } }
    var sttyRestored: Bool {
        let before = try? String(contentsOf: workDir.appendingPathComponent("stty.before"), encoding: .utf8)
        let after = try? String(contentsOf: workDir.appendingPathComponent("stty.after"), encoding: .utf8)
        return before != nil && before == after
    }

    /// The terminal settings before modex started and after it ended, for a failure message.
    var sttyChange: String {
        let read = { (name: String) in (try? String(contentsOf: self.workDir.appendingPathComponent(name), encoding: .utf8)) ?? "(none)" }
        return "before \(read("stty.before")), after \(read("stty.after"))"
    }

    /// True once `pid` has exited: gone, or a zombie that whichever process adopted it has not
    /// reaped yet.
    static func hasExited(_ pid: Int32) -> Bool {
        kill(pid, 0) != 0 || ((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: " ")[2] == "Z")
    }

    func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: workDir)
    }
}
