/// Counts of (true class, predicted class) pairs: row i is true class
/// `labels[i]`, column j predicted class `labels[j]` (scikit-learn's
/// `confusion_matrix` layout).
public struct ConfusionMatrix: Sendable, Hashable, Codable {
    /// The class of each row and column, in order.
    public var labels: [Int]
    /// `counts[i][j]`: samples of true class `labels[i]` predicted as `labels[j]`.
    public var counts: [[Int]]

    /// Counts the pairs in `trueLabels` and `predictedLabels`.
    ///
    /// - Parameters:
    ///   - trueLabels: the true class index of each sample (the rows).
    ///   - predictedLabels: the predicted class index of each sample (the columns), as
    ///     many as `trueLabels`.
    ///   - classes: the classes to list, in order; nil lists every class
    ///     that occurs in `trueLabels` or `predictedLabels`, ascending. As in scikit-learn,
    ///     samples whose true or predicted class is not listed are left out.
    /// - Throws: ``DataError`` for empty input, unequal lengths, negative
    ///   labels, an empty or repeating `labels`, or `labels` that contain none
    ///   of the true classes.
    /// - Complexity: O(n + k²).
    public init(trueLabels: [Int], predictedLabels: [Int], classes listed: [Int]? = nil) throws(DataError) {
        try MetricInput.checkLabels(trueLabels, predictedLabels, "confusion matrix")
        let classes = listed ?? Array(Set(trueLabels).union(predictedLabels)).sorted()
        guard !classes.isEmpty else { throw DataError("confusion matrix: the list of labels is empty") }
        guard Set(classes).count == classes.count else {
            throw DataError("confusion matrix: the list of labels \(classes) repeats a label")
        }
        var position = [Int: Int]()
        for (i, label) in classes.enumerated() { position[label] = i }
        guard trueLabels.contains(where: { position[$0] != nil }) else {
            throw DataError("confusion matrix: none of the labels \(classes) occurs among the true labels")
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: classes.count)
        for (t, p) in zip(trueLabels, predictedLabels) {
            if let i = position[t], let j = position[p] { counts[i][j] += 1 }
        }
        self.labels = classes
        self.counts = counts
    }

    /// The number of classes listed, k.
    public var classCount: Int { labels.count }
    /// The number of samples counted.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// Correct predictions of each class (the diagonal).
    public var truePositives: [Int] { labels.indices.map { counts[$0][$0] } }
    /// Samples of each true class (row sums).
    public var support: [Int] { counts.map { $0.reduce(0, +) } }
    /// Samples predicted as each class (column sums).
    public var predictedCounts: [Int] { labels.indices.map { j in counts.reduce(0) { $0 + $1[j] } } }

    /// The count for true class position `actual` and predicted class position
    /// `predicted` (positions in ``labels``).
    public subscript(actual: Int, predicted: Int) -> Int { counts[actual][predicted] }
}

extension ConfusionMatrix: CustomStringConvertible {
    /// A text table: one row per true class, one column per predicted class.
    public var description: String {
        let width = max(counts.flatMap { $0 }.map { String($0).count }.max() ?? 1,
                        labels.map { String($0).count }.max() ?? 1)
        func pad(_ s: String) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
        let header = "true\\pred " + labels.map { pad(String($0)) }.joined(separator: " ")
        let rows = labels.indices.map { i in
            String(repeating: " ", count: max(0, 9 - String(labels[i]).count)) + String(labels[i]) + " "
                + counts[i].map { pad(String($0)) }.joined(separator: " ")
        }
        return ([header] + rows).joined(separator: "\n")
    }
}
