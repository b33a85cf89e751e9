import LogitNumerics

/// Full-batch (proximal) gradient descent.
///
/// Per epoch e: evaluate L and ∇L at θ in one pass over X, then
/// θ ← θ − η_e·∇L, and with λ₁ > 0 soft-threshold the weights by η_e·λ₁.
/// Zero initialization. With the default settings this is the textbook
/// from-scratch NumPy loop (η = 0.01, 100 epochs, λ₂ = 0.01).
enum GradientDescent {
    static func run<T: LogitScalar>(_ state: inout SolverState<T>) throws(TrainingError) -> (Double, Double, Bool) {
        var gradient = [T](repeating: 0, count: state.theta.count)
        let config = state.configuration
        var previous = Double.nan
        var value = 0.0
        for epoch in 0..<state.maxIterations {
            value = try state.objective.valueAndGradient(state.theta, &gradient)
            let norm = SolverState<T>.norm(gradient)
            if config.l1 == 0 && norm <= state.tolerance {
                state.stopReason = .gradientTolerance
                return try state.finish(gradient: &gradient, finalValue: value, converged: true)
            }
            if state.objectiveSettled(previous: previous, current: value) {
                state.stopReason = .objectiveTolerance
                return try state.finish(gradient: &gradient, finalValue: value, converged: true)
            }
            try state.record(value: value, gradientNorm: norm)
            previous = value
            let rate = T(config.schedule.rate(base: config.learningRate, epoch: epoch))
            let before = config.l1 > 0 ? state.theta : []
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
