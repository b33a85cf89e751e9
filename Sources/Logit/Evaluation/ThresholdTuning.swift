/// Chooses the decision threshold of binary scores: predict the positive
/// class when score ≥ threshold.
///
/// The candidates are the distinct scores, so every choice is achieved on the
/// data given (tune on validation data, not on the test set). Three goals:
/// - ``maximizingF1(trueLabels:scores:positiveClass:)``: the best F1; among
///   thresholds with equal F1, the largest.
/// - ``smallestThreshold(forPrecision:trueLabels:scores:positiveClass:)``: the
///   smallest threshold whose precision reaches a target (the most recall at
///   that precision).
/// - ``largestThreshold(forRecall:trueLabels:scores:positiveClass:)``: the largest
///   threshold whose recall reaches a target (the fewest positive predictions
///   at that recall).
public enum ThresholdTuning {
    /// A threshold and what it achieves on the data.
    public struct Result: Sendable, Hashable, Codable {
        /// Predict positive when score ≥ threshold.
        public var threshold: Double
        /// Precision at the threshold.
        public var precision: Double
        /// Recall at the threshold.
        public var recall: Double
        /// F1 at the threshold.
        public var f1: Double
        /// Positives scoring at least the threshold.
        public var truePositives: Int
        /// Negatives scoring at least the threshold.
        public var falsePositives: Int
        /// Positives scoring below the threshold.
        public var falseNegatives: Int
        /// Negatives scoring below the threshold.
        public var trueNegatives: Int
    }

    /// The threshold with the highest F1 (the largest one among ties).
    ///
    /// - Parameters:
    ///   - trueLabels: class indices; `positiveClass` is positive, every other class negative.
    ///   - scores: higher means more likely positive.
    ///   - positiveClass: the class index counted as positive (default 1).
    /// - Throws: ``DataError`` for empty input, unequal lengths, a negative
    ///   label, a NaN score, or no positive sample.
    /// - Complexity: O(n log n).
    public static func maximizingF1<S: BinaryFloatingPoint>(trueLabels: [Int], scores: [S],
                                                           positiveClass: Int = 1) throws(DataError) -> Result {
        let ranking = try checkedRanking(trueLabels, scores, positiveClass, "threshold for F1")
        var best = 0
        for i in ranking.thresholds.indices where f1(ranking, i) > f1(ranking, best) { best = i }
        return result(ranking, best)
    }

    /// The smallest threshold whose precision is at least `target`, or nil when
    /// no threshold reaches it.
    ///
    /// - Throws: ``DataError`` when `target` is not in [0, 1], and as
    ///   ``maximizingF1(trueLabels:scores:positiveClass:)``.
    public static func smallestThreshold<S: BinaryFloatingPoint>(forPrecision target: Double, trueLabels: [Int], scores: [S],
                                                                positiveClass: Int = 1) throws(DataError) -> Result? {
        try checkTarget(target, "precision")
        let ranking = try checkedRanking(trueLabels, scores, positiveClass, "threshold for precision")
        let index = ranking.thresholds.indices.last { precision(ranking, $0) >= target }
        return index.map { result(ranking, $0) }
    }

    /// The largest threshold whose recall is at least `target`, or nil when no
    /// threshold reaches it (never for a target in [0, 1]: the lowest score has
    /// recall 1).
    ///
    /// - Throws: ``DataError`` when `target` is not in [0, 1], and as
    ///   ``maximizingF1(trueLabels:scores:positiveClass:)``.
    public static func largestThreshold<S: BinaryFloatingPoint>(forRecall target: Double, trueLabels: [Int], scores: [S],
                                                               positiveClass: Int = 1) throws(DataError) -> Result? {
        try checkTarget(target, "recall")
        let ranking = try checkedRanking(trueLabels, scores, positiveClass, "threshold for recall")
        let index = ranking.thresholds.indices.first { recall(ranking, $0) >= target }
        return index.map { result(ranking, $0) }
    }

    private static func checkTarget(_ target: Double, _ name: String) throws(DataError) {
        guard target >= 0, target <= 1 else { throw DataError("target \(name) must lie in [0, 1], not \(target)") }
    }

    private static func checkedRanking<S: BinaryFloatingPoint>(_ trueLabels: [Int], _ scores: [S], _ positiveClass: Int,
                                                               _ what: String) throws(DataError) -> BinaryScoreRanking {
        let ranking = try BinaryScoreRanking(trueLabels: trueLabels, scores: scores, positiveClass: positiveClass, metric: what)
        guard ranking.positives > 0 else {
            throw DataError("\(what): the true labels hold no sample of the positive class \(positiveClass)")
        }
        return ranking
    }

    private static func precision(_ r: BinaryScoreRanking, _ i: Int) -> Double {
        Double(r.truePositives[i]) / Double(r.truePositives[i] + r.falsePositives[i])
    }

    private static func recall(_ r: BinaryScoreRanking, _ i: Int) -> Double {
        Double(r.truePositives[i]) / Double(r.positives)
    }

    /// 2·tp / (predicted + actual positives).
    private static func f1(_ r: BinaryScoreRanking, _ i: Int) -> Double {
        Double(2 * r.truePositives[i]) / Double(r.truePositives[i] + r.falsePositives[i] + r.positives)
    }

    private static func result(_ r: BinaryScoreRanking, _ i: Int) -> Result {
        let tp = r.truePositives[i], fp = r.falsePositives[i]
        return Result(threshold: r.thresholds[i], precision: precision(r, i), recall: recall(r, i), f1: f1(r, i),
                      truePositives: tp, falsePositives: fp, falseNegatives: r.positives - tp,
                      trueNegatives: r.negatives - fp)
    }
}
