import ArgumentParser
import SeatMapModel

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Manage the embedded PostgreSQL cluster.", subcommands: [Status.self, Stop.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say where the embedded cluster is and whether it runs.")
        @Flag(name: .customLong("json"), help: "Print JSON.") var json = false

        func run() throws {
            let cluster = EmbeddedCluster.forCurrentUser()
            let running = cluster.isInitialized && cluster.isRunning
            if json {
                Output.json(StatusJSON(directory: cluster.home.path, initialized: cluster.isInitialized, running: running,
                                       conninfo: cluster.conninfo()))
            } else {
                Output.line("Embedded cluster: \(cluster.home.path)")
                Output.line(!cluster.isInitialized ? "Not created yet (the first `modex` run creates it)." : running ? "Running; connect with: psql \"\(cluster.conninfo())\"" : "Stopped.")
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the embedded cluster.")

        func run() throws {
            let cluster = EmbeddedCluster.forCurrentUser()
            do { try cluster.stop() } catch let error as BookingError {
                Output.failure(error, json: false)
                throw ExitCode(error.exitCode)
            }
            Output.line("Embedded cluster stopped.")
        }
    }

    struct StatusJSON: Encodable { let directory: String, initialized: Bool, running: Bool, conninfo: String }
}

/// `modex` with no subcommand. The full-screen seat picker is not built yet; until then this
/// prints the shows and how to work with them.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open modex on the configured or embedded database.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        try common.report {
            let shows = try ShowCatalog(database: try common.openDatabase()).shows()
            Output.line("modex: \(shows.count) show(s) as \(OperatorIdentity.current)")
            for s in shows { Output.line("  show \(s.showId): \(s.name)  Available \(s.available)  Reserved \(s.reserved)  Booked \(s.booked)") }
            Output.line("Try: modex seats \(shows.first?.showId ?? 1)   modex hold \(shows.first?.showId ?? 1) A1 A2   modex --help")
        }
    }
}
