/// Percentiles of a set of latencies in milliseconds.
struct LatencyStats: Equatable {
    let count: Int
    let p50: Double
    let p95: Double
    let p99: Double
    let max: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func pct(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        count = sorted.count
        p50 = pct(0.50)
        p95 = pct(0.95)
        p99 = pct(0.99)
        max = sorted.last ?? 0
    }
}
