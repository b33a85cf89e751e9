import Foundation
import Logit
import LogitNumerics
import Testing

/// Cross-validation against `Tests/LogitTests/Fixtures/cv_raisin.json`, written
/// by `scripts/reference/make_cv_fixtures.py`: scikit-learn's 10 stratified
/// folds of Raisin, a `StandardScaler` fitted inside each fold, and per fold the
/// validation accuracy and log loss of scikit-learn's converged
/// `LogisticRegression` and of the NumPy reference's classic gradient descent.
///
/// Tolerances. The converged models are the same minimizer found by two solvers
/// (both to ‖∇L‖ ≲ 1e-10), so probabilities agree to ~1e-10 and a prediction
/// could differ only for a probability within that of 0.5; the fixture's
/// closest is 1e-5 away, so accuracies must be equal and log losses agree
/// within 1e-8. Gradient descent is the same arithmetic in another order, so
/// its log losses agree to rounding (1e-9) and its accuracies exactly.
@Suite("Cross-validation")
struct CrossValidationTests {
    struct Fixture: Decodable {
        struct DataPart: Decodable {
            var rows: Int
            var class_names: [String]
            var labels: [Int]
        }

        struct Fold: Decodable {
            var train: [Int]
            var validation: [Int]
        }

        struct Model: Decodable {
            var accuracy: [Double]
            var log_loss: [Double]
            var mean_accuracy: Double
            var std_accuracy: Double
            var mean_log_loss: Double
            var std_log_loss: Double
        }

        var data: DataPart
        var folds: [Fold]
        var models: [String: Model]

        var strata: [StratifiedKFold.Fold] { folds.map { StratifiedKFold.Fold(train: $0.train, validation: $0.validation) } }

        static func load() throws -> Fixture {
            let url = try #require(Bundle.module.url(forResource: "cv_raisin", withExtension: "json", subdirectory: "Fixtures"))
            return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        }
    }

