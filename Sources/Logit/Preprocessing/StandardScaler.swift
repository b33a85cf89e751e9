import LogitNumerics

/// Standardizes features to zero mean and unit variance: x′ = (x − mean) / scale,
/// as scikit-learn's `StandardScaler` (with its defaults) does.
///
/// Fit on the training rows only, then transform training, validation and test
/// rows with the same statistics: the scaler never looks at the data it
/// transforms, so nothing leaks from test data into the model.
///
/// - The mean and the variance are computed in `Double` whatever the data's
///   precision (two passes with a correction term), and the variance is the
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
    /// - Throws: ``DataError`` when `x` has no rows, or a column holds NaN,
    ///   infinity or values whose sum overflows.
    /// - Complexity: two passes over `x`, O(n × d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func fit<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> StandardScaler {
        try fit(x, rows: .all(x.rows))
    }

    /// Fits the scaler to the selected rows of `x`, reading them in place (no
    /// copy of the rows: a split of a memory-mapped file stays a view).
    ///
    /// - Throws: ``DataError`` when no row is selected, or a column holds NaN,
    ///   infinity or values whose sum overflows.
    /// - Precondition: every selected row is a row of `x`.
    /// - Complexity: two passes over the selected rows, O(m × d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func fit<T: LogitScalar>(_ x: Matrix<T>, rows: RowSelection) throws(DataError) -> StandardScaler {
        let n = rows.count, d = x.columns
        guard n > 0 else { throw DataError("cannot fit a StandardScaler on 0 rows (shape \(x.shapeDescription))") }
        precondition(rows.upperBound <= x.rows, "row selection reaches past \(x.rows) rows")
        var sum = [Double](repeating: 0, count: d)
        var squares = [Double](repeating: 0, count: d)
        var deviations = [Double](repeating: 0, count: d)
        x.withUnsafeBufferPointer { values in
            sum.withUnsafeMutableBufferPointer { sum in
                for run in rows.runs {
                    for i in run {
                        for j in 0..<d { sum[j] += Double(values[i * d + j]) }
                    }
                }
            }
        }
        if let bad = sum.firstIndex(where: { !$0.isFinite }) {
            throw DataError("column \(bad + 1) holds NaN, infinity or values too large to average (shape \(x.shapeDescription))",
                            column: bad + 1)
        }
        let count = Double(n)
        let mean = sum.map { $0 / count }
        x.withUnsafeBufferPointer { values in
            squares.withUnsafeMutableBufferPointer { squares in
                deviations.withUnsafeMutableBufferPointer { deviations in
                    for run in rows.runs {
                        for i in run {
                            for j in 0..<d {
                                let deviation = Double(values[i * d + j]) - mean[j]
                                squares[j] += deviation * deviation
                                deviations[j] += deviation
                            }
                        }
                    }
                }
            }
        }
        var variance = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        var constant = [Int]()
        let eps = Double.ulpOfOne
        for j in 0..<d {
            let v = max(0, (squares[j] - deviations[j] * deviations[j] / count) / count)
            variance[j] = v
            let bound = count * eps * v + (count * mean[j] * eps) * (count * mean[j] * eps)
            if v <= bound {
                constant.append(j)
            } else {
                scale[j] = v.squareRoot()
            }
        }
        return StandardScaler(mean: mean, variance: variance, scale: scale, constantFeatures: constant, sampleCount: n)
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
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func transform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        try checkColumns(x)
        return ColumnwiseMap.mapped(x) { value, j in (value - mean[j]) / scale[j] }
    }

    /// Transforms `x` in place (copying it first only if its memory is shared
    /// or read-only).
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func transformInPlace<T: LogitScalar>(_ x: inout Matrix<T>) throws(DataError) {
        try checkColumns(x)
        ColumnwiseMap.mapInPlace(&x) { value, j in (value - mean[j]) / scale[j] }
    }

    /// x · scale + mean: undoes ``transform(_:)``.
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
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
