import LogitNumerics

/// What every solver shares: the objective, the settings, the progress callback,
/// and the record of the run (objective history, iterations, why it stopped).
struct SolverState<T: LogitScalar> {
    var objective: LogisticObjective<T>
    let configuration: TrainingConfiguration
    let progress: ((TrainingProgress) -> TrainingControl)?
    /// θ = [W (k′×d, row-major), b (k′)].
    var theta: [T]
    var history: [Double] = []
    /// The update index of each ``history`` entry (the history is sparse when
    /// the loss is computed only every k-th epoch).
    var historySteps: [Int] = []
    var iterations = 0
    var stopReason: StopReason = .maxIterations

    init(objective: LogisticObjective<T>, configuration: TrainingConfiguration,
         progress: ((TrainingProgress) -> TrainingControl)?) {
        self.objective = objective
        self.configuration = configuration
        self.progress = progress
        self.theta = [T](repeating: 0, count: objective.parameterCount)
        self.tolerance = configuration.effectiveGradientTolerance
        self.objectiveTolerance = configuration.effectiveObjectiveTolerance
        self.gradientNorm = configuration.effectiveGradientNorm
    }

    /// The relative objective-change tolerance in force.
    let objectiveTolerance: Double
    /// The norm the gradient tolerance bounds.
    let gradientNorm: GradientNorm

    var maxIterations: Int { configuration.effectiveMaxIterations }
    /// The gradient tolerance, raised to what the precision can resolve (see
    /// ``setToleranceFloor(initialGradientNorm:)``).
    private(set) var tolerance: Double = 0

    /// A gradient computed in `T` carries rounding noise of about ε·‖∇L(0)‖, so
    /// a tolerance below 100·ε·max(‖∇L(0)‖, 1) cannot be met: for `Float`
    /// (ε ≈ 1.2e-7) that is about 1e-5; for `Double` it changes nothing above 2e-14.
    /// (The norm is the one the rule uses: ``gradientNorm``.)
    mutating func setToleranceFloor(initialGradientNorm: Double) {
        tolerance = max(configuration.effectiveGradientTolerance,
                        100 * Double(T.ulpOfOne) * max(initialGradientNorm, 1))
    }

    /// When the line search can make no more progress the iterate is at the
    /// rounding floor; that counts as converged within 10× the tolerance.
    var stallTolerance: Double { 10 * tolerance }

    /// Records the objective at the start of an update, tells the callback,
    /// and honours cancellation (callback or task).
    mutating func record(value: Double, gradientNorm: Double) throws(TrainingError) {
        if !value.isNaN {
            history.append(value)
            historySteps.append(iterations)
        }
        iterations += 1
        if let progress {
            let report = TrainingProgress(iteration: iterations, maxIterations: maxIterations,
                                          objective: value, gradientNorm: gradientNorm)
            if progress(report) == .cancel { throw .cancelled }
        }
        if Task.isCancelled { throw .cancelled }
    }

    /// The stopping tests at the start of an iteration, at objective `value`
    /// with `gradient`: when ‖∇L‖ meets the tolerance (if `testGradient`) or the
    /// objective has settled since `previous`, returns the finished result;
    /// otherwise records the iteration (progress, cancellation), sets
    /// `previous` to `value` and returns nil.
    mutating func stopOrRecord(value: Double, gradient: inout [T], previous: inout Double,
                               testGradient: Bool = true) throws(TrainingError) -> (Double, Double, Bool)? {
        let norm = self.norm(gradient)
        try checkFinite(value: value, gradientNorm: norm)
        if testGradient && norm <= tolerance {
            stopReason = .gradientTolerance
            return try finish(gradient: &gradient, finalValue: value, converged: true)
        }
        if objectiveSettled(previous: previous, current: value) {
            stopReason = .objectiveTolerance
            return try finish(gradient: &gradient, finalValue: value, converged: true)
        }
        try record(value: value, gradientNorm: norm)
        previous = value
        return nil
    }