    /// Runs `configuration` on the fixture's folds and compares fold by fold.
    func compare(_ configuration: TrainingConfiguration, backend: BackendKind, model name: String,
                 logLossTolerance: Double) throws {
        let fixture = try Fixture.load()
        let expected = try #require(fixture.models[name])
        let raisin = try Dataset<Double>.raisin()
        #expect(raisin.count == fixture.data.rows && raisin.classNames == fixture.data.class_names)
        #expect(raisin.labels == fixture.data.labels, "rows in CSV order, Besni = 0, Kecimen = 1")

        let result = try CrossValidation<Double>(configuration: configuration, backend: backend)
            .run(raisin, folds: fixture.strata)
        try #require(result.folds.count == expected.accuracy.count)
        for (f, fold) in result.folds.enumerated() {
            let label = "\(name) \(backend) fold \(f)"
            #expect(fold.trainingRows == fixture.folds[f].train.count && fold.validationRows == fixture.folds[f].validation.count)
            #expect(fold.accuracy == expected.accuracy[f], "\(label): accuracy \(fold.accuracy) vs \(expected.accuracy[f])")
            #expect(abs(fold.logLoss - expected.log_loss[f]) <= logLossTolerance,
                    "\(label): log loss \(fold.logLoss) vs \(expected.log_loss[f]), off by \(abs(fold.logLoss - expected.log_loss[f]))")
        }
        // The summaries: NumPy sums in another order, so to rounding.
        #expect(abs(result.meanAccuracy - expected.mean_accuracy) <= 1e-12)
        #expect(abs(result.accuracyStandardDeviation - expected.std_accuracy) <= 1e-12)
        #expect(abs(result.meanLogLoss - expected.mean_log_loss) <= logLossTolerance)
        #expect(abs(result.logLossStandardDeviation - expected.std_log_loss) <= logLossTolerance)
    }

    @Test("converged Newton matches scikit-learn fold by fold", arguments: BackendKind.available)
    func newtonMatchesScikitLearn(backend: BackendKind) throws {
        let configuration = TrainingConfiguration.tight(TrainingConfiguration(solver: .newton, l2: 0.01))
        try compare(configuration, backend: backend, model: "newton", logLossTolerance: 1e-8)
        let raisin = try Dataset<Double>.raisin()
        let result = try CrossValidation<Double>(configuration: configuration, backend: backend)
            .run(raisin, folds: try Fixture.load().strata)
        #expect(result.allConverged)
    }

    @Test("classic gradient descent matches the NumPy reference fold by fold", arguments: BackendKind.available)
    func classicGradientDescentMatchesReference(backend: BackendKind) throws {
        try compare(.classicGradientDescent, backend: backend, model: "gd_classic", logLossTolerance: 1e-9)
    }

    @Test("same seed, same result; parallelism does not change it", arguments: BackendKind.available)
    func deterministic(backend: BackendKind) throws {
        let raisin = try Dataset<Double>.raisin()
        var cv = CrossValidation<Double>(configuration: TrainingConfiguration(solver: .newton), backend: backend,
                                         folds: 5, seed: 3, parallelism: 1)
        let serial = try cv.run(raisin)
        #expect(try cv.run(raisin) == serial)
        cv.parallelism = 2
        #expect(try cv.run(raisin) == serial)
        cv.parallelism = nil
        #expect(try cv.run(raisin) == serial)
        #expect(serial.folds.count == 5 && serial.folds.map(\.validationRows).reduce(0, +) == raisin.count)
        cv.seed = 4
        #expect(try cv.run(raisin) != serial, "another seed gives other folds")
    }

    @Test func everyRowIsValidatedExactlyOnce() throws {
        let raisin = try Dataset<Double>.raisin()
        for (k, seed) in [(10, UInt64(0)), (7, 5), (2, 1)] {
            let split = try StratifiedKFold(labels: raisin.labels, folds: k, seed: seed)
            var times = [Int](repeating: 0, count: raisin.count)
            for fold in split.folds {
                for row in fold.validation { times[row] += 1 }
                #expect(Set(fold.train).isDisjoint(with: fold.validation))
                #expect((fold.train + fold.validation).sorted() == Array(0..<raisin.count))
            }
            #expect(times.allSatisfy { $0 == 1 }, "k = \(k): rows validated \(Set(times)) times")
        }
        // scikit-learn's folds in the fixture have the same property.
        var times = [Int](repeating: 0, count: raisin.count)
        for fold in try Fixture.load().folds { for row in fold.validation { times[row] += 1 } }
        #expect(times.allSatisfy { $0 == 1 })
    }

    @Test func foldNamingARowOutOfRangeThrows() throws {
        let raisin = try Dataset<Double>.raisin()
        let cv = CrossValidation<Double>(configuration: TrainingConfiguration(solver: .newton))
        let valid = try StratifiedKFold(labels: raisin.labels, folds: 3, seed: 0).folds
        var tooLarge = valid
        tooLarge[1].validation.append(900)
        let error = capturedDataError("for row 900") { try cv.run(raisin, folds: tooLarge) }
        #expect(error?.message == "fold 1 names row 900, but the data has 900 rows", "\(String(describing: error))")
        var negative = valid
        negative[2].train.insert(-1, at: 0)
        let negativeError = capturedDataError("for row -1") { try cv.run(raisin, folds: negative) }
        #expect(negativeError?.message.contains("fold 2 names row -1") == true, "\(String(describing: negativeError))")
    }

    @Test func foldsThatLeakOrRepeatRowsThrow() throws {
        let raisin = try Dataset<Double>.raisin()
        let cv = CrossValidation<Double>(configuration: TrainingConfiguration(solver: .newton))
        let valid = try StratifiedKFold(labels: raisin.labels, folds: 3, seed: 0).folds
        var leaking = valid
        leaking[0].train.append(leaking[0].validation[0])
        let leak = capturedDataError("for a leaking fold") { try cv.run(raisin, folds: leaking) }
        #expect(leak?.message == "fold 0 both trains and validates on row \(valid[0].validation[0])")
        var repeated = valid
        repeated[1].validation.append(repeated[1].validation[0])
        let twice = capturedDataError("for a repeated row") { try cv.run(raisin, folds: repeated) }
        #expect(twice?.message == "fold 1 lists a row twice")
    }

    @Test func gridSearchRanksCandidatesBestFirst() throws {
        let raisin = try Dataset<Double>.raisin()
        let search = HyperparameterSearch<Double>(base: TrainingConfiguration(solver: .newton),
                                                  space: SearchSpace(l2: [0.001, 0.01, 1]), parallelism: 2)
        #expect(search.candidates.map(\.l2) == [0.001, 0.01, 1])
        let result = try search.run(raisin)
        #expect(result.candidates.count == 3)
        #expect(Set(result.candidates.map(\.configuration.l2)) == [0.001, 0.01, 1])
        #expect(Set(result.candidates.map(\.order)) == [0, 1, 2])
        for (a, b) in zip(result.candidates, result.candidates.dropFirst()) {
            let (x, y) = (a.crossValidation, b.crossValidation)
            // default scoring: mean log-loss, lower first (all converge: Newton)
            #expect(x.allConverged && y.allConverged)
            #expect(x.meanLogLoss <= y.meanLogLoss,
                    "l2 \(a.configuration.l2) (\(x.meanLogLoss)) ranked above l2 \(b.configuration.l2) (\(y.meanLogLoss))")
        }
        #expect(result.best == result.candidates[0])
        for candidate in result.candidates { #expect(candidate.crossValidation.folds.count == 5) }
    }

    @Test func randomSearchDrawsDistinctCandidatesDeterministically() throws {
        let raisin = try Dataset<Double>.raisin()
        let search = HyperparameterSearch<Double>(base: TrainingConfiguration(solver: .newton),
                                                  space: SearchSpace(l2: [0.001, 0.01, 1]),
                                                  strategy: .random(trials: 2, seed: 1), parallelism: 2)
        let candidates = search.candidates
        #expect(candidates.count == 2)
        #expect(candidates[0] != candidates[1])
        #expect(Set(candidates.map(\.l2)).isSubset(of: [0.001, 0.01, 1]))
        #expect(search.candidates == candidates, "same seed, same draw")
        let result = try search.run(raisin)
        #expect(result.candidates.count == 2)
        #expect(Set(result.candidates.map(\.configuration.l2)) == Set(candidates.map(\.l2)))
        #expect(try search.run(raisin) == result)
        // More trials than the grid holds: the whole grid, each once.
        var all = search
        all.strategy = .random(trials: 10, seed: 1)
        #expect(Set(all.candidates.map(\.l2)) == [0.001, 0.01, 1] && all.candidates.count == 3)
    }

    @Test func l1WithNewtonIsDroppedFromTheGrid() throws {
        let space = SearchSpace(l1: [0, 0.1], solver: [.newton, .gradientDescent, .lbfgs])
        let grid = space.grid(base: TrainingConfiguration())
        #expect(grid.count == 4, "\(grid.map { "\($0.solver) l1 \($0.l1)" })")
        #expect(!grid.contains { $0.l1 > 0 && ($0.solver == .newton || $0.solver == .lbfgs) })
        #expect(grid.contains { $0.l1 == 0.1 && $0.solver == .gradientDescent })
        #expect(grid.contains { $0.l1 == 0 && $0.solver == .newton })
        let search = HyperparameterSearch<Double>(space: SearchSpace(l1: [0.1], solver: [.newton]))
        #expect(search.candidates.isEmpty)
        let tiny = try SyntheticClassification(rows: 20, features: 2).generate(as: Double.self)
        #expect(throws: TrainingError.self) { try search.run(tiny) }
    }
}
