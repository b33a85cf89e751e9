import ArgumentParser
import Logit
import LogitNumerics

/// The solver, penalty and backend options shared by `train`, `cv` and `tune`.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Solver: gd (full-batch gradient descent), sgd (mini-batch), newton (IRLS), lbfgs.")
    var solver: Solver = .lbfgs

    @Option(name: .customLong("learning-rate"), help: "Learning rate of gd and sgd.")
    var learningRate: Double = 0.01

    @Option(help: "Epochs (gd, sgd) or iterations (newton, lbfgs). Default: 100 for gd and sgd, 50 newton, 1000 lbfgs.")
    var epochs: Int?

    @Option(name: .customLong("batch-size"), help: "Rows per mini-batch (sgd).")
    var batchSize: Int = 32

    @Option(name: .customLong("C"),
            help: "Inverse regularization strength, as scikit-learn's C: λ₂ = 1/(C·n) for n training rows. Default 1 (unless --l2 is given).")
    var inverseRegularization: Double?

    @Option(help: "Absolute L2 penalty λ₂ on the weights, instead of --C.")
    var l2: Double?

    @Option(help: "L1 penalty λ₁ on the weights (gd and sgd only).")
    var l1: Double = 0

    @Option(name: .customLong("class-weight"), help: "Class weights: none, or balanced (n / (k·n_c)).")
    var classWeight: ClassWeightChoice = .none

    @Option(help: "Stop when the largest gradient component (--gradient-norm) is at most this. Default: 1e-4 for newton and lbfgs (scikit-learn's tol), 0 (run every epoch) for gd and sgd. For a tight optimum: --tolerance 1e-10.")
    var tolerance: Double?

    @Option(name: .customLong("gradient-norm"), help: "The norm --tolerance bounds: max (largest component, as scikit-learn/SciPy) or l2.")
    var gradientNorm: GradientNorm = .maxAbsolute

    @Option(name: .customLong("objective-tolerance"),
            help: "Stop when the objective changes by at most this, relative to max(|L|, |L′|, 1). Default: 64·ε ≈ 1.4e-14 for newton and lbfgs (scikit-learn's), 0 (off) for gd and sgd.")
    var objectiveTolerance: Double?

    @Option(name: .customLong("objective-every"),
            help: "gd only: compute the loss every k-th epoch and after the last (the epochs between skip it).")
    var objectiveEvery: Int = 1

    @Option(help: "Seed of the train/test split, the folds and the sgd shuffle.")
    var seed: UInt64 = 0

    @Option(help: "Numeric backend: blas or swift (default: LOGIT_BACKEND, else blas when built with OpenBLAS).")
    var backend: BackendKind?

    @Option(help: "Threads for training (default: LOGIT_THREADS, else 1).")
    var threads: Int?

    @Flag(name: .customLong("no-standardize"), help: "Do not z-score the features (standardization is on by default).")
    var noStandardize = false

    func validate() throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw ValidationError("--learning-rate \(learningRate) must be a number > 0")
        }
        if let epochs, epochs < 1 { throw ValidationError("--epochs \(epochs) must be ≥ 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size \(batchSize) must be ≥ 1") }
        if let l2, !(l2 >= 0 && l2.isFinite) { throw ValidationError("--l2 \(l2) must be a number ≥ 0") }
        if let c = inverseRegularization, !(c > 0 && c.isFinite) { throw ValidationError("--C \(c) must be a number > 0") }
        if l2 != nil && inverseRegularization != nil { throw ValidationError("give --C or --l2, not both") }
        if let objectiveTolerance, !(objectiveTolerance >= 0) {
            throw ValidationError("--objective-tolerance \(objectiveTolerance) must be ≥ 0")
        }
        guard objectiveEvery >= 1 else { throw ValidationError("--objective-every \(objectiveEvery) must be ≥ 1") }
        guard l1 >= 0, l1.isFinite else { throw ValidationError("--l1 \(l1) must be a number ≥ 0") }
        if l1 > 0 && (solver == .newton || solver == .lbfgs) {
            throw ValidationError("--l1 \(l1) needs --solver gd or sgd (\(solver) does not support an L1 penalty)")
        }
        if let tolerance, !(tolerance >= 0) { throw ValidationError("--tolerance \(tolerance) must be ≥ 0") }
        if let threads, threads < 1 { throw ValidationError("--threads \(threads) must be ≥ 1") }
        if backend == .blas && !BackendKind.isBLASAvailable {
            throw ValidationError("--backend blas is not in this build (built without the OpenBLAS trait); use --backend swift")
        }
    }

    /// The training configuration these options describe.
    var configuration: TrainingConfiguration {
        var configuration = TrainingConfiguration(solver: solver)
        if let l2 { configuration.l2 = l2 } else { configuration.C = inverseRegularization ?? 1 }
        configuration.gradientNorm = gradientNorm
        configuration.objectiveTolerance = objectiveTolerance
        configuration.objectiveEvery = objectiveEvery
        configuration.learningRate = learningRate
        configuration.maxIterations = epochs
        configuration.batchSize = batchSize
        configuration.l1 = l1
        configuration.classWeighting = classWeight.weighting
        configuration.gradientTolerance = tolerance
        configuration.seed = seed
        return configuration
    }

    /// The backend chosen by `--backend`, `LOGIT_BACKEND` or the build.
    func resolvedBackend() throws -> BackendKind {
        if let backend { return backend }
        do {
            return try BackendKind.fromEnvironment()
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Whether features are standardized.
    var standardize: Bool { !noStandardize }
}
