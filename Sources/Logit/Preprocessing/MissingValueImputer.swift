/// Fills missing values (NaN) in each feature with a statistic of the
/// training rows, as scikit-learn's `SimpleImputer(strategy="mean"|"median")`:
/// fitted on the training rows only, stored in the model file, and applied
/// with the same values to every row the model later sees.
///
/// A loader marks a missing cell as NaN only when asked to (see
/// ``CSVLoader/missingValues``); by default a missing cell is a located error.
public struct MissingValueImputer: Sendable, Hashable, Codable {
    /// How the fill value of a feature is computed from its present values.
    public enum Strategy: String, Sendable, Hashable, Codable, CaseIterable {
        /// The mean of the present values.
        case mean
        /// The median of the present values (the mean of the two middle ones
        /// for an even count, as NumPy's `median`).
        case median
    }

    /// The strategy it was fitted with.
    public private(set) var strategy: Strategy
    /// The fill value of each feature (in original units).
    public private(set) var fillValues: [Double]
    /// How many values were missing in each feature of the fitted rows.
    public private(set) var missingCounts: [Int]

    /// The number of features, d.
    public var featureCount: Int { fillValues.count }

    /// Fits fill values to the rows of `x` (n×d), NaN meaning missing.
    ///
    /// - Throws: ``DataError`` naming the column when a feature has no present
    ///   value, or holds an infinity.
    /// - Complexity: O(n·d) for the mean; O(n·d·log n) for the median.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public static func fit<T: LogitScalar>(_ x: Matrix<T>, strategy: Strategy,
                                           featureNames: [String]? = nil) throws(DataError) -> MissingValueImputer {
        let n = x.rows, d = x.columns
        var fill = [Double](repeating: 0, count: d), missing = [Int](repeating: 0, count: d)
        var column = [Double]()
        column.reserveCapacity(n)
        for j in 0..<d {
            column.removeAll(keepingCapacity: true)
            var bad = false
            x.withUnsafeBufferPointer { values in
                for i in 0..<n {
                    let v = Double(values[i * d + j])
                    if v.isNaN { missing[j] += 1 } else if v.isInfinite { bad = true } else { column.append(v) }
                }
            }
            let name = featureNames.map { "'\($0[j])'" } ?? "\(j + 1)"
            if bad { throw DataError("column \(name) holds an infinity; only missing values (NaN) are imputed", column: j + 1) }
            guard !column.isEmpty else {
                throw DataError("column \(name) has no value in the \(n) training rows: nothing to impute from", column: j + 1)
            }
            switch strategy {
            case .mean:
                fill[j] = column.reduce(0, +) / Double(column.count)
            case .median:
                column.sort()
                let m = column.count / 2
                fill[j] = column.count % 2 == 1 ? column[m] : (column[m - 1] + column[m]) / 2
            }
        }
        return MissingValueImputer(strategy: strategy, fillValues: fill, missingCounts: missing)
    }

    /// `x` with every NaN replaced by its feature's fill value.
    ///
    /// - Throws: ``DataError`` naming both shapes on a column-count mismatch.
    /// - Complexity: O(n·d).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func transform<T: LogitScalar>(_ x: Matrix<T>) throws(DataError) -> Matrix<T> {
        guard x.columns == featureCount else {
            throw DataError("the imputer was fitted on \(featureCount) features but the data is \(x.shapeDescription)")
        }
        var result = x
        let d = featureCount
        let fill = fillValues.map { T($0) }
        result.withUnsafeMutableBufferPointer { values in
            for index in 0..<values.count where values[index].isNaN { values[index] = fill[index % d] }
        }
        return result
    }
}
