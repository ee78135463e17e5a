import Foundation

/// Loads the demo shows into a new database: the sample theatre and arena.
public enum DemoData {
    /// Creates the demo shows, starting tomorrow and in a week at 19:30 local time.
    public static func load(into database: Database, now: Date = Date()) throws {
        let catalog = ShowCatalog(database: database)
        let calendar = Calendar.current
        func evening(_ days: Int) -> Date {
            let day = calendar.date(byAdding: .day, value: days, to: now)!
            return calendar.date(bySettingHour: 19, minute: 30, second: 0, of: day)!
        }
        _ = try catalog.createShow(name: "Demo theatre: The Seagull", startsAt: evening(1), plan: try LayoutParser.parse(SampleVenues.theatre))
        _ = try catalog.createShow(name: "Demo arena: Winter Concert", startsAt: evening(7), plan: try LayoutParser.parse(SampleVenues.arena))
    }
}
