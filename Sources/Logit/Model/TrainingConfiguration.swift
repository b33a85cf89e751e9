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

/// Which norm of the gradient ∇L a gradient tolerance bounds.
public enum GradientNorm: String, Codable, Sendable, CaseIterable {
    /// maxⱼ |∂L/∂θⱼ|: the test SciPy's L-BFGS-B applies (`pgtol`), and so
    /// scikit-learn's `tol` for its lbfgs and newton solvers.
    case maxAbsolute = "max"
    /// ‖∇L‖₂, the Euclidean norm (the rule of engine versions before 0.2).
    case euclidean = "l2"
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
/// not penalized.
///
/// ## Regularization as in scikit-learn
///
/// With λ₁ = 0 this is scikit-learn's `LogisticRegression` objective divided by
/// n·C when λ₂ = 1/(C·n): both have the same minimizer. So the penalty is given
/// either as ``C`` (the default, C = 1 like scikit-learn's; λ₂ is then computed
/// from the number of training rows n at fit time, so the same C means the
/// same thing on every fold and data size) or as an absolute ``l2``. Setting
/// ``l2`` switches to the absolute penalty (it sets ``C`` to nil).
///
/// ## Defaults and stopping
///
/// The default solver is L-BFGS, stopped as scikit-learn's lbfgs is (SciPy's
/// L-BFGS-B with `gtol = tol = 1e-4` and `ftol = 64·ε`): when the largest
/// gradient component is at most 1e-4 (``gradientNorm`` `.maxAbsolute`,
/// ``gradientTolerance``), or when the objective changed by at most 64·ε
/// relative to max(|L|, |L′|, 1) between two iterations
/// (``objectiveTolerance``). Because the objective is a mean over rows, this
/// tolerance is relative to the problem's scale, as scikit-learn's is. A tight
/// stop is one setting away: `gradientTolerance = 1e-10`, or the
/// ``tight(_:)`` configuration. ``TrainingResult/stopReason`` says which test
/// stopped a run. ``classicGradientDescent`` is the textbook from-scratch loop
/// (η = 0.01, 100 epochs, λ₂ = 0.01).
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    /// The optimization algorithm (default L-BFGS).
    public var solver: Solver = .lbfgs
    /// Base learning rate η of the gradient solvers (`gd`, `sgd`).
    public var learningRate: Double = 0.01
    /// How η changes per epoch (`gd`, `sgd`).
    public var schedule: LearningRateSchedule = .constant
    /// Epochs (`gd`, `sgd`) or iterations (`newton`, `lbfgs`); `nil` means the
    /// solver's default: 100, 100, 50 and 1000.
    public var maxIterations: Int? = nil
    /// Absolute L2 penalty λ₂ ≥ 0 on the weights, used when ``C`` is nil.
    /// Setting it sets ``C`` to nil.
    public var l2: Double = 0.01 {
        didSet { C = nil }
    }
    /// scikit-learn's inverse regularization strength C > 0: λ₂ = 1/(C·n) for n
    /// training rows (see ``effectiveL2(rows:)``). Default 1, scikit-learn's
    /// default; nil means the absolute ``l2``. Model files written before this
    /// setting existed decode it as nil (they used ``l2``).
    public var C: Double? = 1
    /// L1 penalty λ₁ ≥ 0 on the weights, applied by a proximal (soft-threshold)
    /// step; only the gradient solvers support it.
    public var l1: Double = 0
    /// Stop when the gradient's ``gradientNorm`` is at most this. `nil` means
    /// the solver's default: 0 (never; run every epoch) for `gd` and `sgd`,
    /// 1e-4 for `newton` and `lbfgs` (scikit-learn's `tol`). With λ₁ > 0 the
    /// norm is that of the proximal gradient step divided by η.
    public var gradientTolerance: Double? = nil
    /// Which norm ``gradientTolerance`` bounds: the largest component (the
    /// default, as SciPy and scikit-learn) or the Euclidean norm. Model files
    /// written before this setting existed decode it as nil, which means
    /// `.euclidean` (their rule).
    public var gradientNorm: GradientNorm? = .maxAbsolute
    /// Stop when the objective changes by at most this relative amount between
    /// two iterations, (L − L′) ≤ tol·max(|L|, |L′|, 1) (SciPy's `ftol` test);
    /// 0 disables it. `nil` means the solver's default: 64·ε ≈ 1.4e-14 for
    /// `newton` and `lbfgs` (what scikit-learn passes to SciPy), 0 for `gd`
    /// and `sgd`.
    public var objectiveTolerance: Double? = nil
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
    /// Compute the objective (the loss) in every `k`-th epoch of `gd` only,
    /// and after the last: the epochs in between skip the loss (about a fifth
    /// of a small epoch's work) and leave no history entry. 1 (the default)
    /// records every epoch. Ignored by the other solvers, whose stopping tests
    /// need the objective.
    public var objectiveEvery: Int = 1

    /// The defaults: L-BFGS, C = 1, scikit-learn's stopping rule (see the
    /// type's documentation).
    public init() {}

    /// A configuration for `solver` with its defaults (C = 1).
    public init(solver: Solver) {
        self.solver = solver
    }

    /// A configuration for `solver` with the absolute L2 penalty λ₂ = `l2`.
    public init(solver: Solver, l2: Double) {
        self.solver = solver
        self.l2 = l2
        self.C = nil
    }

