import Logit
import LogitNumerics
import Testing

/// Training's input checks, controls and numerical robustness.
@Suite("Training")
struct LogisticRegressionTests {
    static func tiny(_ x: [[Double]], _ y: [Int], classes: Int = 2) throws -> Dataset<Double> {
        try Dataset(features: try Matrix(x), labels: y, classNames: (0..<classes).map { "c\($0)" })
    }

    @Test func badInputIsAClearError() throws {
        let trainer = LogisticRegression<Double>()
        let empty = try Dataset(features: Matrix<Double>(rows: 0, columns: 3), labels: [], classNames: ["a", "b"])
        #expect(throws: TrainingError.invalidData("the training set has no rows")) { try trainer.fit(empty) }

        let oneClass = try Self.tiny([[1, 2], [3, 4]], [1, 1])
        #expect(throws: TrainingError.invalidData("only one class is present ('c1', 2 rows): logistic regression needs at least two")) {
            try trainer.fit(oneClass)
        }
        var withNaN = try Self.tiny([[1, 2], [3, .nan]], [0, 1])
        withNaN.featureNames = ["area", "perimeter"]
        #expect(throws: TrainingError.invalidData("X[row 1, column 1 (perimeter)] is nan; features must be finite")) {
            try trainer.fit(withNaN)
        }
        let withInfinity = try Self.tiny([[1, -.infinity], [3, 4]], [0, 1])
        #expect(throws: TrainingError.self) { try trainer.fit(withInfinity) }

        var outOfRange = try Self.tiny([[1, 2], [3, 4]], [0, 1])
        outOfRange.labels = [0, 2]
        #expect(throws: TrainingError.invalidData("label 2 of row 1 is outside 0..<2")) { try trainer.fit(outOfRange) }
        var mismatched = try Self.tiny([[1, 2], [3, 4]], [0, 1])
        mismatched.labels = [0, 1, 1]
        #expect(throws: TrainingError.invalidData("3 labels for 2 rows of features (2×2)")) { try trainer.fit(mismatched) }
        let good = try Self.tiny([[1, 2], [3, 4]], [0, 1])
        #expect(throws: TrainingError.invalidData("3 sample weights for 2 rows")) { try trainer.fit(good, sampleWeights: [1, 1, 1]) }
        #expect(throws: TrainingError.self) { try trainer.fit(good, sampleWeights: [1, -1]) }
        let emptyClass = try Self.tiny([[1, 2], [3, 4]], [0, 1], classes: 3)
        #expect(throws: TrainingError.invalidData("class 'c2' has no rows; remove it from the class names or add rows")) {
            try trainer.fit(emptyClass)
        }
    }

    @Test func badSettingsAreClearErrors() throws {
        let data = try Self.tiny([[1, 2], [3, 4]], [0, 1])
        var l1Newton = TrainingConfiguration(solver: .newton)
        l1Newton.l1 = 0.1
        #expect(throws: TrainingError.invalidConfiguration("solver newton does not support an L1 penalty (l1 = 0.1); use gd or sgd")) {
            try LogisticRegression<Double>(configuration: l1Newton).fit(data)
        }
        var negative = TrainingConfiguration()
        negative.learningRate = -1
        #expect(throws: TrainingError.self) { try LogisticRegression<Double>(configuration: negative).fit(data) }
        var batch = TrainingConfiguration(solver: .stochasticGradientDescent)
        batch.batchSize = 0
        #expect(throws: TrainingError.invalidConfiguration("batch size 0 must be ≥ 1")) {
            try LogisticRegression<Double>(configuration: batch).fit(data)
        }
    }

    /// d = 12288 (64×64×3) needs a 12289² Hessian: 1.1 GiB in Double, over the
    /// 512 MiB default. Refused before any memory is touched, naming lbfgs.
    @Test func newtonRefusesAHessianTooLargeAndNamesTheAlternative() throws {
        let data = try Dataset(features: Matrix<Double>(rows: 2, columns: 12288),
                               labels: [0, 1], classNames: ["a", "b"])
        let error = #expect(throws: TrainingError.self) {
            try LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .newton)).fit(data)
        }
        #expect(error?.description == "the newton solver needs a 12289×12289 Hessian (1152 MiB) for 12288 features and 1 output(s), over its limit of 512 MiB; use the lbfgs solver (or sgd) for this many features")
    }

    @Test func progressIsReportedAndCancellationStops() throws {
        let data = try Self.tiny([[1, 2], [3, 4], [0, 1], [5, 1]], [0, 1, 0, 1])
        var seen = [Int]()
        let classic = LogisticRegression<Double>(configuration: .classicGradientDescent)
        let result = try classic.fit(data) { progress in
            seen.append(progress.iteration)
            #expect(progress.maxIterations == 100 && progress.objective.isFinite)
            return .proceed
        }
        #expect(seen == Array(1...100) && result.iterations == 100)
        var calls = 0
        #expect(throws: TrainingError.cancelled) {
            try classic.fit(data) { _ in
                calls += 1
                return calls == 3 ? .cancel : .proceed
            }
        }
        #expect(calls == 3)
    }

    /// Perfectly separable data without a penalty drives the weights to grow
    /// without bound; the stable log-sigmoid must keep everything finite.
    @Test(arguments: Solver.allCases, BackendKind.available)
    func separableDataStaysFinite(solver: Solver, backend: BackendKind) throws {
        let data = try Self.tiny([[-3, 100], [-2, -50], [2, 80], [3, -90], [-1, 0], [1, 0]], [0, 0, 1, 1, 0, 1])
        var configuration = TrainingConfiguration(solver: solver, l2: 0)
        configuration.learningRate = 10
        configuration.maxIterations = 300
        configuration.batchSize = 2
        let result = try LogisticRegression<Double>(configuration: configuration, backend: backend).fit(data)
        #expect(result.model.weights.elements.allSatisfy(\.isFinite) && result.model.bias.allSatisfy(\.isFinite))
        let finiteHistory = result.objectiveHistory.allSatisfy { $0.isFinite }
        #expect(finiteHistory, "\(solver): \(result.objectiveHistory.suffix(3))")
        #expect(try result.model.predict(data.features) == data.labels, "\(solver) separates the classes")
        let p = try result.model.predictProbabilities(try Matrix([[1000, 0], [-1000, 0]]))
        #expect(p.elements.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
    }

    @Test func sgdIsReproducibleBySeed() throws {
        let data = try FixtureData<Double>(try TrainingFixture.load("training_raisin")).train
        var configuration = TrainingConfiguration(solver: .stochasticGradientDescent)
        configuration.maxIterations = 3
        configuration.seed = 11
        let first = try LogisticRegression<Double>(configuration: configuration).fit(data)
        let again = try LogisticRegression<Double>(configuration: configuration).fit(data)
        configuration.seed = 12
        let other = try LogisticRegression<Double>(configuration: configuration).fit(data)
        #expect(first.model.weights == again.model.weights)
        #expect(first.model.weights != other.model.weights)
    }

    /// Balanced class weights equal sample weights n/(k·n_c) computed here
    /// independently, on an imbalanced subset (300 of one class, 100 of the other).
    @Test(arguments: BackendKind.available)
    func balancedClassWeightsAreSampleWeights(backend: BackendKind) throws {
        let all = try FixtureData<Double>(try TrainingFixture.load("training_raisin")).train
        let first = all.labels.indices.filter { all.labels[$0] == 0 }.prefix(300)
        let second = all.labels.indices.filter { all.labels[$0] == 1 }.prefix(100)
        let data = all.subset(Array(first) + Array(second))
        var balanced = TrainingConfiguration(solver: .lbfgs)
        balanced.classWeighting = .balanced
        let viaClassWeights = try LogisticRegression<Double>(configuration: balanced, backend: backend).fit(data)
        let weights = data.labels.map { $0 == 0 ? 400.0 / (2 * 300) : 400.0 / (2 * 100) }
        let viaSampleWeights = try LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .lbfgs), backend: backend)
            .fit(data, sampleWeights: weights)
        let unweighted = try LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .lbfgs), backend: backend).fit(data)
        // Both converge to ‖g‖ ≤ 1e-10 on a λ₂ = 0.01-strongly-convex objective: within 1e-8 of the same optimum.
        let gap = zip(viaClassWeights.model.weights.elements, viaSampleWeights.model.weights.elements).map { abs($0 - $1) }.max()!
        #expect(gap <= 2e-8)
        let shift = zip(viaClassWeights.model.weights.elements, unweighted.model.weights.elements).map { abs($0 - $1) }.max()!
        #expect(shift > 1e-3, "balancing an imbalanced set must change the model")
    }
}
