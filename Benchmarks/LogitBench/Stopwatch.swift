import Foundation

/// Repeated timings of one operation, in milliseconds: medians and ranges,
/// never a single run, because the machine is shared and noisy.
struct Samples: Sendable {
    var milliseconds: [Double]

    init(_ milliseconds: [Double]) { self.milliseconds = milliseconds }

    /// Runs `body` `warmup` times untimed, then `repeats` times timed.
    init(warmup: Int, repeats: Int, _ body: () throws -> Void) rethrows {
        for _ in 0..<warmup { try body() }
        let clock = ContinuousClock()
        milliseconds = try (0..<Swift.max(repeats, 1)).map { _ in Self.ms(try clock.measure(body)) }
    }

    static func ms(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) * 1e-15
    }

    var median: Double {
        let sorted = milliseconds.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    var min: Double { milliseconds.min() ?? .nan }
    var max: Double { milliseconds.max() ?? .nan }
}

/// `value` with `digits` digits after the point.
func fixed(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "–"
}
