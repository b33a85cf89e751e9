/// The one place to score predictions: `Metrics(trueLabels:predictedLabels:)`
/// for accuracy, precision, recall and F1, and the static functions
/// ``accuracy(trueLabels:predictedLabels:)``,
/// ``logLoss(trueLabels:probabilities:sampleWeights:normalize:)``,
/// ``rocAUC(trueLabels:scores:average:)`` and ``rocCurve(trueLabels:scores:positiveClass:)``.
/// Every one takes the true class indices first as `trueLabels:`, then what
/// the model produced (`predictedLabels:`, `probabilities:` or `scores:`).
///
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

    /// Scores the predictions `predictedLabels` against `trueLabels`.
    ///
    /// - Parameters:
    ///   - trueLabels: the true class index of each sample.
    ///   - predictedLabels: the predicted class index of each sample, as many as `trueLabels`.
    ///   - classes: the classes to score, in order; nil scores every
    ///     class that occurs in `trueLabels` or `predictedLabels`, ascending (scikit-learn's
    ///     default). Pass `Array(0..<k)` to score all k classes of a data set
    ///     even if some are absent from this sample.
    /// - Throws: ``DataError`` for empty input, unequal lengths, negative labels,
    ///   or an empty or repeating `classes`.
    /// - Complexity: O(n + k).
    public init(trueLabels: [Int], predictedLabels: [Int], classes listed: [Int]? = nil) throws(DataError) {
        try MetricInput.checkLabels(trueLabels, predictedLabels, "metrics")
        let present = Set(trueLabels).union(predictedLabels)
        let classes = listed ?? present.sorted()
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
        for (t, p) in zip(trueLabels, predictedLabels) {
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
        self.accuracy = Double(correct) / Double(trueLabels.count)
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
    public static func accuracy(trueLabels: [Int], predictedLabels: [Int]) throws(DataError) -> Double {
        try MetricInput.checkLabels(trueLabels, predictedLabels, "accuracy")
        let correct = zip(trueLabels, predictedLabels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(correct) / Double(trueLabels.count)
    }
}

extension Metrics {
    /// The mean cross-entropy of an n×k probability matrix (column c is the
    /// probability of class c; a single column is the probability of class 1),
    /// as scikit-learn's `log_loss`: −(1/Σw) Σᵢ wᵢ·log pᵢ,yᵢ, with probabilities
    /// clipped to [ε, 1 − ε] (ε the machine epsilon of `T`), logs and sums in `Double`.
    ///
    /// - Parameters:
    ///   - trueLabels: the true class index of each sample.
    ///   - probabilities: one row per sample (k columns, or 1 for binary).
    ///   - sampleWeights: one non-negative weight per sample, or nil for 1 each.
    ///   - normalize: true for the weighted mean, false for the weighted sum.
    /// - Throws: ``DataError`` for empty input, a row count different from the
    ///   label count, a label without a column, a probability outside [0, 1] or
    ///   NaN, or bad weights.
    /// - Complexity: O(n·k).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func logLoss<T: LogitScalar>(trueLabels: [Int], probabilities: Matrix<T>,
                                               sampleWeights: [Double]? = nil,
                                               normalize: Bool = true) throws(DataError) -> Double {
        try LogLoss.compute(trueLabels: trueLabels, probabilities: probabilities, sampleWeight: sampleWeights,
                            normalize: normalize)
    }

    /// The mean cross-entropy of binary predictions: `positiveProbabilities[i]`
    /// is the probability that sample i is of class 1; `trueLabels` hold 0 and 1.
    ///
    /// - Throws: as ``logLoss(trueLabels:probabilities:sampleWeights:normalize:)``,
    ///   and for a label other than 0 or 1.
    /// - Complexity: O(n).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func logLoss<T: LogitScalar>(trueLabels: [Int], positiveProbabilities: [T],
                                               sampleWeights: [Double]? = nil,
                                               normalize: Bool = true) throws(DataError) -> Double {
        try LogLoss.compute(trueLabels: trueLabels, positiveProbabilities: positiveProbabilities,
                            sampleWeight: sampleWeights, normalize: normalize)
    }

    /// The area under the ROC curve of binary scores (higher means more likely
    /// `positiveClass`), as scikit-learn's `roc_auc_score`; ties count one half.
    ///
    /// - Throws: ``DataError`` for empty input, unequal lengths, a NaN score,
    ///   or labels holding only one side.
    /// - Complexity: O(n log n).
    public static func rocAUC<S: BinaryFloatingPoint>(trueLabels: [Int], scores: [S],
                                                     positiveClass: Int = 1) throws(DataError) -> Double {
        try ROCAUC.binary(trueLabels: trueLabels, scores: scores, positiveClass: positiveClass)
    }

    /// The one-vs-rest ROC AUC of n×k scores (one column per class, e.g.
    /// probabilities): the area of column c against "true class is c" for
    /// every class c, averaged as `average` says (scikit-learn's
    /// `multi_class="ovr"`). Rows need not sum to 1.
    ///
    /// - Throws: ``DataError`` for empty input, a row count different from the
    ///   label count, a label outside `0..<k`, a NaN score, or a class that
    ///   never occurs (or is the only one).
    /// - Complexity: O(k·n log n).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func rocAUC<T: LogitScalar>(trueLabels: [Int], scores: Matrix<T>,
                                              average: ROCAUC.Average = .macro) throws(DataError) -> Double {
        return try ROCAUC.oneVsRest(trueLabels: trueLabels, scores: scores, average: average)
    }

    /// The ROC curve of binary scores: false- and true-positive rates at every
    /// distinct threshold, from (0, 0) at +∞ down, as scikit-learn's `roc_curve`
    /// with `drop_intermediate=False`.
    ///
    /// - Throws: as ``rocAUC(trueLabels:scores:positiveClass:)``.
    /// - Complexity: O(n log n).
    public static func rocCurve<S: BinaryFloatingPoint>(trueLabels: [Int], scores: [S],
                                                       positiveClass: Int = 1) throws(DataError) -> ROCAUC.Curve {
        try ROCAUC.curve(trueLabels: trueLabels, scores: scores, positiveClass: positiveClass)
    }
}
