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
    var iterations = 0
    var stopReason: StopReason = .maxIterations

    init(objective: LogisticObjective<T>, configuration: TrainingConfiguration,
         progress: ((TrainingProgress) -> TrainingControl)?) {
        self.objective = objective
        self.configuration = configuration
        self.progress = progress
        self.theta = [T](repeating: 0, count: objective.parameterCount)
        self.tolerance = configuration.effectiveGradientTolerance
    }

    var maxIterations: Int { configuration.effectiveMaxIterations }
    /// The gradient tolerance, raised to what the precision can resolve (see
    /// ``setToleranceFloor(initialGradientNorm:)``).
    private(set) var tolerance: Double = 0

    /// A gradient computed in `T` carries rounding noise of about ε·‖∇L(0)‖, so
    /// a tolerance below 100·ε·max(‖∇L(0)‖, 1) cannot be met: for `Float`
    /// (ε ≈ 1.2e-7) that is about 1e-5; for `Double` it changes nothing above 2e-14.
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
        history.append(value)
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
        let norm = Self.norm(gradient)
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

    /// Whether the objective changed by at most the relative objective tolerance.
    func objectiveSettled(previous: Double, current: Double) -> Bool {
        configuration.objectiveTolerance > 0
            && abs(previous - current) <= configuration.objectiveTolerance * max(abs(current), 1)
    }

    /// ‖g‖₂ in Double.
    static func norm(_ g: [T]) -> Double {
        g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
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
        let norm = Self.norm(gradient)
        let met = converged ?? (stopReason != .maxIterations || (tolerance > 0 && norm <= tolerance))
        if met && stopReason == .maxIterations { stopReason = .gradientTolerance }
        return (value, norm, met)
    }
}
