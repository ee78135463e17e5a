import Foundation

enum Subprocess {
    /// Runs a program from `/` and returns its exit status with stdout and stderr combined.
    /// Output goes through a temporary file, not a pipe: `pg_ctl start` leaves a server running
    /// that would keep a pipe open, and reading it to the end would never finish.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("modex-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
              let output = FileHandle(forWritingAtPath: outputURL.path) else {
            throw BookingError.internalFailure("cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? FileManager.default.removeItem(at: outputURL) }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? output.close()
        let data = FileManager.default.contents(atPath: outputURL.path) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
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
