import LogitNumerics

/// What the training data looked like, feature by feature, in original units:
/// the baseline a drift monitor compares new data against.
///
/// Per feature: the mean, the population standard deviation (divided by n, as
/// NumPy's `std`), the minimum and maximum over every training row, and
/// quantiles at ``quantileLevels`` by linear interpolation between order
/// statistics (NumPy's default `quantile` method: position (m − 1)·q) of a
/// seeded uniform sample of at most ``quantileSampleSize`` rows (drawn from the
/// reservoir sample of ``defaultSampleSize`` rows) — exact when the data has no
/// more rows than that. Sums are taken in `Double` whatever
/// the data's precision. Also the row count and the rows per class.
///
/// Computing it costs one row-major pass over the rows (no column is gathered
/// or sorted whole), plus sorting each column of the sample.
public struct TrainingStatistics: Sendable, Codable, Equatable {
    /// The default quantile levels: 0, 1 %, 5 %, 25 %, 50 %, 75 %, 95 %, 99 %, 100 %.
    public static let defaultQuantileLevels: [Double] = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1]
    /// The default number of rows kept in the reservoir sample (quantiles and
    /// the drift monitor's reference).
    public static let defaultSampleSize = 5000
    /// The most sampled rows the quantiles are computed from: a seeded uniform
    /// subset of the sample (selecting order statistics costs about 10 ns per
    /// value and column, so 1000 rows keep the quantiles near the cost of one
    /// pass over the data; exact whenever the data has ≤ 1000 rows).
    public static let quantileSampleSize = 1000

    /// The statistics of one feature.
    public struct Feature: Sendable, Codable, Equatable {
        /// The feature's name.
        public var name: String
        /// The mean.
        public var mean: Double
        /// The population standard deviation.
        public var std: Double
        /// The smallest value.
        public var min: Double
        /// The largest value.
        public var max: Double
        /// The value at each of ``TrainingStatistics/quantileLevels`` (of the
        /// reservoir sample's values).
        public var quantiles: [Double]
    }

    /// The number of rows.
    public var rows: Int
    /// Rows per class, in class-index order.
    public var classCounts: [Int]
    /// The quantile levels, in [0, 1], ascending.
    public var quantileLevels: [Double]
    /// One entry per feature, in column order.
    public var features: [Feature]

    /// The statistics of `data`'s features (as given: before any scaling).
    ///
    /// - Parameters:
    ///   - data: the training data, in original units.
    ///   - rows: the rows to include, as ascending, non-overlapping runs of
    ///     row indices; nil for every row.
    ///   - quantileLevels: levels in [0, 1] (ascending).
    ///   - sampleSize: the most rows the quantiles are taken from.
    ///   - seed: the reservoir sample's seed.
    /// - Throws: ``DataError`` when no row is selected, a run is out of range or
    ///   out of order, or a level is outside [0, 1].
    /// - Complexity: O(n·d) for n selected rows, plus O(d·m log m) for the
    ///   m-row sample; memory O(m·d).
    public init<T: LogitScalar>(data: Dataset<T>, rows: [Range<Int>]? = nil,
                                quantileLevels: [Double] = TrainingStatistics.defaultQuantileLevels,
                                sampleSize: Int = TrainingStatistics.defaultSampleSize,
                                seed: UInt64 = 0) throws(DataError) {
        self = try Self.summarize(data: data, rows: rows, quantileLevels: quantileLevels, sampleSize: sampleSize,
                                  seed: seed).statistics
    }

    /// The statistics of `data`'s selected rows and the reservoir sample they
    /// were taken from, in one pass (see ``init(data:rows:quantileLevels:sampleSize:seed:)``).
    ///
    /// The sample holds m = min(`sampleSize`, n) rows chosen uniformly at
    /// random (reservoir sampling, Algorithm L, seeded), in ascending row order,
    /// in original units, with their labels; its predicted probabilities are
    /// empty until ``ReferenceSample/fillProbabilities(model:scaler:)`` is called.
    ///
    /// - Throws: ``DataError`` as the initializer.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func summarize<T: LogitScalar>(
        data: Dataset<T>, rows: [Range<Int>]? = nil,
        quantileLevels: [Double] = TrainingStatistics.defaultQuantileLevels,
        sampleSize: Int = TrainingStatistics.defaultSampleSize, seed: UInt64 = 0
    ) throws(DataError) -> (statistics: TrainingStatistics, sample: ReferenceSample) {
        let d = data.featureCount
        let runs = try RowSelection(validating: rows ?? [0..<data.count], rowCount: data.count, what: "training statistics")
        let n = runs.count
        guard n > 0 else { throw DataError("training statistics: the data has no rows") }
        guard sampleSize > 0 else { throw DataError("training statistics: the sample size \(sampleSize) is not positive") }
        if let bad = quantileLevels.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw DataError("training statistics: quantile level \(bad) is not in [0, 1]")
        }
        guard data.labels.count == data.count else {
            throw DataError("training statistics: \(data.count) rows but \(data.labels.count) labels")
        }
        let chosen = runs.rows(atPositions: ReservoirSampler.positions(count: n, size: sampleSize, seed: seed))
        let m = chosen.count
        var moments = ColumnMoments(columns: d)
        var sampleValues = [Double](repeating: 0, count: m * d)
        var sampleLabels = [Int](repeating: 0, count: m)
        var classCounts = [Int](repeating: 0, count: data.classCount)
        let slice = RowSelection.sliceRows(features: d, of: T.self)
        var next = 0  // the next sample row to copy
        data.features.withUnsafeBufferPointer { x in
            sampleValues.withUnsafeMutableBufferPointer { sample in
                // Pages are given back behind the pass over spans (short runs share
                // pages); the moments take a group's runs at once, in blocks across runs.
                runs.forEachGroup(of: data.features, maxRows: slice) { group in
                    moments.add(x, runs: group)
                    while next < m, chosen[next] < group[group.count - 1].upperBound {
                        let i = chosen[next]
                        for j in 0..<d { sample[next * d + j] = Double(x[i * d + j]) }
                        next += 1
                    }
                }
            }
        }
        for run in runs.runs {
            for i in run {
                let c = data.labels[i]
                if c >= 0 && c < classCounts.count { classCounts[c] += 1 }
            }
        }
        for (s, i) in chosen.enumerated() { sampleLabels[s] = data.labels[i] }
        let (means, stds) = moments.meanAndStd(data: data.features, runs: runs)
        let quantileRows = ReservoirSampler.positions(count: m, size: quantileSampleSize, seed: seed &+ 1)
        let quantileSample = quantileRows.count == m ? sampleValues
            : quantileRows.flatMap { sampleValues[($0 * d)..<($0 * d + d)] }
        let quantiles = Self.sampleQuantiles(quantileSample, rows: quantileRows.count, columns: d,
                                             levels: quantileLevels)
        let features = (0..<d).map { j in
            Feature(name: j < data.featureNames.count ? data.featureNames[j] : "x\(j)", mean: means[j], std: stds[j],
                    min: moments.minimum[j], max: moments.maximum[j], quantiles: quantiles[j])
        }
        let statistics = TrainingStatistics(rows: n, classCounts: classCounts, quantileLevels: quantileLevels,
                                            features: features)
        let sample = ReferenceSample(featureNames: features.map(\.name), classNames: data.classNames, rows: m,
                                     values: sampleValues, labels: sampleLabels, probabilities: [],
                                     sourceRows: n, seed: seed)
        return (statistics, sample)
    }

    private init(rows: Int, classCounts: [Int], quantileLevels: [Double], features: [Feature]) {
        self.rows = rows
        self.classCounts = classCounts
        self.quantileLevels = quantileLevels
        self.features = features
    }

    /// Each column's quantiles at `levels` (NumPy's linear method) of an m×d
    /// row-major sample: columns gathered 8 at a time (one pass over the rows
    /// per block), then only the needed order statistics selected.
    static func sampleQuantiles(_ sample: [Double], rows m: Int, columns d: Int, levels: [Double]) -> [[Double]] {
        var wanted = Set<Int>()
        for q in levels {
            let position = Double(m - 1) * q
            let lower = Int(position.rounded(.down))
            wanted.insert(lower)
            wanted.insert(Swift.min(lower + 1, m - 1))
        }
        let indices = wanted.sorted()
        let block = 8
        var columns = [Double](repeating: 0, count: block * m)
        var result = [[Double]](repeating: [], count: d)
        sample.withUnsafeBufferPointer { s in
            columns.withUnsafeMutableBufferPointer { c in
                for j0 in stride(from: 0, to: d, by: block) {
                    let width = Swift.min(block, d - j0)
                    for i in 0..<m {
                        for b in 0..<width { c[b * m + i] = s[i * d + j0 + b] }
                    }
                    for b in 0..<width {
                        let column = UnsafeMutableBufferPointer(rebasing: c[(b * m)..<(b * m + m)])
                        OrderStatistics.select(column, wanted: indices)
                        result[j0 + b] = levels.map { q in
                            let position = Double(m - 1) * q
                            let lower = Int(position.rounded(.down))
                            let upper = Swift.min(lower + 1, m - 1)
                            let fraction = position - Double(lower)
                            return column[lower] + fraction * (column[upper] - column[lower])
                        }
                    }
                }
            }
        }
        return result
    }

    /// The q-quantile of ascending `sorted` values by linear interpolation
    /// (NumPy's default method).
    ///
    /// - Precondition: `sorted` is not empty and q is in [0, 1].
    public static func quantile(sorted: [Double], _ q: Double) -> Double {
        let position = Double(sorted.count - 1) * q
        let lower = Int(position.rounded(.down))
        let upper = Swift.min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
