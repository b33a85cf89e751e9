import Foundation
import Logit
import LogitNumerics
import Testing

/// ModelScorer, the scoring `logit predict` and the service share, against
/// scikit-learn's pipeline on Raisin (scripts/reference/make_pipeline_fixtures.py,
/// the fixture LogisticClassifierTests uses).
@Suite struct ModelScorerTests {
    @Test("probabilities and labels match scikit-learn's predict_proba and predict")
    func matchesScikitLearn() throws {
        let (classifier, fixture) = try LogisticClassifierTests.fitRaisin(Double.self)
        let scorer = try ModelScorer<Double>(classifier.modelFile)
        let scored = try scorer.score(try Matrix(fixture.rows))
        // Same bound as LogisticClassifierTests.rawRowsMatchScikitLearn: weights within 1e-6
        // of the optimum move a score by ≤ 3e-5 here and a probability by a quarter of that.
        let tolerance = 3e-5 / 4
        for i in fixture.rows.indices {
            for c in 0..<2 {
                #expect(abs(scored.probabilities[i, c] - fixture.predict_proba[i][c]) <= tolerance, "row \(i)")
            }
            #expect(scorer.classNames[scored.labels[i]] == fixture.predict[i], "row \(i)")
        }
    }

    @Test("the backend is made once, with the scorer: the one given, else the environment's default")
    func backendMadeWithTheScorer() throws {
        let (classifier, fixture) = try LogisticClassifierTests.fitRaisin(Double.self)
        let onSwift = try ModelScorer<Double>(classifier.modelFile, backend: try BackendKind.swift.makeBackend(threads: 1))
        #expect(onSwift.defaultBackend?.kind == .swift)
        let standard = try ModelScorer<Double>(classifier.modelFile)
        #expect(standard.defaultBackend?.kind == (try BackendKind.fromEnvironment()))
        let rows = try Matrix(fixture.rows)
        let a = try onSwift.score(rows), b = try standard.score(rows)
        // One gemv of 7 products per row on either backend: the scores differ by a few ulps at most,
        // and a probability by less (σ′ ≤ 1/4).
        for i in fixture.rows.indices {
            #expect(abs(a.probabilities[i, 1] - b.probabilities[i, 1]) <= 1e-12, "row \(i)")
        }
        #expect(a.labels == b.labels)
    }

    @Test("a threshold moves the cut on the second class's probability")
    func threshold() throws {
        let (classifier, fixture) = try LogisticClassifierTests.fitRaisin(Double.self)
        let scorer = try ModelScorer<Double>(classifier.modelFile)
        let rows = try Matrix(fixture.rows)
        for t in [0.1, 0.5, 0.9] {
            let scored = try scorer.score(rows, threshold: t)
            for i in fixture.rows.indices {
                #expect(scored.labels[i] == (fixture.predict_proba[i][1] >= t ? 1 : 0)
                        || abs(fixture.predict_proba[i][1] - t) < 1e-5, "row \(i), threshold \(t)")
            }
        }
        #expect(throws: ServingError.self) { try scorer.score(rows, threshold: 1) }
        #expect(throws: ServingError.self) { try scorer.score(rows, threshold: 0) }
        #expect(throws: DataError.self) { try scorer.score(Matrix(rows: 1, columns: 3)) }
    }

    @Test("a threshold on a multinomial model is refused, naming the classes")
    func thresholdNeedsTwoClasses() throws {
        let features = try Matrix(rows: 6, columns: 1, elements: [0.0, 0.1, 1.0, 1.1, 2.0, 2.1])
        let data = try Dataset(features: features, labels: [0, 0, 1, 1, 2, 2], featureNames: ["x"],
                               classNames: ["a", "b", "c"])
        let classifier = try LogisticClassifier<Double>(fitting: data)
        let scorer = try ModelScorer<Double>(classifier.modelFile)
        let error = #expect(throws: ServingError.self) { try scorer.score(features, threshold: 0.5) }
        #expect(error?.message.contains("3 classes (a, b, c)") == true)
        // without a threshold, the most probable class, as the classifier predicts
        #expect(try scorer.score(features).labels == (try classifier.predictClassIndices(features)))
    }
}
