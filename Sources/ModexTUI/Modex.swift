import ArgumentParser

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
            HoldCommand.self, ConfirmCommand.self, ReleaseCommand.self, CancelCommand.self, PaidCommand.self, BookingCommand.self, BookingsCommand.self, SalesCommand.self, ManagerCommand.self,
            ExpireCommand.self, CheckCommand.self, DbCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )
}
