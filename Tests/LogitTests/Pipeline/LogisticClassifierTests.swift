import Foundation
import Logit
import Testing

/// `scripts/reference/make_pipeline_fixtures.py`: scikit-learn's
/// `make_pipeline(StandardScaler(), LogisticRegression(C = 1/(n·0.01)))` on all
/// 900 raw Raisin rows.
struct PipelineFixture: Decodable {
    var lambda2: Double
    var n: Int
    var class_names: [String]
    var mean: [Double]
    var scale: [Double]
    var coef: [Double]
    var intercept: Double
    var coef_original: [Double]
    var intercept_original: Double
    var train_accuracy: Double
    var rows: [[Double]]
    var decision_function: [Double]
    var predict_proba: [[Double]]
    var predict: [String]

    static func load() throws -> PipelineFixture {
        let url = try #require(Bundle.module.url(forResource: "pipeline_raisin", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(PipelineFixture.self, from: Data(contentsOf: url))
    }
}

@Suite("LogisticClassifier: scaler + model against scikit-learn's pipeline")
struct LogisticClassifierTests {
    /// L-BFGS to ‖∇L‖ ≤ 1e-10 on a λ₂ = 0.01-strongly convex objective puts the
    /// standardized weights within 1e-10/λ₂ = 1e-8 of the optimum; scikit-learn
    /// stops at tol 1e-12 likewise. 1e-6 leaves a wide margin (README table).
    static let weightTolerance = 1e-6

    static func fitRaisin<T: LogitScalar>(_: T.Type) throws -> (LogisticClassifier<T>, PipelineFixture) {
        let fixture = try PipelineFixture.load()
        let data = try Dataset<T>.raisin()
        let classifier = try LogisticClassifier<T>(fitting: data,
                                                   configuration: .tight(TrainingConfiguration(solver: .lbfgs, l2: fixture.lambda2)),
                                                   labelColumn: "Class", backend: .swift)
        return (classifier, fixture)
    }

    @Test("standardized and original-unit weights match scikit-learn (Double)")
    func weightsMatchScikitLearn() throws {
        let (classifier, fixture) = try Self.fitRaisin(Double.self)
        #expect(classifier.classNames == fixture.class_names)
        let d = fixture.coef.count
        for j in 0..<d {
            #expect(abs(classifier.standardizedWeights[0, j] - fixture.coef[j]) <= Self.weightTolerance, "feature \(j)")
            // w_orig = w / scale: an error e on w is e / scale on w_orig.
            let bound = Self.weightTolerance / fixture.scale[j]
            #expect(abs(classifier.weights[0, j] - fixture.coef_original[j]) <= bound, "feature \(j)")
        }
        #expect(abs(classifier.standardizedBias[0] - fixture.intercept) <= Self.weightTolerance)
        // b_orig = b − Σ w·mean/scale: errors e add up to e·(1 + Σ|mean/scale|).
        let amplification = 1 + zip(fixture.mean, fixture.scale).reduce(0) { $0 + abs($1.0 / $1.1) }
        #expect(abs(classifier.bias[0] - fixture.intercept_original) <= Self.weightTolerance * amplification)
    }

    @Test("raw rows: scores, probabilities and class names match scikit-learn (Double)")
    func rawRowsMatchScikitLearn() throws {
        let (classifier, fixture) = try Self.fitRaisin(Double.self)
        // A score is b + Σ w′ⱼ·x′ⱼ with |x′ⱼ| ≤ 4 here: error ≤ 1e-6·(1 + Σ|x′|) ≤ 3e-5;
        // a probability moves by at most a quarter of that.
        let scoreTolerance = 3e-5
        let scores = try classifier.decisionFunction(fixture.rows)
        let probabilities = try classifier.predictProbabilities(fixture.rows)
        let names = try classifier.predict(fixture.rows)
        #expect(names == fixture.predict)
        for i in fixture.rows.indices {
            #expect(abs(scores[i, 0] - fixture.decision_function[i]) <= scoreTolerance, "row \(i)")
            for c in 0..<2 {
                #expect(abs(probabilities[i, c] - fixture.predict_proba[i][c]) <= scoreTolerance / 4, "row \(i)")
            }
            // one row at a time gives the same as the batch
            #expect(try classifier.predict(fixture.rows[i]) == fixture.predict[i])
            let single = try classifier.predictProbabilities(fixture.rows[i])
            #expect(abs(single[1] - probabilities[i, 1]) <= 1e-12)
            // the original-unit weights score raw rows directly
            let direct = zip(classifier.weights.row(0), fixture.rows[i]).reduce(classifier.bias[0]) { $0 + $1.0 * $1.1 }
            #expect(abs(direct - scores[i, 0]) <= 1e-9 * (1 + abs(scores[i, 0])), "row \(i)")
        }
        let accuracy = try #require(classifier.metrics?.train.accuracy)
        #expect(abs(accuracy - fixture.train_accuracy) <= 1.0 / Double(fixture.n))
    }

