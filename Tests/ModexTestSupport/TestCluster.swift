import Foundation
import SeatMapModel
import Synchronization

/// A throwaway PostgreSQL cluster for one test run, with a migrated template database from
/// which every test gets a fresh database of its own. Stopped and deleted when the process exits.
public enum TestCluster {
    /// The cluster directory for this test process.
    static let home = URL(fileURLWithPath: "/tmp/modex-test-\(getpid())")

    private static let started: Result<EmbeddedCluster, BookingError> = {
        var cluster = EmbeddedCluster(home: home)
        cluster.serverSettings = ["fsync": "off", "full_page_writes": "off", "max_connections": "250"]
        do {
            try? FileManager.default.removeItem(at: home)
            try cluster.start()
            atexit {
                try? EmbeddedCluster(home: TestCluster.home).stop()
                try? FileManager.default.removeItem(at: TestCluster.home)
            }
            let admin = try Database(conninfo: cluster.conninfo(database: "postgres"))
            try admin.run("CREATE DATABASE modex_template")
            let template = try Database(conninfo: cluster.conninfo(database: "modex_template"))
            try Migrator(database: template).migrate()
            template.connection.close()
            return .success(cluster)
        } catch let error as BookingError {
            return .failure(error)
        } catch {
            return .failure(.internalFailure("\(error)"))
        }
    }()

    private static let counter = Mutex(0)

    /// Creates a fresh, migrated database and returns its conninfo.
    public static func freshDatabase() throws -> String {
        let cluster = try started.get()
        let n = counter.withLock { value -> Int in value += 1; return value }
        let name = "t_\(n)"
        let admin = try Database(conninfo: cluster.conninfo(database: "postgres"))
        try admin.run("CREATE DATABASE \(name) TEMPLATE modex_template")
        return cluster.conninfo(database: name)
    }
}

/// Runs `count` workers on their own threads, started together after each finished `setup`
/// (for example, opened its own connection), and returns every worker's result in order.
public func race<Setup, Output: Sendable>(
    _ count: Int,
    setup: @escaping @Sendable (Int) throws -> Setup,
    work: @escaping @Sendable (Int, Setup) throws -> Output
) -> [Result<Output, any Error>] {
    let results = Mutex<[Result<Output, any Error>?]>(Array(repeating: nil, count: count))
    let ready = DispatchSemaphore(value: 0)
    let go = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        let thread = Thread {
            let prepared = Result { try setup(index) }
            ready.signal()
            go.wait()
            let outcome = prepared.flatMap { state in Result { try work(index, state) } }
            results.withLock { $0[index] = outcome }
            done.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    for _ in 0..<count { ready.wait() }
    for _ in 0..<count { go.signal() }
    done.wait()
    return results.withLock { $0.map { $0! } }
}

/// Polls `condition` until it is true or `seconds` pass; returns whether it became true.
public func eventually(within seconds: Double, every interval: Double = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: interval)
    }
    return try condition()
}

/// Waits, if the terminal's clock is within `margin` seconds of midnight, until the new day has
/// begun, so a test that sells and then reads "today's" sales does not straddle two days.
public func awayFromMidnight(margin: Double = 90) {
    func nearMidnight() -> Bool {
        let now = Date()
        return Calendar.current.startOfDay(for: now.addingTimeInterval(margin)) != Calendar.current.startOfDay(for: now)
    }
    _ = eventually(within: margin + 5, every: 1) { !nearMidnight() }
}
