import Foundation
import Logit
import LogitNumerics
import Testing

/// Log loss is a mean of up to 40 logarithms: Double agrees with scikit-learn
/// within 1e-12 relative. For float32 inputs scikit-learn computes the logs and
/// the mean in float32, while the engine clips in Float and sums in Double, so
/// they agree to about Float's precision: 1e-5 relative.
@Suite("Log loss")
struct LogLossTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.LogLossCase
        var testDescription: String { value.name }
    }

    static let cases = MetricsFixture.shared.log_loss.map { Case(value: $0) }

    @Test(arguments: cases)
    func matchesScikitLearn(_ wrapped: Case) throws {
        let c = wrapped.value
        let value: Double
        let tolerance: Double
        if c.dtype == "float32" {
            tolerance = 1e-5
            if let p = c.positive_probabilities {
                value = try Metrics.logLoss(trueLabels: c.y_true, positiveProbabilities: p.map(Float.init),
                                            sampleWeights: c.sample_weight, normalize: c.normalize)
            } else {
                value = try Metrics.logLoss(trueLabels: c.y_true, probabilities: try Matrix(c.probabilities!.map { $0.map(Float.init) }),
                                            sampleWeights: c.sample_weight, normalize: c.normalize)
            }
        } else {
            tolerance = 1e-12
            if let p = c.positive_probabilities {
                value = try Metrics.logLoss(trueLabels: c.y_true, positiveProbabilities: p, sampleWeights: c.sample_weight,
                                            normalize: c.normalize)
            } else {
                value = try Metrics.logLoss(trueLabels: c.y_true, probabilities: try Matrix(c.probabilities!),
                                            sampleWeights: c.sample_weight, normalize: c.normalize)
            }
        }
        expectClose(value, c.value, relative: tolerance, "\(c.name)")
    }

    struct ProbabilityCase: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.Probabilities
        var testDescription: String { value.name }
    }

    @Test(arguments: MetricsFixture.shared.multiclass_probabilities.map { ProbabilityCase(value: $0) })
    func multiclassMatchesScikitLearn(_ wrapped: ProbabilityCase) throws {
        let c = wrapped.value
        let p = try Matrix(c.probabilities)
        expectClose(try Metrics.logLoss(trueLabels: c.y_true, probabilities: p), c.log_loss, relative: 1e-12, "\(c.name)")
        expectClose(try Metrics.logLoss(trueLabels: c.y_true, probabilities: p, sampleWeights: c.sample_weight),
                    c.log_loss_weighted, relative: 1e-12, "\(c.name) weighted")
    }

    /// Clipping: a probability of 0 for the true class costs −log ε, not ∞.
    @Test func clipsAtMachineEpsilon() throws {
        #expect(try Metrics.logLoss(trueLabels: [1], positiveProbabilities: [0.0]) == -Foundation.log(Double.ulpOfOne))
        #expect(try Metrics.logLoss(trueLabels: [0], positiveProbabilities: [Float(1)]) == -Foundation.log(Double(Float.ulpOfOne)))
        // A single column is the probability of class 1.
        let column = try Matrix<Double>(rows: 2, columns: 1, elements: [0.8, 0.3])
        #expect(try Metrics.logLoss(trueLabels: [1, 0], probabilities: column)
                == (try Metrics.logLoss(trueLabels: [1, 0], positiveProbabilities: [0.8, 0.3])))
    }

    @Test func errors() throws {
        let p = try Matrix<Double>([[0.5, 0.5], [0.2, 0.8]])
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0], probabilities: p) }?.message.contains("1 true labels but a 2×2") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 2], probabilities: p) }?.message.contains("label 2 at index 1 has no probability column") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 1], probabilities: try Matrix<Double>([[0.5, 1.5], [0.2, 0.8]])) }?
            .message.contains("probability 1.5 at row 0, column 1 is not in [0, 1]") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 1], positiveProbabilities: [0.5, .nan]) }?.message.contains("not in [0, 1]") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 2], positiveProbabilities: [0.5, 0.5]) }?.message.contains("not 0 or 1") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [], positiveProbabilities: [Double]()) }?.message.contains("empty") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 1], probabilities: p, sampleWeights: [1]) }?
            .message == "log loss: 2 samples but 1 sample weights")
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 1], probabilities: p, sampleWeights: [1, -1]) }?.message.contains("non-negative") == true)
        #expect(capturedDataError { try Metrics.logLoss(trueLabels: [0, 1], probabilities: p, sampleWeights: [0, 0]) }?
            .message == "log loss: the sample weights sum to 0")
        #expect(try Metrics.logLoss(trueLabels: [0, 1], probabilities: p, sampleWeights: [0, 0], normalize: false) == 0)
    }
}
