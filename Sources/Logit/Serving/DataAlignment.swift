import LogitNumerics

/// Matches a labelled data set to a model's (or a training set's) features and
/// classes by name, so that evaluation and test files need not list their
/// columns in the same order, and class c means the same class everywhere.
/// Shared by `logit` (evaluate, predict, train) and the service's request rows.
public enum DataAlignment {
    /// `data` with its columns in the order of `featureNames` and its labels
    /// re-indexed to `classNames`.
    ///
    /// Columns are matched by name; when either side has no real names (the
    /// generated `x0, x1, …` of .npy data) they are matched by position.
    /// Extra columns are ignored.
    ///
    /// - Throws: `DataError` naming `source` when a feature is missing, the
    ///   counts differ, or a class is not one of `classNames`.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func align<T: LogitScalar>(_ data: Dataset<T>, featureNames: [String], classNames: [String],
                                             source: String) throws -> Dataset<T> {
        let columns = try columnIndices(available: data.featureNames, wanted: featureNames, source: source)
        var index = [String: Int]()
        for (c, name) in classNames.enumerated() { index[name] = c }
        var classOf = [Int]()
        for name in data.classNames {
            guard let c = index[name] else {
                throw DataError("class '\(name)' is not one of the model's classes (\(classNames.joined(separator: ", ")))",
                                file: source)
            }
            classOf.append(c)
        }
        let features: Matrix<T>
        if columns == Array(0..<data.featureCount) {
            features = data.features
        } else {
            features = Matrix(rows: data.count, columns: columns.count) { i, j in data.features[i, columns[j]] }
        }
        return try Dataset(features: features, labels: data.labels.map { classOf[$0] }, featureNames: featureNames,
                           classNames: classNames)
    }

    /// For each wanted feature, the index of its column among `available`.
    ///
    /// - Throws: `DataError` naming `source`.
    ///
    /// - Complexity: O(available + wanted).
    public static func columnIndices(available: [String], wanted: [String], source: String) throws -> [Int] {
        if available == wanted { return Array(wanted.indices) }
        if isGenerated(available) || isGenerated(wanted) {
            guard available.count == wanted.count else {
                throw DataError("the model has \(wanted.count) features (\(wanted.joined(separator: ", "))) but the data has \(available.count) columns",
                                file: source)
            }
            return Array(wanted.indices)
        }
        var position = [String: Int]()
        for (j, name) in available.enumerated() where position[name] == nil { position[name] = j }
        let missing = wanted.filter { position[$0] == nil }
        guard missing.isEmpty else {
            throw DataError("the data has no column \(missing.map { "'\($0)'" }.joined(separator: ", ")); the model's \(wanted.count) features are \(wanted.joined(separator: ", ")), the data's columns are \(available.joined(separator: ", "))",
                            file: source)
        }
        return wanted.map { position[$0]! }
    }

    /// Whether the names are the generated `x0, x1, …`.
    public static func isGenerated(_ names: [String]) -> Bool {
        names.enumerated().allSatisfy { $1 == "x\($0)" }
    }
}
