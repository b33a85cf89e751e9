import Logit
import LogitNumerics

/// What a timed training produced, for the table and the parity columns.
struct TrainingMeasurement: Sendable {
    var samples: Samples
    var objective: Double
    var accuracy: Double
    var weights: [Double]
    var iterations: Int
    var converged: Bool
}

enum Measure {
    /// Times gradient-descent epochs: the classic settings (η = 0.01, λ₂ = 0.01,
    /// zero start), `warmup + repeats + 1` epochs, each epoch's time taken
    /// between two progress callbacks (one pass over X plus the update).
    static func epochs<T: LogitScalar>(_ data: Dataset<T>, backend: BackendKind, threads: Int,
                                       warmup: Int, repeats: Int) throws -> TrainingMeasurement {
        var configuration = TrainingConfiguration.classicGradientDescent
        configuration.maxIterations = warmup + repeats + 1
        let clock = ContinuousClock()
        var stamps = [ContinuousClock.Instant]()
        stamps.reserveCapacity(warmup + repeats + 2)
        let result = try LogisticRegression<T>(configuration: configuration, backend: backend, threads: threads)
            .fit(data) { _ in
                stamps.append(clock.now)
                return .proceed
            }
        let intervals = zip(stamps.dropFirst(), stamps).map { Samples.ms($0 - $1) }
        return try measurement(Samples(Array(intervals.dropFirst(warmup))), result, data, backend, threads)
    }

    /// Times whole trainings from zero, `repeats` times after `warmup`.
    static func fits<T: LogitScalar>(_ data: Dataset<T>, configuration: TrainingConfiguration, backend: BackendKind,
                                     threads: Int, warmup: Int, repeats: Int) throws -> TrainingMeasurement {
        let trainer = LogisticRegression<T>(configuration: configuration, backend: backend, threads: threads)
        var last: TrainingResult<T>?
        let samples = try Samples(warmup: warmup, repeats: repeats) { last = try trainer.fit(data) }
        return try measurement(samples, last!, data, backend, threads)
    }

    static func measurement<T: LogitScalar>(_ samples: Samples, _ result: TrainingResult<T>, _ data: Dataset<T>,
                                            _ backend: BackendKind, _ threads: Int) throws -> TrainingMeasurement {
        let engine = try backend.makeBackend(threads: threads)
        let predictions = try result.model.predict(data.features, backend: engine)
        let correct = zip(predictions, data.labels).filter { $0 == $1 }.count
        return TrainingMeasurement(
            samples: samples, objective: result.finalObjective, accuracy: Double(correct) / Double(max(data.count, 1)),
            weights: result.model.weights.elements.map(Double.init) + result.model.bias.map(Double.init),
            iterations: result.iterations, converged: result.converged)
    }

    /// The names of the rows ``primitives(_:backend:threads:warmup:repeats:)`` returns, in order.
    static let primitiveNames = ["gemv_n", "gemv_t", "gemm_nt", "gemm_tn", "two_gemv_epoch"]

    /// The primitives alone on X (n×d): gemv both ways, the two gemm shapes of
    /// a 10-class model, and the textbook epoch's two gemv passes.
    static func primitives<T: LogitScalar>(_ x: Matrix<T>, backend kind: BackendKind, threads: Int,
                                           warmup: Int, repeats: Int) throws -> [(String, Samples, Double)] {
        let backend = try kind.makeBackend(threads: threads)
        let n = x.rows, d = x.columns, k = 10
        var generator = SeededGenerator(seed: 5)
        let w = (0..<d).map { _ in T(generator.nextUniform(in: -0.01..<0.01)) }
        let r = (0..<n).map { _ in T(generator.nextUniform(in: -1..<1)) }
        let wk = Matrix<T>(rows: k, columns: d) { _, _ in T(generator.nextUniform(in: -0.01..<0.01)) }
        let rk = Matrix<T>(rows: n, columns: k) { _, _ in T(generator.nextUniform(in: -1..<1)) }
        var z = [T](repeating: 0, count: n), g = [T](repeating: 0, count: d)
        var zk = Matrix<T>(rows: n, columns: k), gk = Matrix<T>(rows: k, columns: d)
        let gemv = 2.0 * Double(n) * Double(d), gemm = gemv * Double(k)
        return [
            ("gemv_n", try Samples(warmup: warmup, repeats: repeats) { try backend.gemv(.noTranspose, x, w, &z) }, gemv),
            ("gemv_t", try Samples(warmup: warmup, repeats: repeats) { try backend.gemv(.transpose, x, r, &g) }, gemv),
            ("gemm_nt", try Samples(warmup: warmup, repeats: repeats) {
                try backend.gemm(.noTranspose, .transpose, x, wk, &zk)
            }, gemm),
            ("gemm_tn", try Samples(warmup: warmup, repeats: repeats) {
                try backend.gemm(.transpose, .noTranspose, rk, x, &gk)
            }, gemm),
            ("two_gemv_epoch", try Samples(warmup: warmup, repeats: repeats) {
                try backend.gemv(.noTranspose, x, w, &z)
                try backend.gemv(.transpose, x, r, &g)
            }, 2 * gemv),
        ]
    }
}
