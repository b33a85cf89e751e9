import LogitNumerics

/// Backtracking line search shared by Newton and L-BFGS.
///
/// From θ along a descent direction Δ (slope ∇L·Δ < 0), tries t = t₀, t₀/2, …
/// and accepts the first θ + t·Δ that satisfies Armijo's sufficient decrease
/// L(θ + tΔ) ≤ L(θ) + 10⁻⁴·t·∇L·Δ with a real decrease. Close to the optimum
/// the decrease falls below the rounding of L (about 1e-16·L in Double), where
/// Armijo can neither be trusted nor fail; there it accepts a step that keeps
/// L within rounding and shrinks ‖∇L‖, which is what convergence is measured by.
enum LineSearch {
    static func backtrack<T: LogitScalar>(
        _ objective: inout LogisticObjective<T>, from theta: [T], direction: [T], value: Double,
        gradientNorm: Double, slope: Double, initialStep: T, trials: Int = 50,
        trial: inout [T], trialGradient: inout [T]
    ) throws(TrainingError) -> Double? {
        let noise = 64 * Double(T.ulpOfOne) * max(abs(value), 1)
        var t = initialStep
        for _ in 0..<trials {
            var moved = false
            for j in 0..<theta.count {
                trial[j] = theta[j] + t * direction[j]
                if trial[j] != theta[j] { moved = true }
            }
            if !moved { return nil }
            let trialValue = try objective.valueAndGradient(trial, &trialGradient)
            if trialValue < value && trialValue <= value + 1e-4 * Double(t) * slope { return trialValue }
            if abs(trialValue - value) <= noise && SolverState<T>.norm(trialGradient, kind: .euclidean, backend: objective.backend) < gradientNorm { return trialValue }
            t /= 2
        }
        return nil
    }
}
