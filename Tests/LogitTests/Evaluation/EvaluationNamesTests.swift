import Foundation
import Logit
import Testing

/// The renamed API (issue 11): one evaluation entry point, `Metrics`, with
/// `trueLabels:` first; the old names still answer, identically, for one minor version.
@Suite("Evaluation names: Metrics is the entry point, old names forward")
struct EvaluationNamesTests {
    // Hand-checked: 4 of 6 right; class 1 predicted twice, right once.
    let truth = [0, 1, 1, 0, 2, 2]
    let predicted = [0, 1, 0, 0, 2, 1]
    let probabilities = try! Matrix<Double>([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.5, 0.4, 0.1],
                                             [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.2, 0.5, 0.3]])

    @Test("Metrics functions share the trueLabels: convention and give the known values")
    func entryPoint() throws {
        #expect(try Metrics.accuracy(trueLabels: truth, predictedLabels: predicted) == 4.0 / 6.0)
        let metrics = try Metrics(trueLabels: truth, predictedLabels: predicted, classes: [0, 1, 2])
        #expect(metrics.precision[1] == 0.5)
        // −mean(log p of the true class), by hand: ln 0.7, 0.8, 0.4, 0.6, 0.8, 0.3
        let expected = -[0.7, 0.8, 0.4, 0.6, 0.8, 0.3].map { Foundation.log($0) }.reduce(0, +) / 6
        // six logs and a sum in Double: well within 1e-15 relative
        #expect(abs(try Metrics.logLoss(trueLabels: truth, probabilities: probabilities) - expected) <= 1e-15)
        let binaryAUC = try Metrics.rocAUC(trueLabels: [0, 0, 1, 1], scores: [0.1, 0.4, 0.35, 0.8])
        #expect(binaryAUC == 0.75)   // 3 of 4 positive–negative pairs ordered right
        #expect(try Metrics.rocCurve(trueLabels: [0, 1], scores: [0.2, 0.9]).truePositiveRate == [0, 1, 1])
    }

    @Test("deprecated evaluation names return what their replacements return")
    func deprecatedNamesForward() throws {
        #expect(try Metrics.accuracy(yTrue: truth, yPred: predicted)
            == Metrics.accuracy(trueLabels: truth, predictedLabels: predicted))
        #expect(try Metrics(yTrue: truth, yPred: predicted, labels: [2, 0])
            == Metrics(trueLabels: truth, predictedLabels: predicted, classes: [2, 0]))
        #expect(try ConfusionMatrix(yTrue: truth, yPred: predicted, labels: [1, 2])
            == ConfusionMatrix(trueLabels: truth, predictedLabels: predicted, classes: [1, 2]))
        #expect(try ClassificationReport(yTrue: truth, yPred: predicted).text
            == ClassificationReport(trueLabels: truth, predictedLabels: predicted).text)
        #expect(try LogLoss.compute(yTrue: truth, probabilities: probabilities)
            == Metrics.logLoss(trueLabels: truth, probabilities: probabilities))
        #expect(try ROCAUC.oneVsRest(yTrue: truth, scores: probabilities)
            == Metrics.rocAUC(trueLabels: truth, scores: probabilities))
        #expect(try ROCAUC.binary(yTrue: [0, 1, 1], scores: [0.3, 0.2, 0.9])
            == Metrics.rocAUC(trueLabels: [0, 1, 1], scores: [0.3, 0.2, 0.9]))
        #expect(try ThresholdTuning.maximizingF1(yTrue: [0, 1, 1], scores: [0.3, 0.2, 0.9])
            == ThresholdTuning.maximizingF1(trueLabels: [0, 1, 1], scores: [0.3, 0.2, 0.9]))
    }

    @Test("Solver: spelled-out case names, unchanged raw values, old name kept")
    func solverNames() throws {
        #expect(Solver.allCases.map(\.rawValue) == ["gd", "sgd", "newton", "lbfgs"])
        #expect(Solver(rawValue: "sgd") == .stochasticGradientDescent)
        #expect(Solver.sgd == .stochasticGradientDescent)
        let decoded = try JSONDecoder().decode([Solver].self, from: Data(#"["sgd","gd"]"#.utf8))
        #expect(decoded == [.stochasticGradientDescent, .gradientDescent])
    }

    @Test("Dataset.raisin() is the one loader; RaisinDataset.load(as:) forwards to it")
    func raisinLoader() throws {
        let data = try Dataset<Float>.raisin()
        let old = try RaisinDataset.load(as: Float.self)
        #expect(data.features == old.features && data.labels == old.labels)
        #expect(data.count == RaisinDataset.count)
    }

    @Test("ModelFile writes and reads paths and file URLs alike")
    func modelFileURLsAndPaths() throws {
        let data = try Dataset<Double>.raisin()
        let classifier = try LogisticClassifier<Double>(fitting: data, configuration: TrainingConfiguration(solver: .newton),
                                                        backend: .swift)
        let scratch = ScratchDirectory()
        let url = URL(fileURLWithPath: scratch.file("by-url.json"))
        try classifier.modelFile.write(to: url)
        try classifier.modelFile.write(to: scratch.file("by-path.json"))
        let byURL = try ModelFile.read(from: url)
        let byPath = try ModelFile.read(from: scratch.file("by-path.json"))
        #expect(byURL == byPath)
        #expect(byURL.weights == classifier.modelFile.weights)
        let remote = try #require(URL(string: "https://example.com/m.json"))
        #expect(throws: ModelFileError.self) { try ModelFile.read(from: remote) }
        #expect(throws: ModelFileError.self) { try classifier.modelFile.write(to: remote) }
    }
}