    /// The stopping test of an epoch whose loss was not computed (gd with
    /// ``TrainingConfiguration/objectiveEvery`` > 1): only the gradient is
    /// tested and checked for NaN/∞; the epoch leaves no history entry.
    mutating func stopOrRecordGradientOnly(gradient: inout [T], testGradient: Bool) throws(TrainingError) -> (Double, Double, Bool)? {
        let norm = self.norm(gradient)
        if !norm.isFinite { try checkFinite(value: .nan, gradientNorm: norm) }
        if testGradient && norm <= tolerance {
            stopReason = .gradientTolerance
            return try finish(gradient: &gradient, converged: true)
        }
        try record(value: .nan, gradientNorm: norm)
        return nil
    }

    /// Whether the objective changed by at most the relative objective
    /// tolerance: (L − L′) ≤ tol·max(|L|, |L′|, 1), SciPy L-BFGS-B's `ftol` test.
    func objectiveSettled(previous: Double, current: Double) -> Bool {
        objectiveTolerance > 0
            && abs(previous - current) <= objectiveTolerance * max(abs(previous), abs(current), 1)
    }

    /// A NaN or infinite objective or gradient is never an answer: training
    /// stops with an error that says what diverged and what to change.
    func checkFinite(value: Double, gradientNorm norm: Double) throws(TrainingError) {
        guard !value.isFinite || !norm.isFinite else { return }
        var advice = "check the features for huge values (standardize them) or lower the penalty"
        if configuration.solver == .gradientDescent || configuration.solver == .stochasticGradientDescent {
            advice = "the learning rate \(configuration.learningRate) is too large for these features; lower --learning-rate or standardize the features"
        }
        throw .diverged("the objective is \(value) and the gradient norm \(norm) after \(iterations) \(configuration.solver == .gradientDescent || configuration.solver == .stochasticGradientDescent ? "epochs" : "iterations"): \(advice)")
    }

    /// The gradient's norm as the stopping rule measures it (``gradientNorm``),
    /// in Double, through the backend's kernels.
    func norm(_ g: [T]) -> Double {
        Self.norm(g, kind: gradientNorm, backend: objective.backend)
    }

    /// maxⱼ |gⱼ| or ‖g‖₂ (overflow-free, the backend's nrm2).
    static func norm(_ g: [T], kind: GradientNorm, backend: any NumericBackend) -> Double {
        g.withUnsafeBufferPointer { buffer in
            switch kind {
            case .maxAbsolute:
                var largest: T = 0
                for value in buffer {
                    // NaN must propagate: max() would drop it.
                    if value.isNaN { return .nan }
                    largest = max(largest, abs(value))
                }
                return Double(largest)
            case .euclidean:
                return Double((try? backend.nrm2(buffer)) ?? .nan)
            }
        }
    }

    /// The number of weights (θ minus the biases).
    var weightCount: Int { objective.outputs * objective.features }

    /// Soft-thresholds the weights (not the biases) by `threshold`: the
    /// proximal step of λ₁‖W‖₁.
    mutating func shrinkWeights(by threshold: T) {
        guard threshold > 0 else { return }
        let count = weightCount
        theta.withUnsafeMutableBufferPointer { t in
            for j in 0..<count {
                let magnitude = abs(t[j]) - threshold
                t[j] = magnitude > 0 ? (t[j] > 0 ? magnitude : -magnitude) : 0
            }
        }
    }

    /// Evaluates the final objective and packages the result.
    mutating func finish(gradient: inout [T], finalValue: Double? = nil, converged: Bool? = nil)
        throws(TrainingError) -> (value: Double, gradientNorm: Double, converged: Bool) {
        let value: Double
        if let finalValue { value = finalValue } else { value = try objective.valueAndGradient(theta, &gradient) }
        history.append(value)
        historySteps.append(iterations)
        let norm = self.norm(gradient)
        try checkFinite(value: value, gradientNorm: norm)
        let met = converged ?? (stopReason != .maxIterations || (tolerance > 0 && norm <= tolerance))
        if met && stopReason == .maxIterations { stopReason = .gradientTolerance }
        return (value, norm, met)
    }
}
