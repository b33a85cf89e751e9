import Logit
import LogitNumerics
import Testing

/// The two backends train the same model on larger synthetic data, for every
/// solver, binary and multinomial, one and two threads.
///
/// Tolerance: both runs do the same iterations on gradients that differ by
/// rounding only (γ_n·Σ|terms| per element, n = 1200 rows), so after a fixed
/// number of contractive epochs the weights agree to ~1e-12 in Double and
/// ~1e-4 in Float; converged solvers agree within the 1e-8 their tolerance
/// guarantees. The bounds below are those, with a factor 10 of margin.
@Suite("Backend agreement")
struct BackendAgreementTests {
    static func data<T: LogitScalar>(classes: Int, _: T.Type) throws -> Dataset<T> {
        var generator = SeededGenerator(seed: UInt64(classes))
        let n = 1200, d = 37
        var labels = [Int](), values = [T]()
        for i in 0..<n {
            let label = i % classes
            labels.append(label)
            for j in 0..<d {
                let centre = j % classes == label ? 0.8 : 0.0
                values.append(T(centre + generator.nextGaussian()))
            }
        }
        return try Dataset(features: try Matrix(rows: n, columns: d, elements: values), labels: labels,
                           classNames: (0..<classes).map { "c\($0)" })
    }

    static let cases: [(Solver, Int)] = [(.gradientDescent, 2), (.gradientDescent, 4), (.stochasticGradientDescent, 2), (.stochasticGradientDescent, 3),
                                         (.newton, 2), (.newton, 3), (.lbfgs, 2), (.lbfgs, 5)]

    @Test(arguments: 0..<cases.count)
    func backendsAgree(index: Int) throws {
        guard BackendKind.isBLASAvailable else { return }
        let (solver, classes) = Self.cases[index]
        try compare(solver, classes, Double.self, bound: solver == .newton || solver == .lbfgs ? 1e-7 : 1e-10)
        try compare(solver, classes, Float.self, bound: solver == .newton || solver == .lbfgs ? 1e-2 : 1e-3)
    }

    func compare<T: LogitScalar>(_ solver: Solver, _ classes: Int, _: T.Type, bound: Double) throws {
        let data = try Self.data(classes: classes, T.self)
        var configuration = TrainingConfiguration(solver: solver, l2: 0.01)
        configuration.learningRate = solver == .stochasticGradientDescent ? 0.05 : 0.5
        configuration.maxIterations = solver == .gradientDescent ? 50 : (solver == .stochasticGradientDescent ? 5 : nil)
        if T.self == Float.self && (solver == .newton || solver == .lbfgs) { configuration.gradientTolerance = 1e-4 }
        var models = [LogisticModel<T>]()
        for backend in [BackendKind.blas, .swift] {
            for threads in [1, 2] {
                models.append(try LogisticRegression<T>(configuration: configuration, backend: backend, threads: threads)
                    .fit(data).model)
            }
        }
        for model in models.dropFirst() {
            let gap = zip(model.weights.elements, models[0].weights.elements).map { abs(Double($0 - $1)) }.max()!
            #expect(gap <= bound, "\(solver) k=\(classes) \(T.self): weights differ by \(gap)")
        }
    }
}
