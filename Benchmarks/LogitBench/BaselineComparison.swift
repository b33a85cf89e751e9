import Foundation

/// Compares this run with an earlier JSON report: a row is a regression when
/// its median time grew by more than `threshold` (a fraction) over the
/// baseline's row with the same key.
struct BaselineComparison {
    struct Regression {
        var key: String
        var baseline: Double
        var current: Double
        var ratio: Double { current / baseline }
    }

    var regressions: [Regression] = []
    var compared = 0
    var missing: [String] = []

    init(current: BenchReport, baselinePath: String, threshold: Double) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: baselinePath))
        let baseline: BenchReport
        do {
            baseline = try JSONDecoder().decode(BenchReport.self, from: data)
        } catch {
            throw BaselineError(message: "\(baselinePath) is not a logit-bench JSON report: \(error)")
        }
        let earlier = Dictionary(baseline.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for row in current.rows {
            guard let old = earlier[row.key] else {
                missing.append(row.key)
                continue
            }
            compared += 1
            if row.median_ms > old.median_ms * (1 + threshold) {
                regressions.append(Regression(key: row.key, baseline: old.median_ms, current: row.median_ms))
            }
        }
    }

    struct BaselineError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
