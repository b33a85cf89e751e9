import Logit
import LogitNumerics
import Testing

@Suite("Prediction")
struct LogisticModelTests {
    /// Scores worked out by hand: w = [1, −2], b = 0.5 on [3, 1] gives 1.5;
    /// σ(1.5) = 1/(1 + e^−1.5) = 0.8175744761936437.
    @Test(arguments: BackendKind.available)
    func binaryByHand(backend: BackendKind) throws {
        let model = try LogisticModel<Double>(weights: try Matrix([[1, -2]]), bias: [0.5], classNames: ["no", "yes"])
        let x = try Matrix<Double>([[3, 1], [0, 1]])
        let engine = try backend.makeBackend(threads: 1)
        #expect(try model.decisionFunction(x, backend: engine).elements == [1.5, -1.5])
        let p = try model.predictProbabilities(x, backend: engine)
        #expect(abs(p[0, 1] - 0.8175744761936437) <= 1e-15 && abs(p[0, 0] + p[0, 1] - 1) <= 1e-15)
        #expect(try model.predict(x, backend: engine) == [1, 0])
        #expect(try model.predict([3, 1]) == 1)
        #expect(try model.predictProbabilities([3, 1]) == p.row(0))
    }

    /// Softmax of scores [1, 2, 3] (W = I, b = 0, x = [1, 2, 3]):
    /// e^(s − 3) / Σ = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219].
    @Test(arguments: BackendKind.available)
    func multinomialByHand(backend: BackendKind) throws {
        let model = try LogisticModel<Double>(weights: try Matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]),
                                              bias: [0, 0, 0], classNames: ["a", "b", "c"])
        let engine = try backend.makeBackend(threads: 1)
        let p = try model.predictProbabilities(try Matrix([[1, 2, 3]]), backend: engine)
        for (c, expected) in [0.09003057317038046, 0.24472847105479767, 0.6652409557748219].enumerated() {
            #expect(abs(p[0, c] - expected) <= 1e-15)
        }
        #expect(try model.predict([1, 2, 3]) == 2)
    }

    @Test func shapeErrorsNameTheShapes() throws {
        let model = try LogisticModel<Float>(weights: Matrix(rows: 1, columns: 3), bias: [0], classNames: ["a", "b"])
        #expect(throws: TrainingError.invalidData("the model has 3 features but the data is 2×4")) {
            _ = try model.predict(Matrix<Float>(rows: 2, columns: 4))
        }
        #expect(throws: TrainingError.invalidData("the model has 3 features but the row has 2 values")) {
            _ = try model.predict([1, 2] as [Float])
        }
        #expect(throws: TrainingError.self) {
            _ = try LogisticModel<Float>(weights: Matrix(rows: 2, columns: 3), bias: [0, 0], classNames: ["a", "b"])
        }
    }
}
