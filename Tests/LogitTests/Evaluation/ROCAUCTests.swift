import Logit
import LogitNumerics
import Testing

/// ROC AUC is a ratio of exact integer sums here and a trapezoid sum of at
/// most 61 terms in scikit-learn: agreement within 1e-12 relative. The curve
/// points are ratios of counts (one rounding each side): also 1e-12.
@Suite("ROC AUC")
struct ROCAUCTests {
    struct BinaryCase: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.BinaryScores
        var testDescription: String { value.name }
    }

    struct ProbabilityCase: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.Probabilities
        var testDescription: String { value.name }
    }

    static let binaryCases = MetricsFixture.shared.binary_scores.map { BinaryCase(value: $0) }
    static let probabilityCases = MetricsFixture.shared.multiclass_probabilities.map { ProbabilityCase(value: $0) }

    @Test(arguments: binaryCases)
    func binaryMatchesScikitLearn(_ wrapped: BinaryCase) throws {
        let c = wrapped.value
        expectClose(try Metrics.rocAUC(trueLabels: c.y_true, scores: c.scores), c.roc_auc, relative: 1e-12, "\(c.name) AUC")
        // Float scores rank the same here (the values are far apart relative to Float's precision).
        expectClose(try Metrics.rocAUC(trueLabels: c.y_true, scores: c.scores.map(Float.init)), c.roc_auc, relative: 1e-12,
                    "\(c.name) AUC from Float")
        let curve = try Metrics.rocCurve(trueLabels: c.y_true, scores: c.scores)
        expectClose(curve.falsePositiveRate, c.roc_curve.fpr, relative: 1e-12, floor: 1e-12, "\(c.name) fpr")
        expectClose(curve.truePositiveRate, c.roc_curve.tpr, relative: 1e-12, floor: 1e-12, "\(c.name) tpr")
        #expect(curve.thresholds.first == .infinity)
        #expect(Array(curve.thresholds.dropFirst()) == c.roc_curve.thresholds_after_inf)
    }

    /// Ties between a positive and a negative count one half (Mann–Whitney).
    @Test func tiesCountOneHalf() throws {
        #expect(try Metrics.rocAUC(trueLabels: [0, 1], scores: [0.5, 0.5]) == 0.5)
        // Positives {0.8, 0.4}, negatives {0.4, 0.1}: pairs won 1 + 1 + 0.5 + 1 of 4.
        #expect(try Metrics.rocAUC(trueLabels: [1, 0, 1, 0], scores: [0.8, 0.4, 0.4, 0.1]) == 0.875)
        // positiveClass: the other labels are negatives.
        #expect(try Metrics.rocAUC(trueLabels: [2, 0, 2, 1], scores: [0.9, 0.1, 0.8, 0.5], positiveClass: 2) == 1)
    }

    @Test(arguments: probabilityCases)
    func oneVsRestMatchesScikitLearn(_ wrapped: ProbabilityCase) throws {
        let c = wrapped.value
        let p = try Matrix(c.probabilities)
        expectClose(try Metrics.rocAUC(trueLabels: c.y_true, scores: p), c.roc_auc_ovr_macro, relative: 1e-12, "\(c.name) macro")
        expectClose(try Metrics.rocAUC(trueLabels: c.y_true, scores: p, average: .weighted), c.roc_auc_ovr_weighted,
                    relative: 1e-12, "\(c.name) weighted")
        let f = try Matrix(c.probabilities.map { $0.map(Float.init) })
        expectClose(try Metrics.rocAUC(trueLabels: c.y_true, scores: f), c.roc_auc_ovr_macro, relative: 1e-12, "\(c.name) Float")
    }

    @Test func errors() throws {
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [1, 1], scores: [0.1, 0.2]) }?
            .message == "ROC AUC is undefined: the true labels hold only samples of the positive class 1")
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [0, 0], scores: [0.1, 0.2]) }?.message.contains("no samples") == true)
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [0, 1], scores: [0.1]) }?.message == "ROC AUC: 2 true labels but 1 scores")
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [0, 1], scores: [0.1, .nan]) }?.message == "ROC AUC: score at index 1 is NaN")
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [], scores: [Double]()) }?.message.contains("empty") == true)
        #expect(capturedDataError { try Metrics.rocCurve(trueLabels: [0, 1], scores: [0.1, 0.2, 0.3]) } != nil)
        let p = try Matrix<Double>([[0.5, 0.5], [0.2, 0.8], [0.9, 0.1]])
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [0, 1, 2], scores: p) }?.message.contains("label 2 at index 2 has no score column") == true)
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [0, 1], scores: p) }?.message.contains("2 true labels but a 3×2") == true)
        let three = try Matrix<Double>([[0.5, 0.3, 0.2], [0.2, 0.7, 0.1]])
        #expect(capturedDataError { try Metrics.rocAUC(trueLabels: [0, 1], scores: three) }?
            .message.contains("one-vs-rest ROC AUC of class 2 is undefined") == true)
    }
}
