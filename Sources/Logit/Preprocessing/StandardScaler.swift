import LogitNumerics

/// Standardizes features to zero mean and unit variance: x′ = (x − mean) / scale,
/// as scikit-learn's `StandardScaler` (with its defaults) does.
///
/// Fit on the training rows only, then transform training, validation and test
/// rows with the same statistics: the scaler never looks at the data it
/// transforms, so nothing leaks from test data into the model.
///
/// - The mean and the variance are computed in `Double` whatever the data's
///   precision (two passes with a correction term, on each column divided by
///   its largest magnitude so finite data never overflows), and the variance is the
///   population variance (divided by n, not n − 1), as in scikit-learn.
/// - A feature is constant when its variance is within the rounding error of
///   the two-pass algorithm, var ≤ n·ε·var + (n·|mean|·ε)² (scikit-learn's
///   test); its scale is 1, so it transforms to 0, and its index is listed in
///   ``constantFeatures``.
///
/// `Codable` so it can be stored in a model file; decoding checks that the
/// arrays agree in length and that every scale is positive and finite.
public struct StandardScaler: Sendable, Hashable, Codable {
    /// The mean of each feature in the fitted data.
    public private(set) var mean: [Double]
    /// The population variance of each feature in the fitted data.
    public private(set) var variance: [Double]
    /// The divisor of each feature: the standard deviation, or 1 for a constant feature.
    public private(set) var scale: [Double]
    /// The indices of the features found constant (scale 1), ascending.
    public private(set) var constantFeatures: [Int]
    /// The number of rows the scaler was fitted on.
    public private(set) var sampleCount: Int

    /// The number of features, d.
    public var featureCount: Int { mean.count }

