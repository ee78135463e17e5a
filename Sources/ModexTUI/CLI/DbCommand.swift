import ArgumentParser
import Foundation
import Logging
import SeatMapModel

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the embedded PostgreSQL cluster.", subcommands: [Status.self, Start.self, Stop.self, Backup.self, Restore.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say where the embedded cluster is and whether it runs.")
        @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

        func run() throws {
            let cluster = EmbeddedCluster.forCurrentUser()
            let running = cluster.isInitialized && cluster.isRunning
            if json { return Output.json(StatusJSON(cluster, running: running)) }
            Output.line("Embedded cluster: \(cluster.home.path)")
            if cluster.isInitialized { Output.line("Server log: \(cluster.serverLogDirectory.path) (a file a day, kept a week)") }
            Output.line(!cluster.isInitialized ? "Not created yet (the first `modex` run creates it)."
                        : running ? "Running; connect with: psql \"\(cluster.conninfo())\""
                        : cluster.isStoppedOnPurpose ? "Stopped with `modex db stop`; `modex db start` starts it again."
                        : "Stopped; the next `modex` command starts it.")
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the embedded cluster (creating and migrating it if needed), also after `modex db stop`.")
        @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

        func run() throws {
            let cluster = EmbeddedCluster.forCurrentUser()
            try Output.reporting(json: json) { _ = try cluster.openDatabase(evenIfStoppedOnPurpose: true) }
            if json { return Output.json(StatusJSON(cluster, running: true)) }
            Output.line("Embedded cluster running; connect with: psql \"\(cluster.conninfo())\"")
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop the embedded cluster and keep it stopped until `modex db start`.",
            discussion: "Running seat pickers show the outage and reconnect once it is started again; other commands fail with exit code 69 meanwhile.")
        @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

        func run() throws {
            let cluster = EmbeddedCluster.forCurrentUser()
            try Output.reporting(json: json) { try cluster.stop() }
            if json { return Output.json(StatusJSON(cluster, running: false)) }
            Output.line("Embedded cluster stopped; it stays stopped until `modex db start`.")
        }
    }

    struct StatusJSON: Encodable {
        let directory: String, initialized: Bool, running: Bool, stoppedOnPurpose: Bool, conninfo: String, serverLogDirectory: String
        init(_ cluster: EmbeddedCluster, running: Bool) {
            directory = cluster.home.path
            initialized = cluster.isInitialized
            self.running = running
            stoppedOnPurpose = cluster.isStoppedOnPurpose
            conninfo = cluster.conninfo()
            serverLogDirectory = cluster.serverLogDirectory.path
        }
        enum CodingKeys: String, CodingKey {
            case directory, initialized, running, conninfo, stoppedOnPurpose = "stopped_on_purpose"
            case serverLogDirectory = "server_log_directory"
        }
    }
}

/// `modex` with no subcommand: the full-screen seat picker on a terminal, or the list of
/// shows when stdin or stdout is not a terminal.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the seat picker (the default).")
    @OptionGroup var common: CommonOptions
    @OptionGroup var holdOptions: HoldOptions

    func run() throws {
        try common.report {
            guard isatty(0) == 1, isatty(1) == 1 else {
                let shows = try ShowCatalog(database: try common.openDatabase()).shows()
                Output.line("modex: \(GroupedNumber.counted(shows.count, "show")) as \(OperatorIdentity.current) (no terminal, so no seat picker)")
                for s in shows {
                    Output.line("  show \(s.showId): \(s.name)  " + GroupedNumber.seatCountsText(available: s.available, reserved: s.reserved, booked: s.booked))
                }
                return
            }
            let logPath = FileLogHandler.defaultPath()
            let log = Logger(label: "modex") { FileLogHandler(label: $0, path: logPath) }
            let policy = try holdOptions.policy()
            let connect = common.connector()
            let status = try SeatPickerApp(connect: connect, policy: policy, log: log).run()
            if status != 0 { throw ExitCode(status) }
        }
    }
}
