import LogitNumerics
import RealModule

/// The logistic (cross-entropy) loss of predicted probabilities, as
/// scikit-learn's `log_loss`: −(1/Σw) Σᵢ wᵢ · log pᵢ,yᵢ, where pᵢ,yᵢ is the
/// probability given to sample i's true class.
///
/// Probabilities are first clipped to [ε, 1 − ε] with ε the machine epsilon of
/// their type (`Float.ulpOfOne` or `Double.ulpOfOne`), as scikit-learn does, so
/// a confident wrong prediction costs a large but finite loss. The logarithms
/// and the sum are taken in `Double`. Rows need not sum to 1 (scikit-learn
/// only warns).
public enum LogLoss {
    // The entry points are ``Metrics/logLoss(trueLabels:probabilities:sampleWeights:normalize:)``
    // and ``Metrics/logLoss(trueLabels:positiveProbabilities:sampleWeights:normalize:)``.
    /// The loss of an n×k probability matrix: column c is the probability of
    /// class c. A single column is the probability of class 1 (binary).
    ///
    /// - Parameters:
    ///   - trueLabels: the true class index of each sample.
    ///   - probabilities: one row per sample: k columns, or one column holding
    ///     the probability of class 1.
    ///   - sampleWeight: one non-negative weight per sample, or nil for 1 each.
    ///   - normalize: true for the weighted mean, false for the weighted sum.
    /// - Throws: ``DataError`` for empty input, a row count different from the
    ///   label count, a label without a column, a probability outside [0, 1] or
    ///   NaN, or bad weights (wrong count, negative, not finite, summing to 0
    ///   when normalizing).
    /// - Complexity: O(n · k).
    static func compute<T: LogitScalar>(trueLabels: [Int], probabilities: Matrix<T>, sampleWeight: [Double]? = nil,
                                               normalize: Bool = true) throws(DataError) -> Double {
        if probabilities.columns == 1 {
            return try compute(trueLabels: trueLabels, positiveProbabilities: probabilities.column(0),
                               sampleWeight: sampleWeight, normalize: normalize)
        }
        try MetricInput.checkLabels(trueLabels, "log loss")
        guard probabilities.rows == trueLabels.count else {
            throw DataError("log loss: \(trueLabels.count) true labels but a \(probabilities.shapeDescription) probability matrix")
        }
        if let bad = trueLabels.firstIndex(where: { $0 >= probabilities.columns }) {
            throw DataError("log loss: label \(trueLabels[bad]) at index \(bad) has no probability column (the matrix is \(probabilities.shapeDescription))")
        }
        let k = probabilities.columns
        let values = probabilities.elements
        if let bad = values.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw DataError("log loss: probability \(values[bad]) at row \(bad / k), column \(bad % k) is not in [0, 1]")
        }
        return try average(trueLabels.indices.map { values[$0 * k + trueLabels[$0]] }, sampleWeight, normalize)
    }

    /// The loss of binary predictions: `positiveProbabilities[i]` is the
    /// probability that sample i is of class 1, and `trueLabels` holds 0 and 1.
    ///
    /// - Throws: as ``compute(trueLabels:probabilities:sampleWeight:normalize:)``,
    ///   and for a label other than 0 or 1.
    /// - Complexity: O(n).
    static func compute<T: LogitScalar>(trueLabels: [Int], positiveProbabilities: [T], sampleWeight: [Double]? = nil,
                                               normalize: Bool = true) throws(DataError) -> Double {
        try MetricInput.checkLabels(trueLabels, "log loss")
        guard positiveProbabilities.count == trueLabels.count else {
            throw DataError("log loss: \(trueLabels.count) true labels but \(positiveProbabilities.count) probabilities")
        }
        if let bad = trueLabels.firstIndex(where: { $0 > 1 }) {
            throw DataError("log loss: label \(trueLabels[bad]) at index \(bad) is not 0 or 1 (binary probabilities)")
        }
        if let bad = positiveProbabilities.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw DataError("log loss: probability \(positiveProbabilities[bad]) at index \(bad) is not in [0, 1]")
        }
        // As scikit-learn: the class-0 column is 1 − p in the probabilities' own type.
        let trueClass = trueLabels.indices.map { trueLabels[$0] == 1 ? positiveProbabilities[$0] : 1 - positiveProbabilities[$0] }
        return try average(trueClass, sampleWeight, normalize)
    }

    /// −Σ wᵢ log(clip(pᵢ)) / Σ wᵢ (or the plain sum).
    private static func average<T: LogitScalar>(_ trueClass: [T], _ weights: [Double]?,
                                                _ normalize: Bool) throws(DataError) -> Double {
        try MetricInput.checkWeights(weights, count: trueClass.count, "log loss")
        let eps = T.ulpOfOne
        var total = 0.0, weightSum = 0.0
        for (i, p) in trueClass.enumerated() {
            let clipped = Swift.min(Swift.max(p, eps), 1 - eps)
            let w = weights?[i] ?? 1
            total += w * -Double.log(Double(clipped))
            weightSum += w
        }
        guard normalize else { return total }
        guard weightSum > 0 else { throw DataError("log loss: the sample weights sum to 0") }
        return total / weightSum
    }
}
