/// Checks shared by the metrics: lengths, emptiness, label and score validity.
/// Every failure is a ``DataError`` saying which metric and what is wrong.
enum MetricInput {
    /// `yTrue` and `yPred` are non-empty, of equal length, and non-negative.
    static func checkLabels(_ yTrue: [Int], _ yPred: [Int], _ metric: String) throws(DataError) {
        guard yTrue.count == yPred.count else {
            throw DataError("\(metric): \(yTrue.count) true labels but \(yPred.count) predictions")
        }
        try checkLabels(yTrue, metric)
        if let bad = yPred.firstIndex(where: { $0 < 0 }) {
            throw DataError("\(metric): prediction \(yPred[bad]) at index \(bad) is negative; labels are class indices 0..<k")
        }
    }

    /// `yTrue` is non-empty and non-negative.
    static func checkLabels(_ yTrue: [Int], _ metric: String) throws(DataError) {
        guard !yTrue.isEmpty else { throw DataError("\(metric): no samples (empty input)") }
        if let bad = yTrue.firstIndex(where: { $0 < 0 }) {
            throw DataError("\(metric): true label \(yTrue[bad]) at index \(bad) is negative; labels are class indices 0..<k")
        }
    }

    /// `scores` has `count` entries, none NaN; returned as `Double`.
    static func checkScores<S: BinaryFloatingPoint>(_ scores: [S], count: Int, _ metric: String) throws(DataError) -> [Double] {
        guard scores.count == count else {
            throw DataError("\(metric): \(count) true labels but \(scores.count) scores")
        }
        let values = scores.map { Double($0) }
        if let bad = values.firstIndex(where: { $0.isNaN }) {
            throw DataError("\(metric): score at index \(bad) is NaN")
        }
        return values
    }

    /// Sample weights: one per sample, finite and non-negative.
    static func checkWeights(_ weights: [Double]?, count: Int, _ metric: String) throws(DataError) {
        guard let weights else { return }
        guard weights.count == count else {
            throw DataError("\(metric): \(count) samples but \(weights.count) sample weights")
        }
        if let bad = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw DataError("\(metric): sample weight \(weights[bad]) at index \(bad) is not a finite non-negative number")
        }
    }
}