    /// Fits the scaler to the rows of `x` (n×d).
    ///
    /// Every column is first divided by its largest magnitude, so the sums and
    /// squares stay within [−2n, 2n] and [0, 4n]: finite data never overflows,
    /// even with values near `Double.greatestFiniteMagnitude`. The mean and
    /// scale are then multiplied back (both stay finite). ``variance`` is the
    /// square of the scale and is `+infinity` only when the standard deviation
    /// itself exceeds √`Double.greatestFiniteMagnitude` ≈ 1.3e154.
    ///
    /// - Throws: ``DataError`` when `x` has no rows, or naming the column and
    ///   the (0-based) row of the first NaN or infinite cell.
    /// - Complexity: three passes over `x`, O(n × d); O(d) extra memory.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func fit<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> StandardScaler {
        try fit(x, rows: .all(x.rows))
    }

    /// Fits the scaler to the selected rows of `x`, reading them in place (no
    /// copy: a split of a memory-mapped file stays a view), as ``fit(_:)``
    /// does on all rows.
    ///
    /// - Throws: ``DataError`` when no row is selected, or naming the column
    ///   and the (0-based) row of `x` of the first NaN or infinite cell.
    /// - Precondition: every selected row is a row of `x`.
    /// - Complexity: three passes over the selected rows, O(m × d).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func fit<T: LogitScalar>(_ x: Matrix<T>, rows: RowSelection) throws(DataError) -> StandardScaler {
        let n = rows.count, d = x.columns
        guard n > 0 else { throw DataError("cannot fit a StandardScaler on 0 rows (shape \(x.shapeDescription))") }
        precondition(rows.upperBound <= x.rows, "row selection reaches past \(x.rows) rows")
        var magnitude = [Double](repeating: 0, count: d)
        var sum = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        var deviations = [Double](repeating: 0, count: d)
        // Pass 1: the largest magnitude per column; a NaN or infinity is an error naming its cell.
        // Each pass walks the rows in slices of about 64 MiB and gives a memory-mapped
        // X's pages back after each, so fitting does not pull the file into RAM.
        let slice = RowSelection.sliceRows(features: d, of: T.self)
        var badCell: (row: Int, column: Int)?
        rows.forEachSlice(of: x, maxRows: slice) { part in
            guard badCell == nil else { return }
            x.withUnsafeBufferPointer { values in
                for i in part where badCell == nil {
                    for j in 0..<d {
                        let value = Double(values[i * d + j])
                        guard value.isFinite else { badCell = (i, j); break }
                        magnitude[j] = Swift.max(magnitude[j], value.magnitude)
                    }
                }
            }
        }
        if let badCell {
            let value = x[badCell.row, badCell.column]
            throw DataError("cannot standardize: row \(badCell.row), column \(badCell.column + 1) is \(value) (shape \(x.shapeDescription)); features must be finite",
                            column: badCell.column + 1)
        }
        // Divide by the power of two at or below the largest magnitude: exact
        // (no rounding), and every scaled value is below 2 in magnitude. A zero
        // column divides by 1: its statistics are exactly 0.
        let divisor = magnitude.map { $0 > 0 ? Double(sign: .plus, exponent: $0.exponent, significand: 1) : 1 }
        let inverse = magnitude.map { $0 > 0 ? Double(sign: .plus, exponent: -$0.exponent, significand: 1) : 1 }
        rows.forEachSlice(of: x, maxRows: slice) { part in
            x.withUnsafeBufferPointer { values in
                for i in part {
                    for j in 0..<d { sum[j] += Double(values[i * d + j]) * inverse[j] }
                }
            }
        }
        let count = Double(n)
        let scaledMean = sum.map { $0 / count }
        rows.forEachSlice(of: x, maxRows: slice) { part in
            x.withUnsafeBufferPointer { values in
                for i in part {
                    for j in 0..<d {
                        let deviation = Double(values[i * d + j]) * inverse[j] - scaledMean[j]
                        squares[j] += deviation * deviation
                        deviations[j] += deviation
                    }
                }
            }
        }
        var mean = [Double](repeating: 0, count: d)
        var variance = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        var constant = [Int]()
        let eps = Double.ulpOfOne
        for j in 0..<d {
            // All in the column's own units (divided by `divisor[j]`), where every value is below 2 in magnitude.
            let v = Swift.max(0, (squares[j] - deviations[j] * deviations[j] / count) / count)
            let m = scaledMean[j]
            mean[j] = m * divisor[j]
            let standardDeviation = v.squareRoot() * divisor[j]
            variance[j] = standardDeviation * standardDeviation
            let bound = count * eps * v + (count * m * eps) * (count * m * eps)
            if v <= bound {
                constant.append(j)
            } else {
                scale[j] = standardDeviation
            }
        }
        return StandardScaler(mean: mean, variance: variance, scale: scale, constantFeatures: constant, sampleCount: n)
    }

    /// The scaler of the rows ``TrainingStatistics`` summarized: their mean and
    /// population standard deviation, computed in the statistics' one pass, so
    /// `logit train` fits no scaler with passes of its own. A feature is
    /// constant by the same test as ``fit(_:rows:)``.
    ///
    /// - Throws: ``DataError`` naming the feature whose standard deviation is
    ///   not finite.
    public init(statistics: TrainingStatistics) throws(DataError) {
        let n = Double(statistics.rows), eps = Double.ulpOfOne
        var mean = [Double](), variance = [Double](), scale = [Double](), constant = [Int]()
        for (j, feature) in statistics.features.enumerated() {
            guard feature.mean.isFinite, feature.std.isFinite else {
                throw DataError("cannot standardize feature '\(feature.name)' (column \(j + 1)): its standard deviation is \(feature.std)",
                                column: j + 1)
            }
            let v = feature.std * feature.std
            mean.append(feature.mean)
            variance.append(v)
            // Relative to the column's magnitude, as fit's test is on the scaled column.
            let magnitude = Swift.max(abs(feature.min), abs(feature.max), .leastNormalMagnitude)
            let relative = feature.std / magnitude, ms = feature.mean / magnitude
            let vs = relative * relative
            if vs <= n * eps * vs + (n * ms * eps) * (n * ms * eps) || feature.std == 0 {
                constant.append(j)
                scale.append(1)
            } else {
                scale.append(feature.std)
            }
        }
        self.init(mean: mean, variance: variance, scale: scale, constantFeatures: constant, sampleCount: statistics.rows)
    }

    private init(mean: [Double], variance: [Double], scale: [Double], constantFeatures: [Int], sampleCount: Int) {
        self.mean = mean
        self.variance = variance
        self.scale = scale
        self.constantFeatures = constantFeatures
        self.sampleCount = sampleCount
    }

    /// (x − mean) / scale for every row of `x`, as a new matrix.
    ///
    /// - Throws: ``DataError`` naming both shapes when `x` has a different
    ///   number of columns than the fitted data.
    /// - Complexity: O(n × d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func transform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        try checkColumns(x)
        return ColumnwiseMap.mapped(x) { value, j in (value - mean[j]) / scale[j] }
    }

    /// Transforms `x` in place (copying it first only if its memory is shared
    /// or read-only).
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func transformInPlace<T: LogitScalar>(_ x: inout Matrix<T>) throws(DataError) {
        try checkColumns(x)
        ColumnwiseMap.mapInPlace(&x) { value, j in (value - mean[j]) / scale[j] }
    }

    /// x · scale + mean: undoes ``transform(_:)``.
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func inverseTransform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        try checkColumns(x)
        var result = x
        ColumnwiseMap.mapInPlace(&result) { value, j in value * scale[j] + mean[j] }
        return result
    }

    private func checkColumns<T>(_ x: Matrix<T>) throws(DataError) {
        guard x.columns == featureCount else {
            throw DataError("StandardScaler was fitted on \(sampleCount)×\(featureCount) data and cannot transform a \(x.shapeDescription) matrix (\(x.columns) columns, expected \(featureCount))")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case mean, variance, scale, constantFeatures, sampleCount
    }

    /// Decodes a scaler, checking that it is usable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mean = try container.decode([Double].self, forKey: .mean)
        variance = try container.decode([Double].self, forKey: .variance)
        scale = try container.decode([Double].self, forKey: .scale)
        constantFeatures = try container.decode([Int].self, forKey: .constantFeatures)
        sampleCount = try container.decode(Int.self, forKey: .sampleCount)
        guard variance.count == mean.count, scale.count == mean.count,
              scale.allSatisfy({ $0.isFinite && $0 > 0 }), mean.allSatisfy(\.isFinite),
              constantFeatures.allSatisfy({ $0 >= 0 && $0 < mean.count }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "StandardScaler: mean, variance and scale must have equal lengths, finite means and positive finite scales"))
        }
    }
}
