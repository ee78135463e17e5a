import ArgumentParser
import SeatMapModel

/// `--on-live-database`: a bench adds a show and hundreds of changes a second, so it refuses a
/// database that looks like a box office in use unless asked.
struct LiveDatabaseOption: ParsableArguments {
    @Flag(help: "Run even though the database has confirmed bookings made at the box office.") var onLiveDatabase = false

    /// The operator name every bench booking carries.
    static let benchOperator = "bench"

    func check(_ db: Database) throws {
        guard !onLiveDatabase else { return }
        let real = try BoxOfficeUse(database: db).confirmedBookings(notMadeBy: Self.benchOperator)
        guard real == 0 else {
            throw BookingError.invalidInput("""
                This database has \(real >= 1_000 ? "1,000 or more confirmed bookings" : GroupedNumber.counted(real, "confirmed booking")) made at the box office. \
                A bench would add a show to its list and load it with hundreds of changes a second. Run it on a spare \
                database (for example MODEX_HOME=/tmp/modex-bench modex bench ...), or pass --on-live-database if you mean to.
                """)
        }
    }
}
