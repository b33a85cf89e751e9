import Foundation

/// Compares this run with an earlier JSON report, row by row (same key).
///
/// Times scale with the machine: on a host with half the memory bandwidth
/// every streaming row takes about twice as long. So each row's ratio
/// current/baseline is reported raw and normalized by the read bandwidth each
/// run measured (for the row's thread count):
///
///     normalized = (t_now / t_then) · (BW_now / BW_then)
///
/// and a row is a regression when the normalized ratio exceeds 1 + threshold.
/// A report without a bandwidth (0) is compared raw.
struct BaselineComparison {
    /// One row present in both runs.
    struct Change {
        var key: String
        /// Median time then and now, in milliseconds.
        var baseline: Double
        var current: Double
        /// Read bandwidth (GB/s) of each run for the row's thread count.
        var baselineBandwidth: Double
        var currentBandwidth: Double
        /// t_now / t_then.
        var ratio: Double { current / baseline }
        /// The ratio scaled by BW_now / BW_then (the raw ratio when either bandwidth is unknown).
        var normalizedRatio: Double {
            baselineBandwidth > 0 && currentBandwidth > 0 ? ratio * currentBandwidth / baselineBandwidth : ratio
        }
    }

    /// Rows whose normalized ratio exceeds 1 + threshold.
    var regressions: [Change] = []
    /// Every row present in both runs.
    var changes: [Change] = []
    var compared: Int { changes.count }
    /// Keys of this run's rows that the baseline lacks.
    var missing: [String] = []
    /// BW_now / BW_then for one thread (1 when unknown).
    var bandwidthRatio = 1.0

    /// Compares two reports; `threshold` is the fraction of slow-down that counts.
    init(current: BenchReport, baseline: BenchReport, threshold: Double) {
        func bandwidth(_ report: BenchReport, _ threads: Int) -> Double {
            threads == 1 ? report.read_bandwidth_gb_per_s : report.read_bandwidth_all_cores_gb_per_s
        }
        if current.read_bandwidth_gb_per_s > 0 && baseline.read_bandwidth_gb_per_s > 0 {
            bandwidthRatio = current.read_bandwidth_gb_per_s / baseline.read_bandwidth_gb_per_s
        }
        let earlier = Dictionary(baseline.rows.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        for row in current.rows {
            guard let old = earlier[row.key], old.median_ms > 0 else {
                missing.append(row.key)
                continue
            }
            let change = Change(key: row.key, baseline: old.median_ms, current: row.median_ms,
                                baselineBandwidth: bandwidth(baseline, row.threads),
                                currentBandwidth: bandwidth(current, row.threads))
            changes.append(change)
            if change.normalizedRatio > 1 + threshold { regressions.append(change) }
        }
    }

    /// Compares this run with the JSON report at `baselinePath`.
    ///
    /// - Throws: ``BaselineError`` naming the file when it cannot be read or is
    ///   not a logit-bench report.
    init(current: BenchReport, baselinePath: String, threshold: Double) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: baselinePath))
        } catch {
            throw BaselineError(message: "cannot read the baseline \(baselinePath): \(error.localizedDescription)")
        }
        let baseline: BenchReport
        do {
            baseline = try JSONDecoder().decode(BenchReport.self, from: data)
        } catch {
            throw BaselineError(message: "\(baselinePath) is not a logit-bench JSON report: \(error)")
        }
        self.init(current: current, baseline: baseline, threshold: threshold)
    }

    struct BaselineError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
