import Logit
import Testing

/// Expected answers found by brute force over the distinct scores with
/// scikit-learn's precision_score / recall_score / f1_score. Each is a ratio of
/// small counts: 1e-12 relative.
@Suite("Threshold tuning")
struct ThresholdTuningTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.BinaryScores
        var testDescription: String { value.name }
    }

    static func expectRow(_ result: ThresholdTuning.Result?, _ row: MetricsFixture.TuningRow?, _ what: String,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        guard let row else {
            #expect(result == nil, "\(what): expected no threshold", sourceLocation: sourceLocation)
            return
        }
        guard let result else {
            Issue.record("\(what): expected threshold \(row.threshold)", sourceLocation: sourceLocation)
            return
        }
        #expect(result.threshold == row.threshold, "\(what)", sourceLocation: sourceLocation)
        expectClose([result.precision, result.recall, result.f1], [row.precision, row.recall, row.f1],
                    relative: 1e-12, floor: 1e-12, what, sourceLocation: sourceLocation)
    }

    @Test(arguments: MetricsFixture.shared.binary_scores.map { Case(value: $0) })
    func matchesBruteForce(_ wrapped: Case) throws {
        let c = wrapped.value
        let best = try ThresholdTuning.maximizingF1(trueLabels: c.y_true, scores: c.scores)
        Self.expectRow(best, c.tuning.max_f1, "\(c.name) max F1")
        #expect(best.truePositives + best.falseNegatives == c.y_true.filter { $0 == 1 }.count)
        #expect(best.falsePositives + best.trueNegatives == c.y_true.filter { $0 != 1 }.count)
        for t in c.tuning.precision_targets {
            Self.expectRow(try ThresholdTuning.smallestThreshold(forPrecision: t.target, trueLabels: c.y_true, scores: c.scores),
                           t.result, "\(c.name) precision ≥ \(t.target)")
        }
        for t in c.tuning.recall_targets {
            Self.expectRow(try ThresholdTuning.largestThreshold(forRecall: t.target, trueLabels: c.y_true, scores: c.scores),
                           t.result, "\(c.name) recall ≥ \(t.target)")
        }
    }

    @Test func errors() {
        #expect(capturedDataError { try ThresholdTuning.maximizingF1(trueLabels: [0, 0], scores: [0.2, 0.4]) }?
            .message == "threshold for F1: the true labels hold no sample of the positive class 1")
        #expect(capturedDataError { try ThresholdTuning.smallestThreshold(forPrecision: 1.5, trueLabels: [0, 1], scores: [0.2, 0.4]) }?
            .message == "target precision must lie in [0, 1], not 1.5")
        #expect(capturedDataError { try ThresholdTuning.largestThreshold(forRecall: -0.1, trueLabels: [0, 1], scores: [0.2, 0.4]) } != nil)
        #expect(capturedDataError { try ThresholdTuning.maximizingF1(trueLabels: [0, 1], scores: [0.2]) } != nil)
    }
}
