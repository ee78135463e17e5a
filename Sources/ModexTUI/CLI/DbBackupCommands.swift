import ArgumentParser
import Foundation
import SeatMapModel

extension DbCommand {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the embedded cluster's database into one file, while pickers go on working.",
            discussion: """
                The file (pg_dump's custom format, readable by its owner only) holds every show and booking \
                as of one moment. Keep copies away from this machine; `modex db restore FILE` puts one back.
                """)
        @Option(help: ArgumentHelp("The file to write (default: modex-backup-DATE-TIME.dump here).", valueName: "file"))
        var to: String?
        @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

        func run() throws {
            let file = URL(fileURLWithPath: to ?? "modex-backup-\(Self.stamp()).dump")
            try Output.reporting(json: json) {
                if !json { Output.warn("Backing up to \(file.path)...") }
                let contents = try DatabaseBackup(cluster: EmbeddedCluster.forCurrentUser()).backup(to: file)
                let bytes = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int) ?? 0
                if json { return Output.json(BackupJSON(file: file.path, bytes: bytes, contents, previousStateSavedTo: nil)) }
                Output.line("Backed up \(Self.describe(contents)) to \(file.path) (\(bytes / 1024 + 1) KB).")
            }
        }

        static func stamp(_ date: Date = Date()) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.dateFormat = "yyyyMMdd-HHmmss"
            return f.string(from: date)
        }

        static func describe(_ c: DatabaseBackup.Contents) -> String {
            "\(GroupedNumber.counted(c.shows, "show")) and \(GroupedNumber.counted(c.bookings, "booking")), "
                + "\(GroupedNumber.text(c.confirmedBookings)) of them confirmed,"
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the embedded cluster's database with a backup from `modex db backup`.",
            discussion: """
                A database that holds bookings is replaced only with --replace, and its current state is \
                first saved next to the cluster. Open pickers show a short outage and reconnect by themselves.
                """)
        @Argument(help: "The backup file.") var file: String
        @Flag(help: "Replace a database that holds bookings (after saving it).") var replace = false
        @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

        func run() throws {
            let cluster = EmbeddedCluster.forCurrentUser()
            let source = URL(fileURLWithPath: file)
            let savedAs = cluster.home.appendingPathComponent("before-restore-\(Backup.stamp()).dump")
            try Output.reporting(json: json) {
                if !json { Output.warn("Restoring \(source.path)...") }
                let contents = try DatabaseBackup(cluster: cluster).restore(from: source, replacingBookings: replace, savedAs: savedAs)
                let saved = FileManager.default.fileExists(atPath: savedAs.path) ? savedAs.path : nil
                if json { return Output.json(BackupJSON(file: source.path, bytes: nil, contents, previousStateSavedTo: saved)) }
                Output.line("Restored \(Backup.describe(contents)) from \(source.path).")
                if let saved { Output.line("The state it replaced is saved in \(saved).") }
            }
        }
    }

    struct BackupJSON: Encodable {
        let file: String, bytes: Int?, shows: Int, bookings: Int, confirmedBookings: Int, previousStateSavedTo: String?
        init(file: String, bytes: Int?, _ c: DatabaseBackup.Contents, previousStateSavedTo: String?) {
            self.file = file; self.bytes = bytes; shows = c.shows; bookings = c.bookings
            confirmedBookings = c.confirmedBookings; self.previousStateSavedTo = previousStateSavedTo
        }
        enum CodingKeys: String, CodingKey {
            case file, bytes, shows, bookings, confirmedBookings = "confirmed_bookings", previousStateSavedTo = "previous_state_saved_to"
        }
    }
}
