import Foundation
import Logit
import Testing

/// Precision, recall, F1 and accuracy are ratios of small counts and their
/// averages are sums of a handful of terms: a few roundings, so the Swift
/// values agree with scikit-learn's within 1e-12 relative (floor 1e-12 for
/// exact zeros, where both must give 0).
@Suite("Metrics")
struct MetricsTests {
    static let cases = MetricsFixture.shared.classification.map { FixtureCase(value: $0) }

    struct FixtureCase: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.Classification
        var testDescription: String { value.name }
    }

    @Test(arguments: cases)
    func matchesScikitLearn(_ wrapped: FixtureCase) throws {
        let c = wrapped.value
        let m = try Metrics(trueLabels: c.y_true, predictedLabels: c.y_pred, classes: c.labels)
        #expect(m.labels == c.resolved_labels)
        expectClose(m.accuracy, c.accuracy, relative: 1e-12, floor: 1e-12, "\(c.name) accuracy")
        #expect(try Metrics.accuracy(trueLabels: c.y_true, predictedLabels: c.y_pred) == m.accuracy)
        expectClose(m.precision, c.precision, relative: 1e-12, floor: 1e-12, "\(c.name) precision")
        expectClose(m.recall, c.recall, relative: 1e-12, floor: 1e-12, "\(c.name) recall")
        expectClose(m.f1, c.f1, relative: 1e-12, floor: 1e-12, "\(c.name) f1")
        #expect(m.support == c.support)
        for (name, mine, theirs) in [("micro", m.micro, c.micro), ("macro", m.macro, c.macro), ("weighted", m.weighted, c.weighted)] {
            expectClose([mine.precision, mine.recall, mine.f1], [theirs.precision, theirs.recall, theirs.f1],
                        relative: 1e-12, floor: 1e-12, "\(c.name) \(name)")
            #expect(mine.support == c.support.reduce(0, +))
        }
        let confusion = try ConfusionMatrix(trueLabels: c.y_true, predictedLabels: c.y_pred, classes: c.labels)
        #expect(confusion.counts == c.confusion_matrix)
        #expect(confusion.labels == c.resolved_labels)
    }

    /// The zero_division=0 cases spelled out: class 2 is never predicted
    /// (precision 0); with labels [0, 1, 2, 3], class 3 never occurs (all 0).
    @Test func zeroDivisionGivesZero() throws {
        let m = try Metrics(trueLabels: [0, 1, 2, 2], predictedLabels: [0, 1, 1, 0], classes: [0, 1, 2, 3])
        #expect(m.precision == [0.5, 0.5, 0, 0] && m.recall == [1, 1, 0, 0] && m.support == [1, 1, 2, 0])
        #expect(m.f1[2] == 0 && m.f1[3] == 0)
        #expect(m.labelsCoverAllClasses)
        let subset = try Metrics(trueLabels: [0, 1, 2], predictedLabels: [0, 2, 2], classes: [0, 1])
        #expect(!subset.labelsCoverAllClasses)
    }

    @Test func codableRoundTrip() throws {
        let m = try Metrics(trueLabels: [0, 1, 1, 2], predictedLabels: [0, 1, 2, 2])
        #expect(try JSONDecoder().decode(Metrics.self, from: JSONEncoder().encode(m)) == m)
    }

    @Test func errors() {
        #expect(capturedDataError { try Metrics(trueLabels: [0, 1], predictedLabels: [0]) }?.message == "metrics: 2 true labels but 1 predictions")
        #expect(capturedDataError { try Metrics(trueLabels: [], predictedLabels: []) }?.message == "metrics: no samples (empty input)")
        #expect(capturedDataError { try Metrics.accuracy(trueLabels: [], predictedLabels: []) }?.message.contains("empty") == true)
        #expect(capturedDataError { try Metrics(trueLabels: [0, -1], predictedLabels: [0, 1]) }?.message.contains("negative") == true)
        #expect(capturedDataError { try Metrics(trueLabels: [0, 1], predictedLabels: [0, -2]) }?.message.contains("negative") == true)
        #expect(capturedDataError { try Metrics(trueLabels: [0, 1], predictedLabels: [0, 1], classes: []) }?.message.contains("empty") == true)
        #expect(capturedDataError { try Metrics(trueLabels: [0, 1], predictedLabels: [0, 1], classes: [1, 1]) }?.message.contains("repeats") == true)
    }
}
