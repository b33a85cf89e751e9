/// Binary scores sorted once, for ROC curves and threshold tuning: the distinct
/// score values from highest to lowest, and at each one the number of positive
/// and negative samples scoring at least that much (the counts a classifier
/// "positive when score ≥ threshold" gets right and wrong).
///
/// Tied scores form one threshold, so ties move the ROC curve diagonally,
/// which is scikit-learn's `roc_curve` treatment.
struct BinaryScoreRanking {
    /// Distinct scores, descending.
    var thresholds: [Double] = []
    /// Positives with score ≥ thresholds[i].
    var truePositives: [Int] = []
    /// Negatives with score ≥ thresholds[i].
    var falsePositives: [Int] = []
    /// All positives, P.
    var positives = 0
    /// All negatives, N.
    var negatives = 0

    /// Ranks `scores`; a sample is positive when its label is `positiveClass`.
    ///
    /// - Throws: ``DataError`` for empty input, unequal lengths, a negative
    ///   label or a NaN score.
    init<S: BinaryFloatingPoint>(trueLabels: [Int], scores: [S], positiveClass: Int, metric: String) throws(DataError) {
        try MetricInput.checkLabels(trueLabels, metric)
        let values = try MetricInput.checkScores(scores, count: trueLabels.count, metric)
        self.init(positive: trueLabels.map { $0 == positiveClass }, scores: values)
    }

    /// Ranks checked scores against boolean truth.
    init(positive: [Bool], scores: [Double]) {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var tp = 0, fp = 0
        for (rank, i) in order.enumerated() {
            if positive[i] { tp += 1 } else { fp += 1 }
            let last = rank == order.count - 1 || scores[order[rank + 1]] != scores[i]
            if last {
                thresholds.append(scores[i])
                truePositives.append(tp)
                falsePositives.append(fp)
            }
        }
        positives = tp
        negatives = fp
    }

    /// The area under the ROC curve: the trapezoid rule over the points
    /// (fp/N, tp/P) from (0, 0), summed in exact integers and divided once.
    ///
    /// - Precondition: P > 0 and N > 0.
    var areaUnderROC: Double {
        var twiceArea = 0  // Σ Δfp · (tp + previous tp), in units of 1/(P·N)/2
        var previousTP = 0, previousFP = 0
        for i in thresholds.indices {
            twiceArea += (falsePositives[i] - previousFP) * (truePositives[i] + previousTP)
            previousTP = truePositives[i]
            previousFP = falsePositives[i]
        }
        return Double(twiceArea) / (2 * Double(positives) * Double(negatives))
    }
}
