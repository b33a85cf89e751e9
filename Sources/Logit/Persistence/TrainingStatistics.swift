import LogitNumerics

/// What the training data looked like, feature by feature, in original units:
/// the baseline a drift monitor compares new data against.
///
/// Per feature: the mean, the population standard deviation (divided by n, as
/// NumPy's `std`), the minimum and maximum, and quantiles at
/// ``quantileLevels`` by linear interpolation between order statistics
/// (NumPy's default `quantile` method: position (n − 1)·q). Sums are taken in
/// `Double` whatever the data's precision. Also the row count and the rows per
/// class.
public struct TrainingStatistics: Sendable, Codable, Equatable {
    /// The default quantile levels: 0, 1 %, 5 %, 25 %, 50 %, 75 %, 95 %, 99 %, 100 %.
    public static let defaultQuantileLevels: [Double] = [0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1]

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
        /// The value at each of ``TrainingStatistics/quantileLevels``.
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
    ///   - data: the training rows, in original units.
    ///   - quantileLevels: levels in [0, 1] (ascending).
    /// - Throws: ``DataError`` when the data has no rows or a level is outside [0, 1].
    /// - Complexity: O(d · n log n) (each column is sorted once).
    public init<T: LogitScalar>(data: Dataset<T>,
                                quantileLevels: [Double] = TrainingStatistics.defaultQuantileLevels) throws(DataError) {
        let n = data.count, d = data.featureCount
        guard n > 0 else { throw DataError("training statistics: the data has no rows") }
        if let bad = quantileLevels.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw DataError("training statistics: quantile level \(bad) is not in [0, 1]")
        }
        var features = [Feature]()
        features.reserveCapacity(d)
        var column = [Double](repeating: 0, count: n)
        for j in 0..<d {
            data.features.withUnsafeBufferPointer { x in
                for i in 0..<n { column[i] = Double(x[i * d + j]) }
            }
            let mean = column.reduce(0, +) / Double(n)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            column.sort()
            features.append(Feature(name: j < data.featureNames.count ? data.featureNames[j] : "x\(j)",
                                    mean: mean, std: variance.squareRoot(), min: column[0], max: column[n - 1],
                                    quantiles: quantileLevels.map { Self.quantile(sorted: column, $0) }))
        }
        rows = n
        classCounts = data.classCounts
        self.quantileLevels = quantileLevels
        self.features = features
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
