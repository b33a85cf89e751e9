import LogitNumerics

/// Rescales each feature linearly so that its fitted minimum and maximum map to
/// the ends of a range (default [0, 1]): x′ = x · scale + offset with
/// scale = (high − low) / (max − min) and offset = low − min · scale, as
/// scikit-learn's `MinMaxScaler` does (without clipping).
///
/// Fit on training rows only; rows transformed later may fall outside the
/// range, which is what keeps test data from leaking into the fit.
///
/// A feature is constant when max − min < 10·ε of the data's precision
/// (scikit-learn's test); its range is taken as 1, so it maps to
/// `low + (x − min)`, which is `low` for the fitted value, and its index is
/// listed in ``constantFeatures``.
///
/// `Codable` for model files; decoding checks the arrays.
public struct MinMaxScaler: Sendable, Hashable, Codable {
    /// The low end of the target range.
    public private(set) var rangeLow: Double
    /// The high end of the target range.
    public private(set) var rangeHigh: Double
    /// The minimum of each feature in the fitted data.
    public private(set) var dataMin: [Double]
    /// The maximum of each feature in the fitted data.
    public private(set) var dataMax: [Double]
    /// The factor applied to each feature.
    public private(set) var scale: [Double]
    /// The offset added to each feature after scaling.
    public private(set) var offset: [Double]
    /// The indices of the features found constant, ascending.
    public private(set) var constantFeatures: [Int]
    /// The number of rows the scaler was fitted on.
    public private(set) var sampleCount: Int

    /// The number of features, d.
    public var featureCount: Int { dataMin.count }

    /// Fits the scaler to the rows of `x` (n×d), mapping each feature's range
    /// onto `range`.
    ///
    /// - Throws: ``DataError`` when `x` has no rows, holds NaN or infinity, or
    ///   `range` is empty or not finite.
    /// - Complexity: one pass over `x`, O(n × d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func fit<T: LogitScalar>(_ x: Matrix<T>, range: ClosedRange<Double> = 0...1) throws(DataError) -> MinMaxScaler {
        let n = x.rows, d = x.columns
        guard n > 0 else { throw DataError("cannot fit a MinMaxScaler on 0 rows (shape \(x.shapeDescription))") }
        guard range.lowerBound < range.upperBound, range.lowerBound.isFinite, range.upperBound.isFinite else {
            throw DataError("the MinMaxScaler range must be finite with low < high, not \(range)")
        }
        var low = [T](repeating: 0, count: d), high = [T](repeating: 0, count: d)
        var bad: Int?
        x.withUnsafeBufferPointer { values in
            for j in 0..<d {
                low[j] = values[j]
                high[j] = values[j]
            }
            for i in 0..<n {
                for j in 0..<d {
                    let v = values[i * d + j]
                    if v < low[j] { low[j] = v }
                    if v > high[j] { high[j] = v }
                    if !v.isFinite && bad == nil { bad = j }
                }
            }
        }
        if let bad {
            throw DataError("column \(bad + 1) holds NaN or infinity (shape \(x.shapeDescription))", column: bad + 1)
        }
        let dataMin = low.map(Double.init), dataMax = high.map(Double.init)
        var scale = [Double](repeating: 0, count: d), offset = [Double](repeating: 0, count: d)
        var constant = [Int]()
        let threshold = 10 * Double(T.ulpOfOne)
        for j in 0..<d {
            var width = dataMax[j] - dataMin[j]
            if width < threshold {
                constant.append(j)
                width = 1
            }
            scale[j] = (range.upperBound - range.lowerBound) / width
            offset[j] = range.lowerBound - dataMin[j] * scale[j]
        }
        return MinMaxScaler(rangeLow: range.lowerBound, rangeHigh: range.upperBound, dataMin: dataMin, dataMax: dataMax,
                            scale: scale, offset: offset, constantFeatures: constant, sampleCount: n)
    }

    private init(rangeLow: Double, rangeHigh: Double, dataMin: [Double], dataMax: [Double], scale: [Double],
                 offset: [Double], constantFeatures: [Int], sampleCount: Int) {
        self.rangeLow = rangeLow
        self.rangeHigh = rangeHigh
        self.dataMin = dataMin
        self.dataMax = dataMax
        self.scale = scale
        self.offset = offset
        self.constantFeatures = constantFeatures
        self.sampleCount = sampleCount
    }

    /// x · scale + offset for every row of `x`, as a new matrix.
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    /// - Complexity: O(n × d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func transform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        try checkColumns(x)
        return ColumnwiseMap.mapped(x) { value, j in value * scale[j] + offset[j] }
    }

    /// Transforms `x` in place (copying it first only if its memory is shared
    /// or read-only).
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func transformInPlace<T: LogitScalar>(_ x: inout Matrix<T>) throws(DataError) {
        try checkColumns(x)
        ColumnwiseMap.mapInPlace(&x) { value, j in value * scale[j] + offset[j] }
    }

    /// (x − offset) / scale: undoes ``transform(_:)``.
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func inverseTransform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        try checkColumns(x)
        var result = x
        ColumnwiseMap.mapInPlace(&result) { value, j in (value - offset[j]) / scale[j] }
        return result
    }

    private func checkColumns<T>(_ x: Matrix<T>) throws(DataError) {
        guard x.columns == featureCount else {
            throw DataError("MinMaxScaler was fitted on \(sampleCount)×\(featureCount) data and cannot transform a \(x.shapeDescription) matrix (\(x.columns) columns, expected \(featureCount))")
        }
    }

    private enum CodingKeys: String, CodingKey {
        case rangeLow, rangeHigh, dataMin, dataMax, scale, offset, constantFeatures, sampleCount
    }

    /// Decodes a scaler, checking that it is usable.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rangeLow = try c.decode(Double.self, forKey: .rangeLow)
        rangeHigh = try c.decode(Double.self, forKey: .rangeHigh)
        dataMin = try c.decode([Double].self, forKey: .dataMin)
        dataMax = try c.decode([Double].self, forKey: .dataMax)
        scale = try c.decode([Double].self, forKey: .scale)
        offset = try c.decode([Double].self, forKey: .offset)
        constantFeatures = try c.decode([Int].self, forKey: .constantFeatures)
        sampleCount = try c.decode(Int.self, forKey: .sampleCount)
        let d = dataMin.count
        guard dataMax.count == d, scale.count == d, offset.count == d,
              scale.allSatisfy({ $0.isFinite && $0 != 0 }), offset.allSatisfy(\.isFinite),
              constantFeatures.allSatisfy({ $0 >= 0 && $0 < d }) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "MinMaxScaler: arrays must have equal lengths, finite non-zero scales and finite offsets"))
        }
    }
}
