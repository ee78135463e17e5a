import ArgumentParser
import SeatMapModel

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure hold throughput and change-check cost.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        Output.line("not built yet")
    }
}
