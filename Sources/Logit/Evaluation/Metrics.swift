/// Accuracy, and precision, recall and F1 for each class with their micro,
/// macro and weighted averages, as scikit-learn's
/// `precision_recall_fscore_support` computes them with `zero_division=0`.
///
/// For class c, with tp correct predictions of c, `predicted` predictions of c
/// and `support` true samples of c:
/// - precision = tp / predicted, or 0 when c is never predicted;
/// - recall = tp / support, or 0 when c never occurs;
/// - F1 = 2·tp / (predicted + support), or 0 when both are 0.
///
/// Macro averages are plain means over the listed classes, weighted averages
/// are weighted by support (0 when the total support is 0), and micro
/// averages pool the counts of the listed classes. When the listed classes
/// include every class that occurs, micro precision = recall = F1 = accuracy.
public struct Metrics: Sendable, Hashable, Codable {
    /// An average of precision, recall and F1 over the classes.
    public struct Average: Sendable, Hashable, Codable {
        /// Averaged precision.
        public var precision: Double
        /// Averaged recall.
        public var recall: Double
        /// Averaged F1.
        public var f1: Double
        /// Total support of the classes averaged over.
        public var support: Int
    }

    /// The classes scored, in order; the per-class arrays follow this order.
    public var labels: [Int]
    /// Precision of each class.
    public var precision: [Double]
    /// Recall of each class.
    public var recall: [Double]
    /// F1 of each class.
    public var f1: [Double]
    /// The number of true samples of each class.
    public var support: [Int]
    /// The fraction of all samples predicted correctly.
    public var accuracy: Double
    /// Pooled counts over the listed classes.
    public var micro: Average
    /// Unweighted mean over the listed classes.
    public var macro: Average
    /// Support-weighted mean over the listed classes.
    public var weighted: Average
    /// Whether every class occurring in the true labels or the predictions is
    /// listed (then ``micro`` equals ``accuracy``).
    public var labelsCoverAllClasses: Bool

    /// Scores the predictions `yPred` against `yTrue`.
    ///
    /// - Parameters:
    ///   - yTrue: the true class index of each sample.
    ///   - yPred: the predicted class index of each sample, as many as `yTrue`.
    ///   - labels: the classes to score, in order; nil scores every
    ///     class that occurs in `yTrue` or `yPred`, ascending (scikit-learn's
    ///     default). Pass `Array(0..<k)` to score all k classes of a data set
    ///     even if some are absent from this sample.
    /// - Throws: ``DataError`` for empty input, unequal lengths, negative labels,
    ///   or an empty or repeating `labels`.
    /// - Complexity: O(n + k).
    public init(yTrue: [Int], yPred: [Int], labels: [Int]? = nil) throws(DataError) {
        try MetricInput.checkLabels(yTrue, yPred, "metrics")
        let present = Set(yTrue).union(yPred)
        let classes = labels ?? present.sorted()
        guard !classes.isEmpty else { throw DataError("metrics: the list of labels is empty") }
        guard Set(classes).count == classes.count else {
            throw DataError("metrics: the list of labels \(classes) repeats a label")
        }
        if let bad = classes.first(where: { $0 < 0 }) {
            throw DataError("metrics: label \(bad) in the list of labels is negative")
        }
        let size = max(classes.max()!, present.max()!) + 1
        var tp = [Int](repeating: 0, count: size)
        var predicted = [Int](repeating: 0, count: size)
        var actual = [Int](repeating: 0, count: size)
        var correct = 0
        for (t, p) in zip(yTrue, yPred) {
            actual[t] += 1
            predicted[p] += 1
            if t == p {
                tp[t] += 1
                correct += 1
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 0 }
        let precision = classes.map { ratio(tp[$0], predicted[$0]) }
        let recall = classes.map { ratio(tp[$0], actual[$0]) }
        let f1 = classes.map { ratio(2 * tp[$0], predicted[$0] + actual[$0]) }
        let support = classes.map { actual[$0] }
        let totalSupport = support.reduce(0, +)
        let k = Double(classes.count)
        func weightedMean(_ values: [Double]) -> Double {
            guard totalSupport > 0 else { return 0 }
            return zip(values, support).reduce(0) { $0 + $1.0 * Double($1.1) } / Double(totalSupport)
        }
        let tpSum = classes.reduce(0) { $0 + tp[$1] }
        let predictedSum = classes.reduce(0) { $0 + predicted[$1] }

        self.labels = classes
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
        self.accuracy = Double(correct) / Double(yTrue.count)
        self.labelsCoverAllClasses = present.isSubset(of: classes)
        self.macro = Average(precision: precision.reduce(0, +) / k, recall: recall.reduce(0, +) / k,
                             f1: f1.reduce(0, +) / k, support: totalSupport)
        self.weighted = Average(precision: weightedMean(precision), recall: weightedMean(recall),
                                f1: weightedMean(f1), support: totalSupport)
        self.micro = Average(precision: ratio(tpSum, predictedSum), recall: ratio(tpSum, totalSupport),
                             f1: ratio(2 * tpSum, predictedSum + totalSupport), support: totalSupport)
    }

    /// The fraction of samples whose prediction equals the true label.
    ///
    /// - Throws: ``DataError`` for empty input, unequal lengths or negative labels.
    /// - Complexity: O(n).
    public static func accuracy(yTrue: [Int], yPred: [Int]) throws(DataError) -> Double {
        try MetricInput.checkLabels(yTrue, yPred, "accuracy")
        let correct = zip(yTrue, yPred).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(yTrue.count)
    }
}
