import Logit
import LogitNumerics
import Testing

/// `LogisticModel.objective(on:l2:l1:sampleWeights:)`: the training objective
/// at a model's weights, on any rows.
@Suite("Objective of a fitted model")
struct LogisticModelObjectiveTests {
    /// w = [1, −2], b = 0.5: scores 1.5 (label 1) and −1.5 (label 0), each with
    /// loss log(1 + e^−1.5) = 0.20141327798275244; plus (0.1/2)·5 + 0.01·3.
    /// Values from Python's math module; bound 1e-15 (a few roundings of O(1) terms).
    @Test(arguments: BackendKind.available)
    func binaryByHand(backend: BackendKind) throws {
        let model = try LogisticModel<Double>(weights: try Matrix([[1, -2]]), bias: [0.5], classNames: ["no", "yes"])
        let data = try Dataset(features: try Matrix<Double>([[3, 1], [0, 1]]), labels: [1, 0], classNames: ["no", "yes"])
        let engine = try backend.makeBackend(threads: 1)
        #expect(abs(try model.objective(on: data, l2: 0, backend: engine) - 0.20141327798275244) <= 1e-15)
        #expect(abs(try model.objective(on: data, l2: 0.1, l1: 0.01, backend: engine) - 0.48141327798275246) <= 1e-15)
    }

    /// W = I₃, b = 0: row [1, 2, 3] of class 0 costs logsumexp(1, 2, 3) − 1, the
    /// zero row of class 2 costs log 3; weights [2, 1] divide by n = 2, not by
    /// their sum. Penalty (0.2/2)·3 + 0.1·3. Values from Python; bound 1e-14.
    @Test func multinomialWithSampleWeights() throws {
        let model = try LogisticModel<Double>(weights: try Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), bias: [0, 0, 0],
                                              classNames: ["a", "b", "c"])
        let data = try Dataset(features: try Matrix<Double>([[1, 2, 3], [0, 0, 0]]), labels: [0, 2],
                               classNames: ["a", "b", "c"])
        let value = try model.objective(on: data, l2: 0.2, l1: 0.1, sampleWeights: [2, 1])
        #expect(abs(value - 3.5569121087784357) <= 1e-14)
    }

    /// On the training rows the helper reproduces the trainer's final
    /// objective: both sum the same per-row losses in Double. Bound: 1e-12
    /// relative in Double (summation order), 1e-5 in Float (scores rounded to
    /// Float by different kernels, u_F·|z| with |z| ≲ 10).
    @Test(arguments: BackendKind.available)
    func matchesTheTrainersFinalObjective(backend: BackendKind) throws {
        var data = try Dataset<Double>.raisin()
        data.features = try FeatureScaler.fit(.standard, to: data.features).transform(data.features)
        var configuration = TrainingConfiguration(solver: .lbfgs, l2: 0.05)
        configuration.classWeighting = .balanced
        let result = try LogisticRegression<Double>(configuration: configuration, backend: backend).fit(data)
        let engine = try backend.makeBackend(threads: 1)
        // Raisin is balanced (450/450): the balanced weights are all 1.
        let value = try result.model.objective(on: data, l2: 0.05, sampleWeights: [Double](repeating: 1, count: data.count),
                                               backend: engine)
        #expect(abs(value - result.finalObjective) <= 1e-12 * result.finalObjective)

        let floats = data.converted(to: Float.self)
        var gd = TrainingConfiguration.classicGradientDescent
        gd.l1 = 0.001
        let floatResult = try LogisticRegression<Float>(configuration: gd, backend: backend).fit(floats)
        let floatValue = try floatResult.model.objective(on: floats, l2: gd.l2, l1: gd.l1, backend: engine)
        #expect(abs(floatValue - floatResult.finalObjective) <= 1e-5 * floatResult.finalObjective)
    }

    @Test func badInputIsAClearError() throws {
        let model = try LogisticModel<Double>(weights: try Matrix([[1, -2]]), bias: [0.5], classNames: ["no", "yes"])
        let empty = try Dataset(features: Matrix<Double>(rows: 0, columns: 2), labels: [], classNames: ["no", "yes"])
        #expect(throws: TrainingError.invalidData("cannot evaluate the objective on 0 rows")) {
            try model.objective(on: empty, l2: 0)
        }
        let data = try Dataset(features: try Matrix<Double>([[3, 1], [0, 1]]), labels: [1, 0], classNames: ["no", "yes"])
        #expect(throws: TrainingError.invalidData("3 sample weights for 2 rows")) {
            try model.objective(on: data, l2: 0, sampleWeights: [1, 1, 1])
        }
        let three = try Dataset(features: try Matrix<Double>([[3, 1]]), labels: [2], classNames: ["a", "b", "c"])
        #expect(throws: TrainingError.invalidData("label 2 of row 0 is outside 0..<2")) {
            try model.objective(on: three, l2: 0)
        }
        let wide = try Dataset(features: Matrix<Double>(rows: 1, columns: 3), labels: [0], classNames: ["no", "yes"])
        #expect(throws: TrainingError.self) { try model.objective(on: wide, l2: 0) }
    }
}