    @Test("Float: weights within the single-precision tolerance")
    func floatMatchesScikitLearn() throws {
        let (classifier, fixture) = try Self.fitRaisin(Float.self)
        // Float training (README): 1e-3 against the converged optimum.
        for j in 0..<fixture.coef.count {
            #expect(abs(Double(classifier.standardizedWeights[0, j]) - fixture.coef[j]) <= 1e-3, "feature \(j)")
        }
        let names = try classifier.predict(fixture.rows.map { $0.map { Float($0) } })
        #expect(names == fixture.predict)
    }

    @Test("save and load: the CLI's model file, same predictions")
    func saveAndLoad() throws {
        let (classifier, fixture) = try Self.fitRaisin(Double.self)
        let scratch = ScratchDirectory()
        let path = scratch.file("model.json")
        try classifier.save(to: path)
        let file = try ModelFile.read(from: path)
        #expect(file.format == ModelFile.formatName)
        #expect(file.labelColumn == "Class")
        #expect(file.scaler.kind == .standard)
        #expect(file.training.standardized)
        #expect(file.metrics?.train.rows == 900)
        let reloaded = try LogisticClassifier<Double>(contentsOf: URL(fileURLWithPath: path))
        #expect(try reloaded.predict(fixture.rows) == fixture.predict)
        let before = try classifier.predictProbabilities(fixture.rows)
        let after = try reloaded.predictProbabilities(fixture.rows)
        #expect(before == after)   // weights stored as shortest round-trip decimals: exact
        let asFloat = try LogisticClassifier<Float>(contentsOf: path)
        #expect(try asFloat.predict(fixture.rows.map { $0.map { Float($0) } }) == fixture.predict)
    }

    @Test("raw rows of the wrong width are a located error")
    func wrongWidth() throws {
        let (classifier, _) = try Self.fitRaisin(Double.self)
        #expect(throws: DataError.self) { try classifier.predict([[1, 2, 3, 4, 5, 6, 7], [1, 2, 3]]) }
        do {
            _ = try classifier.predict([[1, 2, 3, 4, 5, 6, 7], [1, 2, 3]])
        } catch {
            #expect("\(error)".contains("row 1 has 3 values"))
        }
        #expect(throws: DataError.self) { try classifier.predictProbabilities(Matrix<Double>(rows: 2, columns: 6)) }
    }

    @Test("no scaling and min-max: original-unit weights reproduce the scaled scores")
    func otherScalers() throws {
        let data = try Dataset<Double>.raisin()
        for kind in [FeatureScaler.Kind.none, .minMax] {
            let classifier = try LogisticClassifier<Double>(fitting: data,
                                                            configuration: TrainingConfiguration(solver: .lbfgs),
                                                            scaling: kind, backend: .swift)
            let rows = data.features.rows(0..<5)
            let scores = try classifier.decisionFunction(rows)
            for i in 0..<5 {
                let direct = zip(classifier.weights.row(0), rows.row(i)).reduce(classifier.bias[0]) { $0 + $1.0 * $1.1 }
                // raw Area ~ 1e5 times weights: cancellation bounded by 1e-9 relative to Σ|w·x|
                let magnitude = zip(classifier.weights.row(0), rows.row(i)).reduce(abs(classifier.bias[0])) { $0 + abs($1.0 * $1.1) }
                #expect(abs(direct - scores[i, 0]) <= 1e-9 * magnitude, "\(kind) row \(i)")
            }
        }
    }
}
