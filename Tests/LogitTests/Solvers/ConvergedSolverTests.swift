import Logit
import LogitNumerics
import Testing

/// Converged solvers must reach scikit-learn's optimum for C = 1/(n·λ₂)
/// (fixture made by `scripts/reference/make_training_fixtures.py`, where the
/// NumPy Newton and scikit-learn agree to 1e-15) to 1e-6 in the weights,
/// on both backends, binary (Raisin) and multinomial (synthetic).
///
/// The tolerance: at ‖∇L‖ ≤ 1e-10 the distance to the optimum is at most
/// ‖∇L‖/λ_min(∇²L) ≤ 1e-10/λ₂ = 1e-8, so 1e-6 has two orders of margin for Double.
/// Float cannot resolve 1e-6 on weights of order 1 (u ≈ 6e-8 per operation,
/// gradient noise ≈ n·u): it is checked to 1e-3.
@Suite("Converged solvers")
struct ConvergedSolverTests {
    static let solvers: [Solver] = [.newton, .lbfgs, .gradientDescent]

    static func configuration(_ solver: Solver) -> TrainingConfiguration {
        // These tests compare with a reference optimum: run to the tight rule
        // (‖∇L‖₂ ≤ 1e-10), not the scikit-learn default stop.
        var c = TrainingConfiguration.tight(TrainingConfiguration(solver: solver, l2: 0.01))
        if solver == .gradientDescent {
            // Long GD: step 1/L with L ≤ ‖X‖²/4n + λ₂; standardized Raisin has ‖X‖²/n ≤ 7.
            c.learningRate = 0.5
            c.maxIterations = 200_000
            c.gradientTolerance = 1e-10
        }
        return c
    }

    @Test(arguments: solvers, BackendKind.available)
    func raisinReachesScikitLearnsOptimum(solver: Solver, backend: BackendKind) throws {
        try check("training_raisin", solver, backend, Double.self, tolerance: 1e-6)
        if solver != .gradientDescent { try check("training_raisin", solver, backend, Float.self, tolerance: 1e-3) }
    }

    @Test(arguments: solvers, BackendKind.available)
    func multinomialReachesScikitLearnsOptimum(solver: Solver, backend: BackendKind) throws {
        try check("training_multinomial", solver, backend, Double.self, tolerance: 1e-6)
    }

    func check<T: LogitScalar>(_ name: String, _ solver: Solver, _ backend: BackendKind, _: T.Type,
                               tolerance: Double) throws {
        let fixture = try TrainingFixture.load(name)
        let data = try FixtureData<T>(fixture)
        let result = try LogisticRegression<T>(configuration: Self.configuration(solver), backend: backend, threads: 1)
            .fit(data.train)
        let label = "\(name) \(solver) \(backend) \(T.self)"
        #expect(result.converged, "\(label): did not converge (\(result.stopReason), ‖g‖ = \(result.gradientNorm))")
        let weights = result.model.weights.elements.map(Double.init)
        var bias = result.model.bias.map(Double.init)
        let expected = Array(fixture.optimum.sklearn.weights.joined())
        var expectedBias = fixture.optimum.sklearn.bias
        // The multinomial bias is determined up to a common shift: compare centred.
        if bias.count > 1 {
            let shift = bias.reduce(0, +) / Double(bias.count)
            bias = bias.map { $0 - shift }
            let expectedShift = expectedBias.reduce(0, +) / Double(expectedBias.count)
            expectedBias = expectedBias.map { $0 - expectedShift }
        }
        let worst = zip(weights, expected).map { abs($0 - $1) }.max() ?? .infinity
        let worstBias = zip(bias, expectedBias).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= tolerance, "\(label): weights differ from scikit-learn's by \(worst)")
        #expect(worstBias <= tolerance, "\(label): bias differs by \(worstBias)")
        // Near the optimum the objective is flat: a weight error δ changes it by O(δ²).
        if T.self == Double.self {
            #expect(abs(result.finalObjective - fixture.optimum.objective) <= 1e-12,
                    "\(label): objective \(result.finalObjective) vs \(fixture.optimum.objective)")
        }
    }

    @Test func newtonConvergesInAHandfulOfIterations() throws {
        let data = try FixtureData<Double>(try TrainingFixture.load("training_raisin"))
        let result = try LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .newton)).fit(data.train)
        #expect(result.converged && result.iterations <= 12, "Newton took \(result.iterations) iterations")
    }
}
