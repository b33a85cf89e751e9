import LogitNumerics

/// Limited-memory BFGS with a backtracking (Armijo) line search.
///
/// Keeps the last m pairs sⱼ = θⱼ₊₁ − θⱼ, yⱼ = ∇Lⱼ₊₁ − ∇Lⱼ (m =
/// ``TrainingConfiguration/lbfgsMemory``) and computes the direction by the
/// two-loop recursion with the initial scaling γ = sᵀy / yᵀy. A pair is kept
/// only when sᵀy > 0 (always true for this strictly convex objective with λ₂ > 0,
/// except for rounding). Memory: 2·m·p values; each iteration costs one or a
/// few passes over X. The solver for large feature counts.
enum LBFGSSolver {
    static func run<T: LogitScalar>(_ state: inout SolverState<T>) throws(TrainingError) -> (Double, Double, Bool) {
        let p = state.theta.count
        let memory = state.configuration.lbfgsMemory
        var gradient = [T](repeating: 0, count: p)
        var trialGradient = gradient
        var s = [[T]](repeating: [T](repeating: 0, count: p), count: memory)
        var y = s
        var rho = [Double](repeating: 0, count: memory)
        var alpha = [Double](repeating: 0, count: memory)
        var stored = 0, newest = -1
        var direction = [T](repeating: 0, count: p)
        var trial = [T](repeating: 0, count: p)
        var value = try state.objective.valueAndGradient(state.theta, &gradient)
        state.setToleranceFloor(initialGradientNorm: SolverState<T>.norm(gradient))
        var previous = Double.nan

        func dot(_ a: [T], _ b: [T]) -> Double {
            var sum = 0.0
            for j in 0..<a.count { sum += Double(a[j]) * Double(b[j]) }
            return sum
        }

        for iteration in 0..<state.maxIterations {
            if let done = try state.stopOrRecord(value: value, gradient: &gradient, previous: &previous) { return done }
            let norm = SolverState<T>.norm(gradient)

            // Two-loop recursion: direction = −H·∇L.
            for j in 0..<p { direction[j] = -gradient[j] }
            var slot = newest
            for _ in 0..<stored {
                alpha[slot] = rho[slot] * dot(s[slot], direction)
                let a = T(alpha[slot])
                for j in 0..<p { direction[j] -= a * y[slot][j] }
                slot = (slot - 1 + memory) % memory
            }
            if stored > 0 {
                let gamma = T(dot(s[newest], y[newest]) / dot(y[newest], y[newest]))
                for j in 0..<p { direction[j] *= gamma }
            }
            slot = (newest - stored + 1 + memory) % memory
            for _ in 0..<stored {
                let beta = rho[slot] * dot(y[slot], direction)
                let a = T(alpha[slot] - beta)
                for j in 0..<p { direction[j] += a * s[slot][j] }
                slot = (slot + 1) % memory
            }
            var slope = dot(gradient, direction)
            if !(slope < 0) {
                // Not a descent direction (rounding): restart from steepest descent.
                stored = 0
                for j in 0..<p { direction[j] = -gradient[j] }
                slope = -norm * norm
            }
            // The first step has no curvature information: keep its length at most 1.
            let t: T = stored == 0 && iteration == 0 ? T(min(1, 1 / norm)) : 1
            guard let accepted = try LineSearch.backtrack(&state.objective, from: state.theta, direction: direction, value: value,
                                           gradientNorm: norm, slope: slope, initialStep: t,
                                           trial: &trial, trialGradient: &trialGradient) else {
                state.stopReason = .lineSearchStalled
                return try state.finish(gradient: &gradient, finalValue: value, converged: norm <= state.stallTolerance)
            }
            value = accepted
            let next = (newest + 1) % memory
            for j in 0..<p {
                s[next][j] = trial[j] - state.theta[j]
                y[next][j] = trialGradient[j] - gradient[j]
            }
            let sy = dot(s[next], y[next])
            if sy > 1e-12 * dot(y[next], y[next]).squareRoot() * dot(s[next], s[next]).squareRoot() && sy > 0 {
                rho[next] = 1 / sy
                newest = next
                stored = min(stored + 1, memory)
            }
            swap(&state.theta, &trial)
            swap(&gradient, &trialGradient)
        }
        let norm = SolverState<T>.norm(gradient)
        if norm <= state.tolerance { state.stopReason = .gradientTolerance }
        return try state.finish(gradient: &gradient, finalValue: value)
    }
}
