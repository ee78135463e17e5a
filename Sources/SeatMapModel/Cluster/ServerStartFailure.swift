import Foundation

/// Why the embedded server did not start, in words a manager can act on, read from what the
/// server logged during the failed start (pg_ctl itself only says "Examine the log output").
struct ServerStartFailure {
    /// The server's log files with their sizes before the start, so only what this start
    /// wrote is read.
    private let sizesBefore: [URL: Int]

    /// Notes where each log file ends now, before a start.
    init(logFiles: [URL]) {
        sizesBefore = Dictionary(uniqueKeysWithValues: logFiles.map { ($0, Self.size(of: $0)) })
    }

    /// The message for a start that failed: the disk being full, else the server's last fatal
    /// complaint, else pg_ctl's own output. `logFiles` is looked at afresh (the day's file may
    /// be new).
    func explanation(logFiles: [URL], pgCtlOutput: String, home: URL, logDirectory: URL) -> String {
        let written = logFiles.map { file in
            Self.text(of: file, from: sizesBefore[file] ?? 0)
        }.joined(separator: "\n")
        let see = "see \(logDirectory.path)"
        guard let complaint = Self.lastComplaint(in: written) else {
            return "the embedded PostgreSQL did not start (\(see)): \(pgCtlOutput.suffix(500))"
        }
        if complaint.contains("No space left on device") {
            return "the disk is full where it lives (\(home.path)): \(complaint). Free some space there and it starts again by itself"
        }
        return "the embedded PostgreSQL did not start: \(complaint) (\(see))"
    }

    /// The text after the last `FATAL:` or `PANIC:` in a server log.
    static func lastComplaint(in log: String) -> String? {
        for line in log.split(separator: "\n").reversed() {
            for level in ["PANIC:", "FATAL:"] {
                if let range = line.range(of: level) {
                    return line[range.upperBound...].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    private static func size(of file: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    private static func text(of file: URL, from offset: Int) -> String {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return "" }
        defer { try? handle.close() }
        // A file emptied since (the weekly rotation) is read from its start.
        let start = offset <= size(of: file) ? offset : 0
        guard (try? handle.seek(toOffset: UInt64(start))) != nil, let data = try? handle.readToEnd() else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
