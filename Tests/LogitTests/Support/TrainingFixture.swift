import Foundation
import Logit
import LogitNumerics

/// The fixtures written by `scripts/reference/make_training_fixtures.py`: an
/// independent NumPy implementation of the same algorithms, and scikit-learn's
/// optimum. See `scripts/reference/README.md` for the schema.
struct TrainingFixture: Decodable {
    struct Schedule: Decodable {
        var type: String
        var lr: Double
        var gamma: Double?
        var step_size: Int?
        var decay: Double?
    }

    struct Run: Decodable {
        var name: String
        var solver: String
        var learning_rate: Double
        var epochs: Int
        var schedule: Schedule
        var lambda2: Double
        var lambda1: Double
        var class_weight: String?
        var sample_weights: [Double]?
        var batch_size: Int?
        var seed: UInt64?
        var momentum: Double?
        var objective_history: [Double]
        var final_objective: Double
        var learning_rates: [Double]
        var permutations: [[Int]]?
        var weights: [[Double]]
        var bias: [Double]
        var test_probabilities: [[Double]]
        var test_predictions: [Int]

        /// The same settings as a ``TrainingConfiguration``.
        var configuration: TrainingConfiguration {
            var c = TrainingConfiguration(solver: solver == "sgd" ? .stochasticGradientDescent : .gradientDescent, l2: lambda2)
            c.learningRate = learning_rate
            c.maxIterations = epochs
            c.l1 = lambda1
            switch schedule.type {
            case "step": c.schedule = .stepDecay(factor: schedule.gamma!, stepSize: schedule.step_size!)
            case "exponential": c.schedule = .exponential(factor: schedule.gamma!)
            case "inverse_time": c.schedule = .inverseTime(decay: schedule.decay!)
            default: c.schedule = .constant
            }
            if class_weight == "balanced" { c.classWeighting = .balanced }
            if let batch_size { c.batchSize = batch_size }
            if let seed { c.seed = seed }
            if let momentum { c.momentum = momentum }
            return c
        }
    }

    struct Optimum: Decodable {
        struct Reference: Decodable {
            var weights: [[Double]]
            var bias: [Double]
            var objective: Double
        }
        var lambda2: Double
        var C: Double
        var weights: [[Double]]
        var bias: [Double]
        var objective: Double
        var sklearn: Reference
        var train_accuracy: Double
        var test_accuracy: Double?
        var test_predictions: [Int]
    }

    struct DataPart: Decodable {
        var train_indices: [Int]?
        var test_indices: [Int]?
        var mean: [Double]?
        var std: [Double]?
        var class_names: [String]
        var X: [[Double]]?
        var y: [Int]?
    }

    var data: DataPart
    var runs: [Run]
    var optimum: Optimum

    static func load(_ name: String) throws -> TrainingFixture {
        let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")!
        return try JSONDecoder().decode(TrainingFixture.self, from: Data(contentsOf: url))
    }

    func run(_ name: String) -> Run { runs.first { $0.name == name }! }
}

/// A fixture's data as train and test sets in precision `T`: for Raisin the
/// fixture's split of the embedded CSV, standardized with the training rows'
/// mean and population standard deviation; for the synthetic set, all rows as
/// both.
struct FixtureData<T: LogitScalar> {
    var train: Dataset<T>
    var test: Dataset<T>

    init(_ fixture: TrainingFixture) throws {
        if let rows = fixture.data.X, let labels = fixture.data.y {
            let x = try Matrix<T>(rows: rows.count, columns: rows[0].count, elements: rows.joined().map { T($0) })
            train = try Dataset(features: x, labels: labels, classNames: fixture.data.class_names)
            test = train
            return
        }
        let raisin = try Dataset<Double>.raisin()
        let trainRows = raisin.subset(fixture.data.train_indices!)
        let scaler = try StandardScaler.fit(trainRows.features)
        func standardized(_ part: Dataset<Double>) throws -> Dataset<T> {
            var scaled = part
            scaled.features = try scaler.transform(part.features)
            return scaled.converted(to: T.self)
        }
        train = try standardized(trainRows)
        test = try standardized(raisin.subset(fixture.data.test_indices!))
    }
}

