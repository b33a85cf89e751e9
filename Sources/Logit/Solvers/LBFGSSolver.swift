#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogitNumerics

/// Limited-memory BFGS with a backtracking (Armijo) line search.
///
/// Keeps the last m pairs sⱼ = θⱼ₊₁ − θⱼ, yⱼ = ∇Lⱼ₊₁ − ∇Lⱼ (m =
/// ``TrainingConfiguration/lbfgsMemory``) and computes the direction by the
/// two-loop recursion with the initial scaling γ = sᵀy / yᵀy. A pair is kept
/// only when sᵀy > 0 (always true for this strictly convex objective with λ₂ > 0,
/// except for rounding). Memory: 2·m·p values, allocated once; every vector
/// operation of the two-loop recursion (dot, axpy, scal, nrm2) goes through the
/// backend's kernels. Each iteration costs one or a few passes over X. The
/// solver for large feature counts.
enum LBFGSSolver {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func run<T: LogitScalar>(_ state: inout SolverState<T>) throws(TrainingError) -> (Double, Double, Bool) {
        let p = state.theta.count
        let memory = state.configuration.lbfgsMemory
        let backend = state.objective.backend
        var gradient = [T](repeating: 0, count: p)
        var trialGradient = gradient
        // sⱼ and yⱼ, one row of p each, in ring buffers of `memory` rows.
        var s = [T](repeating: 0, count: memory * p)
        var y = s
        var rho = [T](repeating: 0, count: memory)
        var alpha = [T](repeating: 0, count: memory)
        var stored = 0, newest = -1
        var direction = [T](repeating: 0, count: p)
        var trial = [T](repeating: 0, count: p)
        var value = try state.objective.valueAndGradient(state.theta, &gradient)
        state.setToleranceFloor(initialGradientNorm: state.norm(gradient))
        var previous = Double.nan

        // The backend's shape checks cannot fail here: every vector has p elements.
        func dot(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> T { (try? backend.dot(a, b)) ?? .nan }
        func axpy(_ alpha: T, _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) { try? backend.axpy(alpha, x, y) }
        func l2(_ x: UnsafeBufferPointer<T>) -> Double { Double((try? backend.nrm2(x)) ?? .nan) }

        for iteration in 0..<state.maxIterations {
            if let done = try state.stopOrRecord(value: value, gradient: &gradient, previous: &previous) { return done }
            let euclidean = gradient.withUnsafeBufferPointer { l2($0) }

            // Two-loop recursion: direction = −H·∇L.
            var slope: Double = 0
            s.withUnsafeBufferPointer { s in
                y.withUnsafeBufferPointer { y in
                    gradient.withUnsafeBufferPointer { g in
                        direction.withUnsafeMutableBufferPointer { q in
                            func row(_ m: UnsafeBufferPointer<T>, _ j: Int) -> UnsafeBufferPointer<T> {
                                UnsafeBufferPointer(rebasing: m[(j * p)..<((j + 1) * p)])
                            }
                            for j in 0..<p { q[j] = -g[j] }
                            var slot = newest
                            for _ in 0..<stored {
                                alpha[slot] = rho[slot] * dot(row(s, slot), UnsafeBufferPointer(q))
                                axpy(-alpha[slot], row(y, slot), q)
                                slot = (slot - 1 + memory) % memory
                            }
                            if stored > 0 {
                                let gamma = dot(row(s, newest), row(y, newest)) / dot(row(y, newest), row(y, newest))
                                try? backend.scal(gamma, q)
                            }
                            slot = (newest - stored + 1 + memory) % memory
                            for _ in 0..<stored {
                                let beta = rho[slot] * dot(row(y, slot), UnsafeBufferPointer(q))
                                axpy(alpha[slot] - beta, row(s, slot), q)
                                slot = (slot + 1) % memory
                            }
                            slope = Double(dot(g, UnsafeBufferPointer(q)))
                            if !(slope < 0) {
                                // Not a descent direction (rounding): restart from steepest descent.
                                stored = 0
                                for j in 0..<p { q[j] = -g[j] }
                                slope = -euclidean * euclidean
                            }
                        }
                    }
                }
            }
            // The first step has no curvature information: keep its length at most 1.
            let t: T = stored == 0 && iteration == 0 ? T(min(1, 1 / euclidean)) : 1
            guard let accepted = try LineSearch.backtrack(&state.objective, from: state.theta, direction: direction,
                                                          value: value, gradientNorm: euclidean, slope: slope,
                                                          initialStep: t, trial: &trial,
                                                          trialGradient: &trialGradient) else {
                state.stopReason = .lineSearchStalled
                return try state.finish(gradient: &gradient, finalValue: value,
                                        converged: state.norm(gradient) <= state.stallTolerance)
            }
            value = accepted
            let next = (newest + 1) % memory
            var sy: T = 0, yy: T = 0, ss: T = 0
            s.withUnsafeMutableBufferPointer { s in
                y.withUnsafeMutableBufferPointer { y in
                    let sNext = UnsafeMutableBufferPointer(rebasing: s[(next * p)..<((next + 1) * p)])
                    let yNext = UnsafeMutableBufferPointer(rebasing: y[(next * p)..<((next + 1) * p)])
                    for j in 0..<p {
                        sNext[j] = trial[j] - state.theta[j]
                        yNext[j] = trialGradient[j] - gradient[j]
                    }
                    sy = dot(UnsafeBufferPointer(sNext), UnsafeBufferPointer(yNext))
                    yy = dot(UnsafeBufferPointer(yNext), UnsafeBufferPointer(yNext))
                    ss = dot(UnsafeBufferPointer(sNext), UnsafeBufferPointer(sNext))
                }
            }
            if sy > 0 && Double(sy) > 1e-12 * Double(yy).squareRoot() * Double(ss).squareRoot() {
                rho[next] = 1 / sy
                newest = next
                stored = min(stored + 1, memory)
            }
            swap(&state.theta, &trial)
            swap(&gradient, &trialGradient)
        }
        if state.norm(gradient) <= state.tolerance { state.stopReason = .gradientTolerance }
        return try state.finish(gradient: &gradient, finalValue: value)
    }
}
