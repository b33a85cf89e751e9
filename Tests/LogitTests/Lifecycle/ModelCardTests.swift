import Foundation
import Logit
import Testing

/// The card's calibration arithmetic against values worked by hand, and what
/// the card says when the model file lacks something.
@Suite("Model cards")
struct ModelCardTests {
    /// Worked by hand: (0.1² + 0.2² + 0.6² + 0.6²) / 4 = 0.77 / 4 = 0.1925 for two
    /// classes; rows (0.09 + 0.04 + 0.01) and (0.01 + 0.49 + 0.36), mean 0.5, for three.
    /// Tolerance 1e-15: a handful of roundings of numbers below 1.
    @Test func brierScoreMatchesHandComputation() {
        let binary = ModelCard.brierScore(probabilities: [0.1, 0.9, 0.8, 0.2, 0.4, 0.6, 0.6, 0.4], labels: [1, 0, 0, 1],
                                          classCount: 2)
        #expect(abs(binary - 0.1925) < 1e-15)
        let three = ModelCard.brierScore(probabilities: [0.7, 0.2, 0.1, 0.1, 0.3, 0.6], labels: [0, 1], classCount: 3)
        #expect(abs(three - 0.5) < 1e-15)
    }

    /// Bins [0, .1): 0.05 (miss); [.1, .2): 0.15 (hit), 0.12 (miss); [.9, 1]: 0.95, 1.0 (hits; 1.0 in the last bin).
    @Test func reliabilityBinsAsCalibrationCurveUniform() {
        let bins = ModelCard.reliability(predicted: [0.05, 0.15, 0.12, 0.95, 1.0], outcomes: [false, true, false, true, true])
        #expect(bins.map(\.rows) == [1, 2, 2])
        #expect(bins.map(\.lower) == [0, 0.1, 0.9])
        #expect(bins.map(\.observed) == [0, 0.5, 1])
        #expect(abs(bins[1].meanPredicted - 0.135) < 1e-15)
        #expect(abs(bins[2].meanPredicted - 0.975) < 1e-15)
    }

    @Test func cardSaysWhatTheModelFileDoesNotStore() throws {
        let (file, _, _) = try ModelFileTests.trained(Double.self)
        let card = ModelCard(model: file, info: ModelCardInfo(name: "raisin", intendedUse: "Sorting raisins."))
        let text = card.markdown
        #expect(text.hasPrefix("# Model card: raisin\n"))
        #expect(text.contains("- Intended use: Sorting raisins."))
        #expect(text.contains("- Limitations: not stated"))
        #expect(text.contains("No held-out test rows were scored"))
        #expect(text.contains("does not store per-class test metrics"))
        #expect(text.contains("## Calibration\n\nNot computable"))
        // every feature appears with its training mean
        for feature in file.trainingStatistics.features {
            #expect(text.contains("| \(feature.name) | \(String(format: "%.6g", feature.mean)) |"))
        }
        #expect(card.html.contains("<h1>Model card: raisin</h1>"))
    }

    @Test func trainingSampleGivesPerClassMetricsAndCalibration() throws {
        let (file, _, _) = try ModelFileTests.trained(Double.self)
        // four sampled rows: predictions 1, 0, 1, 0 against labels 1, 0, 0, 1
        let sample = ReferenceSample(featureNames: file.featureNames, classNames: file.classNames, rows: 4,
                                     values: [Double](repeating: 0, count: 4 * file.featureCount), labels: [1, 0, 0, 1],
                                     probabilities: [0.1, 0.9, 0.8, 0.2, 0.4, 0.6, 0.6, 0.4], sourceRows: 900, seed: 0)
        let text = ModelCard(model: file, sample: sample).markdown
        #expect(text.contains("this is the TRAINING data"))
        // class Besni: precision 1/2, recall 1/2; confusion [[1, 1], [1, 1]]
        #expect(text.contains("| Besni | 0.500 | 0.500 | 0.500 | 2 |"))
        #expect(text.contains("| Besni | 1 | 1 |"))
        #expect(text.contains("Brier score: 0.1925"))
    }

    /// A model file whose sidecar was damaged: the card says why calibration is
    /// missing instead of claiming there is no sample; an intact one is used.
    @Test func damagedReferenceSampleIsNamedInTheCard() throws {
        let scratch = ScratchDirectory()
        let (file, _, _) = try ModelFileTests.trained(Double.self)
        let sample = ReferenceSample(featureNames: file.featureNames, classNames: file.classNames, rows: 2,
                                     values: [Double](repeating: 1, count: 2 * file.featureCount), labels: [0, 1],
                                     probabilities: [0.75, 0.25, 0.5, 0.5], sourceRows: 900, seed: 0)
        let path = scratch.file("model.json")
        try file.write(to: path, referenceSample: sample)
        // Brier (0.25² + 0.5²) / 2 = 0.15625, shown with 4 digits
        #expect(try ModelCard(modelPath: path).markdown.contains("Brier score: 0.1562"))
        let written = try ModelFile.read(from: path)
        let sidecar = scratch.file(try #require(written.referenceSample?.file))
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: sidecar))
        let card = try ModelCard(modelPath: path)
        #expect(card.sampleProblem != nil)
        #expect(card.markdown.contains("Not computable: the model's reference sample cannot be used ("))
    }
}
