/// Why a solver stopped.
public enum StopReason: String, Codable, Sendable {
    /// ‖∇L‖ fell to the gradient tolerance.
    case gradientTolerance
    /// The objective changed by less than the objective tolerance.
    case objectiveTolerance
    /// The iteration or epoch limit was reached first: not converged.
    case maxIterations
    /// The line search could make no more progress (the objective is flat to
    /// rounding): usually converged as far as the precision allows.
    case lineSearchStalled
}

/// What a training run did: the fitted model and how the optimization went.
public struct TrainingResult<Scalar: LogitScalar>: Sendable {
    /// The fitted model.
    public var model: LogisticModel<Scalar>
    /// Epochs (gd, sgd) or iterations (newton, lbfgs) run.
    public var iterations: Int
    /// The objective L at the final weights.
    public var finalObjective: Double
    /// The gradient's norm at the final weights (of the smooth part when λ₁ > 0),
    /// in the norm the stopping rule uses
    /// (``TrainingConfiguration/effectiveGradientNorm``: the largest component
    /// by default).
    public var gradientNorm: Double
    /// Whether a tolerance was met (never silently: `false` means the limit was hit).
    public var converged: Bool
    /// Why the solver stopped.
    public var stopReason: StopReason
    /// The objective at the start of each epoch or iteration, then the final one:
    /// `objectiveHistory[e]` is L before update e, the last element is L after
    /// the last update.
    public var objectiveHistory: [Double]
    /// The update index of each ``objectiveHistory`` entry: 0, 1, 2, … when the
    /// objective is computed every epoch; sparser with
    /// ``TrainingConfiguration/objectiveEvery`` > 1 (the last entry is always
    /// the final objective, at index ``iterations``).
    public var objectiveHistorySteps: [Int]
    /// The solver and backend that produced it.
    public var solver: Solver
    /// The backend the training ran on.
    public var backend: BackendKind
    /// The L2 penalty λ₂ the objective used (1/(C·n) when the configuration
    /// gives C).
    public var l2: Double
}

extension TrainingResult: CustomStringConvertible {
    /// One line: converged or not (never silently: a run that hit its
    /// iteration limit says so, as scikit-learn's `ConvergenceWarning` does),
    /// why it stopped, the iterations, objective and gradient norm.
    public var description: String {
        let unit = solver == .gradientDescent || solver == .stochasticGradientDescent ? "epochs" : "iterations"
        let status = converged ? "converged" : "did NOT converge (iteration limit reached; raise maxIterations or loosen the tolerance)"
        return "\(solver) \(status) after \(iterations) \(unit) (\(stopReason.rawValue)); objective \(finalObjective), gradient norm \(gradientNorm)"
    }
}

/// A progress report, sent after every epoch or iteration.
public struct TrainingProgress: Sendable {
    /// The epoch or iteration just finished (1-based).
    public var iteration: Int
    /// The iteration limit.
    public var maxIterations: Int
    /// The objective at the start of that iteration.
    public var objective: Double
    /// The gradient's norm at the start of that iteration (the stopping rule's norm).
    public var gradientNorm: Double
}

/// What a progress callback tells the trainer.
public enum TrainingControl: Sendable {
    /// Go on.
    case proceed
    /// Stop now: training throws ``TrainingError/cancelled``.
    case cancel
}

import LogitNumerics
