import Foundation
import Logit
import Testing

@Suite("Classification report")
struct ClassificationReportTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var value: MetricsFixture.Report
        var testDescription: String { value.name }
    }

    /// The text is character for character scikit-learn's.
    @Test(arguments: MetricsFixture.shared.reports.map { Case(value: $0) })
    func textMatchesScikitLearn(_ wrapped: Case) throws {
        let c = wrapped.value
        let report = try ClassificationReport(trueLabels: c.y_true, predictedLabels: c.y_pred, classes: c.labels, classNames: c.class_names,
                                              digits: c.digits)
        #expect(report.text == c.text, "\n\(report.text)\nexpected\n\(c.text)")
        #expect(report.description == report.text)
    }

    @Test func numbersAndCodable() throws {
        let report = try ClassificationReport(trueLabels: [0, 0, 1, 1], predictedLabels: [0, 1, 1, 1], classNames: ["no", "yes"])
        #expect(report.classes.map(\.name) == ["no", "yes"])
        #expect(report.classes[0].precision == 1 && report.classes[0].recall == 0.5)
        #expect(report.accuracy == 0.75 && report.microAverage == nil && report.support == 4)
        #expect(report.macroAverage.name == "macro avg" && report.weightedAverage.name == "weighted avg")
        #expect(try JSONDecoder().decode(ClassificationReport.self, from: JSONEncoder().encode(report)) == report)
        let subset = try ClassificationReport(trueLabels: [0, 1, 2], predictedLabels: [0, 1, 1], classes: [0, 1])
        #expect(subset.accuracy == nil && subset.microAverage?.name == "micro avg")
    }

    @Test func errors() {
        #expect(capturedDataError { try ClassificationReport(trueLabels: [0, 2], predictedLabels: [0, 2], classNames: ["a", "b"]) }?
            .message == "classification report: class 2 has no name (2 class names given)")
        #expect(capturedDataError { try ClassificationReport(trueLabels: [0, 1], predictedLabels: [0, 1], digits: -1) }?.message.contains("digits") == true)
        #expect(capturedDataError { try ClassificationReport(trueLabels: [0, 1], predictedLabels: [0]) } != nil)
    }
}
