import Foundation

/// Repeated timings of one operation: medians and ranges, never a single run,
/// because the machine is shared and noisy.
struct Timing {
    var samples: [Double]

    /// Runs `body` `warmup` times untimed, then `repeats` times timed (seconds).
    init(warmup: Int = 2, repeats: Int = 7, _ body: () throws -> Void) rethrows {
        for _ in 0..<warmup { try body() }
        let clock = ContinuousClock()
        samples = try (0..<repeats).map { _ in
            let elapsed = try clock.measure { try body() }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
    }

    var median: Double {
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    var min: Double { samples.min() ?? .nan }
    var max: Double { samples.max() ?? .nan }

    /// "median ms (min–max)".
    var summary: String {
        "\(format(median * 1e3, 2)) ms (\(format(min * 1e3, 2))–\(format(max * 1e3, 2)))"
    }
}

/// `value` with `digits` digits after the point, or in scientific notation
/// when it is too small for that to show it.
func format(_ value: Double, _ digits: Int) -> String {
    if value != 0 && abs(value) < 0.5 * pow(10, Double(-digits)) {
        return String(format: "%.\(max(digits, 1))e", value)
    }
    return String(format: "%.\(digits)f", value)
}
