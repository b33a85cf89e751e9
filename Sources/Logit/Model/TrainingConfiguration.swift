import LogitNumerics

/// The optimization algorithm that minimizes the training objective.
public enum Solver: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Full-batch gradient descent: one pass over X per epoch.
    case gradientDescent = "gd"
    /// Mini-batch stochastic gradient descent with a seeded shuffle and optional momentum.
    case stochasticGradientDescent = "sgd"
    /// Newton's method (IRLS) with Cholesky solves: converges in a handful of
    /// iterations when the parameter count is moderate (a few thousand).
    case newton
    /// Limited-memory BFGS with a backtracking line search: the solver for
    /// large feature counts.
    case lbfgs

    public var description: String { rawValue }
}

/// How the learning rate of the gradient solvers changes with the epoch e (0-based).
public enum LearningRateSchedule: Codable, Sendable, Equatable {
    /// η_e = η.
    case constant
    /// η_e = η·factor^⌊e / stepSize⌋.
    case stepDecay(factor: Double, stepSize: Int)
    /// η_e = η·factor^e.
    case exponential(factor: Double)
    /// η_e = η / (1 + decay·e).
    case inverseTime(decay: Double)

    /// The learning rate of epoch `epoch` (0-based) for base rate `base`.
    public func rate(base: Double, epoch: Int) -> Double {
        switch self {
        case .constant: return base
        case let .stepDecay(factor, stepSize): return base * pow(factor, Double(epoch / max(stepSize, 1)))
        case let .exponential(factor): return base * pow(factor, Double(epoch))
        case let .inverseTime(decay): return base / (1 + decay * Double(epoch))
        }
    }
}

/// Per-class weights multiplying each row's loss.
public enum ClassWeighting: Codable, Sendable, Equatable {
    /// Every class weighs 1.
    case none
    /// Class c weighs n / (k·n_c), so every class contributes equally in total.
    case balanced
    /// Class c weighs `weights[c]` (one non-negative weight per class).
    case explicit([Double])
}

/// Everything that determines a training run, besides the data.
///
/// The objective minimized is, for n rows with sample weights sᵢ (1 unless
/// given, times the class weight of the row's class):
///
///     L(W, b) = (1/n)·Σᵢ sᵢ·ℓᵢ + (λ₂/2)·‖W‖² + λ₁·‖W‖₁
///
/// where ℓᵢ is the cross-entropy of row i (−log of the probability the model
/// gives its class: sigmoid for two classes, softmax for more). The bias is
/// not penalized. With λ₁ = 0 this is scikit-learn's `LogisticRegression`
/// objective divided by n·C, for C = 1/(n·λ₂): both have the same minimizer.
///
/// The defaults are the classic from-scratch gradient descent: learning rate
/// 0.01, 100 epochs, λ₂ = 0.01, zero initialization.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// The optimization algorithm.
    public var solver: Solver = .gradientDescent
    /// Base learning rate η of the gradient solvers (`gd`, `sgd`).
    public var learningRate: Double = 0.01
    /// How η changes per epoch (`gd`, `sgd`).
    public var schedule: LearningRateSchedule = .constant
    /// Epochs (`gd`, `sgd`) or iterations (`newton`, `lbfgs`); `nil` means the
    /// solver's default: 100, 100, 50 and 1000.
    public var maxIterations: Int? = nil
    /// L2 penalty λ₂ ≥ 0 on the weights.
    public var l2: Double = 0.01
    /// L1 penalty λ₁ ≥ 0 on the weights, applied by a proximal (soft-threshold)
    /// step; only the gradient solvers support it.
    public var l1: Double = 0
    /// Stop when ‖∇L‖₂ ≤ this. `nil` means the solver's default: 0 (never; run
    /// every epoch) for `gd` and `sgd`, 1e-10 for `newton` and `lbfgs`. With
    /// λ₁ > 0 the norm is that of the proximal gradient step divided by η.
    public var gradientTolerance: Double? = nil
    /// Stop when the objective changes by at most this relative amount,
    /// |ΔL| ≤ tol·max(|L|, 1), between two iterations; 0 disables it.
    public var objectiveTolerance: Double = 0
    /// Rows per mini-batch (`sgd`).
    public var batchSize: Int = 32
    /// Heavy-ball momentum μ in [0, 1) (`sgd`): v ← μ·v − η·g; w ← w + v.
    public var momentum: Double = 0
    /// Seed of the shuffle (`sgd`): the same seed gives the same model.
    public var seed: UInt64 = 0
    /// Class weights.
    public var classWeighting: ClassWeighting = .none
    /// Number of (s, y) pairs L-BFGS keeps.
    public var lbfgsMemory: Int = 10
    /// The largest Hessian Newton may allocate, in bytes (default 512 MiB).
    public var newtonMaxHessianBytes: Int = 512 << 20

    /// The classic defaults (see the type's documentation).
    public init() {}

    /// A configuration for `solver` with its defaults, and λ₂ = `l2`.
    public init(solver: Solver, l2: Double = 0.01) {
        self.solver = solver
        self.l2 = l2
    }

    /// The iteration limit in force: ``maxIterations`` or the solver's default.
    public var effectiveMaxIterations: Int {
        if let maxIterations { return maxIterations }
        switch solver {
        case .gradientDescent, .stochasticGradientDescent: return 100
        case .newton: return 50
        case .lbfgs: return 1000
        }
    }

    /// The gradient tolerance in force: ``gradientTolerance`` or the solver's default.
    public var effectiveGradientTolerance: Double {
        if let gradientTolerance { return gradientTolerance }
        switch solver {
        case .gradientDescent, .stochasticGradientDescent: return 0
        case .newton, .lbfgs: return 1e-10
        }
    }

    /// Checks every setting's range.
    ///
    /// - Throws: ``TrainingError/invalidConfiguration(_:)`` naming the setting.
    public func validate() throws(TrainingError) {
        func fail(_ message: String) -> TrainingError { .invalidConfiguration(message) }
        guard learningRate > 0, learningRate.isFinite else { throw fail("learning rate \(learningRate) must be > 0") }
        guard effectiveMaxIterations >= 0 else { throw fail("max iterations \(effectiveMaxIterations) must be ≥ 0") }
        guard l2 >= 0, l2.isFinite else { throw fail("l2 \(l2) must be ≥ 0") }
        guard l1 >= 0, l1.isFinite else { throw fail("l1 \(l1) must be ≥ 0") }
        guard effectiveGradientTolerance >= 0 else { throw fail("gradient tolerance must be ≥ 0") }
        guard objectiveTolerance >= 0 else { throw fail("objective tolerance must be ≥ 0") }
        guard batchSize >= 1 else { throw fail("batch size \(batchSize) must be ≥ 1") }
        guard momentum >= 0, momentum < 1 else { throw fail("momentum \(momentum) must be in [0, 1)") }
        guard lbfgsMemory >= 1 else { throw fail("L-BFGS memory \(lbfgsMemory) must be ≥ 1") }
        if l1 > 0 && (solver == .newton || solver == .lbfgs) {
            throw fail("solver \(solver) does not support an L1 penalty (l1 = \(l1)); use gd or sgd")
        }
        switch schedule {
        case .constant: break
        case let .stepDecay(factor, stepSize):
            guard factor > 0, stepSize >= 1 else { throw fail("step decay needs factor > 0 and step size ≥ 1") }
        case let .exponential(factor):
            guard factor > 0 else { throw fail("exponential decay factor \(factor) must be > 0") }
        case let .inverseTime(decay):
            guard decay >= 0 else { throw fail("inverse-time decay \(decay) must be ≥ 0") }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
