import ArgumentParser
import SeatMapModel

@main
struct Modex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modex",
        abstract: "Box-office seat picker: hold, confirm and sell seats on PostgreSQL.",
        discussion: """
            With no subcommand, modex opens on the configured database (--database, DATABASE_URL or \
            the PG* variables) or, when none is set, on a private demo cluster it manages itself.
            Exit codes: 0 ok, 3 seats unavailable, 4 unknown or wrong-state show/seat/booking, \
            64 malformed input, 69 database unreachable, 77 only a manager may, 1 anything else.
            """,
        version: "0.1.0",
        subcommands: [
            OpenCommand.self, MigrateCommand.self, ShowCommand.self, ShowsCommand.self, SeatsCommand.self,
            HoldCommand.self, AddSeatsCommand.self, ConfirmCommand.self, ReleaseCommand.self, CancelCommand.self, PaidCommand.self, BookingCommand.self, BookingsCommand.self, SalesCommand.self, ManagerCommand.self,
            ExpireCommand.self, CheckCommand.self, DbCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    /// As `ParsableCommand.main()`, except that a command line that cannot be parsed, given
    /// `--json`, also prints the error envelope on stdout (`invalid_input`, exit 64): a script
    /// that reads JSON gets JSON for every failure, not only for those its command reports.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            let status = exitCode(for: error)
            if arguments.contains("--json"), status != .success {
                Output.json(ErrorEnvelope(error: .init(code: BookingError.invalidInput("").code, message: message(for: error),
                                                       exitCode: status.rawValue, seats: nil)))
            }
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
