import Foundation
import Logging

/// A swift-log handler that appends lines to a file: the screen belongs to curses.
struct FileLogHandler: LogHandler {
    let handle: FileHandle?
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    let label: String

    /// Opens (creating) `MODEX_LOG`, else `$XDG_STATE_HOME/modex/modex.log` or
    /// `~/.local/state/modex/modex.log`. Logging is off when the file cannot be opened.
    static func defaultPath(_ env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = env["MODEX_LOG"], !path.isEmpty { return path }
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return state + "/modex/modex.log"
    }

    /// A log file larger than this when a picker opens it is moved to `<path>.1` (replacing the
    /// previous one), so a kiosk's log stays at most about twice this size.
    static let rotationBytes = 10_000_000

    init(label: String, path: String, rotationBytes: Int = Self.rotationBytes) {
        self.label = label
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > rotationBytes {
            // Another picker opening at the same moment may have moved it already; either way
            // this one starts a new file.
            try? FileManager.default.removeItem(atPath: path + ".1")
            try? FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        }
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        handle?.write(Data("\(stamp) \(event.level) \(label)[\(getpid())]: \(event.message)\n".utf8))
    }
}
