import ArgumentParser
import Foundation
import SeatMapModel

/// `modex manager list|add|remove`: who may create and delete shows and cancel bookings other
/// operators sold.
struct ManagerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manager", abstract: "Name the managers: who may create shows and cancel others' bookings.",
        discussion: """
            Operators are logins, as bookings record them. While no manager is named, everyone may \
            do everything. Once one is, only managers create and delete shows, name managers, and \
            cancel bookings that another operator sold (an operator may still cancel their own until \
            the show begins; after curtain-up only a manager refunds). \
            Refusals exit with 77.
            """,
        subcommands: [List.self, Add.self, Remove.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the managers.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try common.report {
                let names = try Managers(database: try common.openDatabase()).names()
                if common.json { Output.json(["managers": names]); return }
                Output.line(names.isEmpty ? "No managers are named: every operator may create shows and cancel bookings."
                                          : "Managers: \(names.joined(separator: ", ")).")
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Name an operator a manager (the first one: anyone may).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The operator's login.") var name: String

        func run() throws {
            try common.changeManagers { managers in
                try managers.add(name, by: OperatorIdentity.current)
                return " Only they may now create shows and cancel others' bookings."
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop an operator being a manager.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The operator's login.") var name: String

        func run() throws {
            try common.changeManagers { managers in
                guard try managers.remove(name, by: OperatorIdentity.current) else {
                    throw BookingError.notFound("\(name) is not a manager")
                }
                return ""
            }
        }
    }
}

extension CommonOptions {
    /// Runs `change` on the managers, then prints who they are now (JSON, or a sentence ending
    /// in what `change` returns).
    func changeManagers(_ change: (Managers) throws -> String) throws {
        try report {
            let managers = Managers(database: try openDatabase())
            let more = try change(managers)
            let names = try managers.names()
            if json { Output.json(["managers": names]); return }
            Output.line(names.isEmpty ? "No managers are named now: every operator may create shows and cancel bookings."
                                      : "Managers: \(names.joined(separator: ", ")).\(more)")
        }
    }
}
