import LogitNumerics

/// A labelled data set: an n×d feature matrix, one class index per row, and the
/// names of the features and classes.
///
/// Class indices run over `0..<classNames.count`; loaders assign them in a
/// stable, documented order (see ``CSVLoader``).
public struct Dataset<Scalar: LogitScalar>: Sendable {
    /// The features, one row per sample (n×d).
    public var features: Matrix<Scalar> {
        didSet { featuresAreKnownFinite = false }
    }
    /// Whether a loader has scanned every value of ``features`` and found no
    /// NaN or ±∞ since they were last set, so ``LogisticRegression`` need not
    /// read them again for it (a whole pass over X; any change to `features`,
    /// in place or whole, clears it).
    var featuresAreKnownFinite = false
    /// The class index of each row, in `0..<classNames.count`.
    public var labels: [Int]
    /// The name of each feature column (d names).
    public var featureNames: [String]
    /// The name of each class; `classNames[labels[i]]` is row i's class.
    public var classNames: [String]
    /// The column the labels came from (a CSV header name), when they came from one.
    public var labelColumn: String?
    /// Where each row is in its source, as the user counts it (the 1-based
    /// line of a CSV file), or nil when the row index itself is that (a .npy
    /// row index, generated data). ``subset(_:)`` keeps it, so a message
    /// about a row of a split or fold can still name its line in the file.
    public var sourceLines: [Int]?

    /// How the user finds row `i` of this data set: `line L` when
    /// ``sourceLines`` is known, otherwise `row i` (0-based).
    public func rowDescription(_ i: Int) -> String {
        if let sourceLines, i >= 0, i < sourceLines.count { return "line \(sourceLines[i])" }
        return "row \(i)"
    }

    /// A data set after checking that the parts fit together.
    ///
    /// - Throws: ``DataError`` when the label count differs from the row count,
    ///   a label is outside `0..<classNames.count`, or the number of feature
    ///   names differs from the number of columns.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public init(features: Matrix<Scalar>, labels: [Int], featureNames: [String]? = nil,
                classNames: [String]) throws(DataError) {
        guard labels.count == features.rows else {
            throw DataError("\(labels.count) labels for \(features.rows) rows of features (shape \(features.shapeDescription))")
        }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= classNames.count }) {
            throw DataError("label \(labels[bad]) of row \(bad) is outside 0..<\(classNames.count) (classes: \(classNames.joined(separator: ", ")))")
        }
        let names = featureNames ?? (0..<features.columns).map { "x\($0)" }
        guard names.count == features.columns else {
            throw DataError("\(names.count) feature names for \(features.columns) columns")
        }
        self.features = features
        self.labels = labels
        self.featureNames = names
        self.classNames = classNames
    }

    /// The number of rows (samples), n.
    public var count: Int { features.rows }
    /// The number of features, d.
    public var featureCount: Int { features.columns }
    /// The number of classes, k.
    public var classCount: Int { classNames.count }

    /// How many rows each class has.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// The rows at `indices`, in that order (a copy).
    ///
    /// - Precondition: every index is in `0..<count`.
    /// - Complexity: O(indices.count × d).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func subset(_ indices: [Int]) -> Dataset {
        let d = featureCount
        var rows = Matrix<Scalar>(rows: indices.count, columns: d)
        features.withUnsafeBufferPointer { source in
            rows.withUnsafeMutableBufferPointer { target in
                for (r, i) in indices.enumerated() {
                    precondition(i >= 0 && i < count, "row \(i) out of range for \(count) rows")
                    for j in 0..<d { target[r * d + j] = source[i * d + j] }
                }
            }
        }
        var result = try! Dataset(features: rows, labels: indices.map { labels[$0] },
                                  featureNames: featureNames, classNames: classNames)
        result.labelColumn = labelColumn
        result.sourceLines = sourceLines.map { lines in indices.map { lines[$0] } }
        return result
    }

    /// The same data in another precision.
    @_specialize(where Scalar == Float, Other == Double)
    @_specialize(where Scalar == Double, Other == Float)
    @_specialize(where Scalar == Float, Other == Float)
    @_specialize(where Scalar == Double, Other == Double)
    public func converted<Other: LogitScalar>(to: Other.Type) -> Dataset<Other> {
        let matrix = try! Matrix<Other>(rows: count, columns: featureCount,
                                        elements: features.elements.map { Other($0) })
        var result = try! Dataset<Other>(features: matrix, labels: labels, featureNames: featureNames,
                                         classNames: classNames)
        result.labelColumn = labelColumn
        result.sourceLines = sourceLines
        return result
    }
}