    /// The classic from-scratch gradient descent: `gd`, η = 0.01, 100 epochs,
    /// λ₂ = 0.01, zero initialization, no stopping test (the textbook NumPy
    /// loop).
    public static var classicGradientDescent: TrainingConfiguration {
        var configuration = TrainingConfiguration(solver: .gradientDescent, l2: 0.01)
        configuration.learningRate = 0.01
        configuration.maxIterations = 100
        return configuration
    }

    /// `configuration` run to a tight optimum: ‖∇L‖₂ ≤ 1e-10 (or what the
    /// precision allows) and no objective-change test: for parity checks
    /// against a reference optimum.
    public static func tight(_ configuration: TrainingConfiguration) -> TrainingConfiguration {
        var tight = configuration
        tight.gradientTolerance = 1e-10
        tight.gradientNorm = .euclidean
        tight.objectiveTolerance = 0
        return tight
    }

    /// λ₂ for a training set of `rows` rows: 1/(C·rows) when ``C`` is set,
    /// else ``l2``.
    public func effectiveL2(rows: Int) -> Double {
        guard let C else { return l2 }
        return 1 / (C * Double(max(rows, 1)))
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
        case .newton, .lbfgs: return 1e-4
        }
    }

    /// The norm in force: ``gradientNorm``, or `.euclidean` for a
    /// configuration decoded from an older model file.
    public var effectiveGradientNorm: GradientNorm { gradientNorm ?? .euclidean }

    /// The relative objective-change tolerance in force: ``objectiveTolerance``
    /// or the solver's default.
    public var effectiveObjectiveTolerance: Double {
        if let objectiveTolerance { return objectiveTolerance }
        switch solver {
        case .gradientDescent, .stochasticGradientDescent: return 0
        case .newton, .lbfgs: return 64 * Double.ulpOfOne
        }
    }

    /// A one-line description of the stopping rule in force, e.g.
    /// `max|∇L| ≤ 1e-04 or relative ΔL ≤ 1.4e-14, at most 1000 iterations`.
    public var stoppingRuleDescription: String {
        var parts: [String] = []
        let g = effectiveGradientTolerance
        if g > 0 {
            let norm = effectiveGradientNorm == .maxAbsolute ? "max|∇L|" : "‖∇L‖₂"
            parts.append("\(norm) ≤ \(Self.short(g))")
        }
        let f = effectiveObjectiveTolerance
        if f > 0 { parts.append("relative ΔL ≤ \(Self.short(f))") }
        let limit = "at most \(effectiveMaxIterations) \(solver == .gradientDescent || solver == .stochasticGradientDescent ? "epochs" : "iterations")"
        return parts.isEmpty ? limit : parts.joined(separator: " or ") + ", " + limit
    }

    private static func short(_ value: Double) -> String {
        let text = "\(value)"
        guard value > 0, value < 1e-3 else { return text }
        let exponent = Int((log10(value)).rounded(.down))
        let mantissa = value / pow(10, Double(exponent))
        let m = (mantissa * 10).rounded() / 10
        return (m == m.rounded() ? "\(Int(m))" : "\(m)") + "e\(exponent)"
    }

    private enum CodingKeys: String, CodingKey {
        case solver, learningRate, schedule, maxIterations, l2, C, l1, gradientTolerance, gradientNorm,
             objectiveTolerance, batchSize, momentum, seed, classWeighting, lbfgsMemory, newtonMaxHessianBytes,
             objectiveEvery
    }

    /// Decodes a configuration; settings missing from the file (written by an
    /// older engine) take the meaning they had then: ``C`` and
    /// ``gradientNorm`` nil (absolute λ₂, Euclidean norm), the rest their
    /// defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = TrainingConfiguration()
        solver = try c.decodeIfPresent(Solver.self, forKey: .solver) ?? defaults.solver
        learningRate = try c.decodeIfPresent(Double.self, forKey: .learningRate) ?? defaults.learningRate
        schedule = try c.decodeIfPresent(LearningRateSchedule.self, forKey: .schedule) ?? defaults.schedule
        maxIterations = try c.decodeIfPresent(Int.self, forKey: .maxIterations)
        l2 = try c.decodeIfPresent(Double.self, forKey: .l2) ?? 0.01
        C = try c.decodeIfPresent(Double.self, forKey: .C)
        l1 = try c.decodeIfPresent(Double.self, forKey: .l1) ?? 0
        gradientTolerance = try c.decodeIfPresent(Double.self, forKey: .gradientTolerance)
        gradientNorm = try c.decodeIfPresent(GradientNorm.self, forKey: .gradientNorm)
        objectiveTolerance = try c.decodeIfPresent(Double.self, forKey: .objectiveTolerance)
        batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize) ?? defaults.batchSize
        momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? defaults.momentum
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
        classWeighting = try c.decodeIfPresent(ClassWeighting.self, forKey: .classWeighting) ?? defaults.classWeighting
        lbfgsMemory = try c.decodeIfPresent(Int.self, forKey: .lbfgsMemory) ?? defaults.lbfgsMemory
        newtonMaxHessianBytes = try c.decodeIfPresent(Int.self, forKey: .newtonMaxHessianBytes)
            ?? defaults.newtonMaxHessianBytes
        objectiveEvery = try c.decodeIfPresent(Int.self, forKey: .objectiveEvery) ?? 1
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
        guard effectiveObjectiveTolerance >= 0 else { throw fail("objective tolerance must be ≥ 0") }
        if let C { guard C > 0, C.isFinite else { throw fail("C \(C) must be > 0 (λ₂ = 1/(C·n))") } }
        guard objectiveEvery >= 1 else { throw fail("objective every \(objectiveEvery) epochs must be ≥ 1") }
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
