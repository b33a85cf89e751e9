import LogitNumerics

/// Full-batch (proximal) gradient descent.
///
/// Per epoch e: evaluate L and ∇L at θ in one pass over X, then
/// θ ← θ − η_e·∇L, and with λ₁ > 0 soft-threshold the weights by η_e·λ₁.
/// Zero initialization. With the default settings this is the textbook
/// from-scratch NumPy loop (η = 0.01, 100 epochs, λ₂ = 0.01).
enum GradientDescent {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func run<T: LogitScalar>(_ state: inout SolverState<T>) throws(TrainingError) -> (Double, Double, Bool) {
        var gradient = [T](repeating: 0, count: state.theta.count)
        let config = state.configuration
        var previous = Double.nan
        // θ before the step, for the proximal-gradient test (allocated once, used with λ₁ > 0).
        var before = [T](repeating: 0, count: config.l1 > 0 ? state.theta.count : 0)
        let every = max(config.objectiveEvery, 1)
        for epoch in 0..<state.maxIterations {
            // The loss is a fifth of a small epoch's work: skip it between recorded epochs.
            let computeLoss = epoch % every == 0
            let value = try state.objective.valueAndGradient(state.theta, &gradient, computeLoss: computeLoss)
            // With λ₁ > 0 the smooth gradient is not zero at the optimum: the proximal step is tested below.
            if computeLoss {
                if let done = try state.stopOrRecord(value: value, gradient: &gradient, previous: &previous,
                                                     testGradient: config.l1 == 0) { return done }
            } else if let done = try state.stopOrRecordGradientOnly(gradient: &gradient, testGradient: config.l1 == 0) {
                return done
            }
            let rate = T(config.schedule.rate(base: config.learningRate, epoch: epoch))
            if config.l1 > 0 {
                for j in 0..<before.count { before[j] = state.theta[j] }
            }
            state.theta.withUnsafeMutableBufferPointer { t in
                for j in 0..<t.count { t[j] -= rate * gradient[j] }
            }
            if config.l1 > 0 {
                state.shrinkWeights(by: rate * T(config.l1))
                // The proximal gradient ‖θ − θ₊‖/η is zero exactly at a minimizer.
                let step = zip(before, state.theta).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
                if step.squareRoot() / Double(rate) <= state.tolerance {
                    state.stopReason = .gradientTolerance
                    return try state.finish(gradient: &gradient, converged: true)
                }
            }
        }
        return try state.finish(gradient: &gradient)
    }
}
