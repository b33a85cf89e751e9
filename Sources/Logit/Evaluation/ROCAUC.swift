import LogitNumerics

/// The receiver operating characteristic: the curve of true-positive rate
/// against false-positive rate as the decision threshold falls, and the area
/// under it (ROC AUC), as scikit-learn's `roc_curve` and `roc_auc_score`.
///
/// Samples with equal scores are one threshold, so a tie between a positive and
/// a negative adds a diagonal segment and counts one half, the
/// Mann–Whitney convention. The area is the trapezoid rule over the distinct
/// thresholds, summed in exact integer counts and divided once.
public enum ROCAUC {
    /// Points of a ROC curve, from (0, 0) at threshold +∞ to (1, 1).
    public struct Curve: Sendable, Hashable, Codable {
        /// False-positive rate at each threshold.
        public var falsePositiveRate: [Double]
        /// True-positive rate at each threshold.
        public var truePositiveRate: [Double]
        /// The thresholds, descending; the first is +∞ (nothing predicted positive).
        public var thresholds: [Double]
    }

    /// How one-vs-rest areas are combined.
    public enum Average: String, Sendable, Hashable, Codable {
        /// The plain mean over classes.
        case macro
        /// The mean weighted by each class's number of true samples.
        case weighted
    }

    /// The ROC curve at every distinct score (no points dropped, unlike
    /// scikit-learn's default `drop_intermediate=True`, which removes only
    /// collinear points and so does not change the area).
    ///
    /// - Parameters:
    ///   - trueLabels: class indices; `positiveClass` is positive, every other class negative.
    ///   - scores: higher means more likely positive.
    ///   - positiveClass: the class index counted as positive (default 1).
    /// - Throws: ``DataError`` for empty input, unequal lengths, a negative
    ///   label, a NaN score, or only one of positives and negatives present.
    /// - Complexity: O(n log n).
    static func curve<S: BinaryFloatingPoint>(trueLabels: [Int], scores: [S],
                                                    positiveClass: Int = 1) throws(DataError) -> Curve {
        let ranking = try checkedRanking(trueLabels, scores, positiveClass, "ROC curve")
        let p = Double(ranking.positives), n = Double(ranking.negatives)
        return Curve(falsePositiveRate: [0] + ranking.falsePositives.map { Double($0) / n },
                     truePositiveRate: [0] + ranking.truePositives.map { Double($0) / p },
                     thresholds: [.infinity] + ranking.thresholds)
    }

    /// The area under the ROC curve of binary scores.
    ///
    /// - Throws: as ``curve(trueLabels:scores:positiveClass:)``.
    /// - Complexity: O(n log n).
    static func binary<S: BinaryFloatingPoint>(trueLabels: [Int], scores: [S],
                                                     positiveClass: Int = 1) throws(DataError) -> Double {
        try checkedRanking(trueLabels, scores, positiveClass, "ROC AUC").areaUnderROC
    }

    /// One-vs-rest ROC AUC of n×k scores (for example predicted probabilities):
    /// the area of column c against "true class is c", for every class c in
    /// `0..<k`, averaged.
    ///
    /// Unlike scikit-learn, rows need not sum to 1: any scores where higher means
    /// more likely are accepted.
    ///
    /// - Throws: ``DataError`` for empty input, a row count different from the
    ///   label count, a label outside `0..<k`, a NaN score, or a class that never
    ///   occurs (or is the only one), whose area is undefined.
    /// - Complexity: O(k · n log n).
    static func oneVsRest<T: LogitScalar>(trueLabels: [Int], scores: Matrix<T>,
                                                average: Average = .macro) throws(DataError) -> Double {
        try MetricInput.checkLabels(trueLabels, "one-vs-rest ROC AUC")
        let k = scores.columns
        guard scores.rows == trueLabels.count else {
            throw DataError("one-vs-rest ROC AUC: \(trueLabels.count) true labels but a \(scores.shapeDescription) score matrix")
        }
        guard k >= 2 else {
            throw DataError("one-vs-rest ROC AUC needs a score column per class (at least 2), not a \(scores.shapeDescription) matrix")
        }
        if let bad = trueLabels.firstIndex(where: { $0 >= k }) {
            throw DataError("one-vs-rest ROC AUC: label \(trueLabels[bad]) at index \(bad) has no score column (the matrix is \(scores.shapeDescription))")
        }
        var total = 0.0, weightSum = 0.0
        for c in 0..<k {
            let column = scores.column(c)
            let ranking = try checkedRanking(trueLabels, column, c, "one-vs-rest ROC AUC of class \(c)")
            let weight = average == .macro ? 1 : Double(ranking.positives)
            total += weight * ranking.areaUnderROC
            weightSum += weight
        }
        return total / weightSum
    }

    private static func checkedRanking<S: BinaryFloatingPoint>(_ trueLabels: [Int], _ scores: [S], _ positiveClass: Int,
                                                               _ metric: String) throws(DataError) -> BinaryScoreRanking {
        let ranking = try BinaryScoreRanking(trueLabels: trueLabels, scores: scores, positiveClass: positiveClass, metric: metric)
        guard ranking.positives > 0, ranking.negatives > 0 else {
            throw DataError("\(metric) is undefined: the true labels hold \(ranking.positives == 0 ? "no" : "only") samples of the positive class \(positiveClass)")
        }
        return ranking
    }
}
