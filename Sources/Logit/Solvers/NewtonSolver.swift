import LogitNumerics

/// Newton's method (iteratively reweighted least squares) with a backtracking
/// line search.
///
/// Each iteration builds the Hessian with the backend's syrk/gemm, solves
/// H·Δ = ∇L by Cholesky (the backend's `posv`: LAPACKE on the BLAS backend),
/// and steps θ ← θ − t·Δ with t halved until the objective decreases enough
/// (Armijo). It needs a p×p Hessian, p = k′·(d+1): it refuses, naming the
/// solver to use instead, when that exceeds
/// ``TrainingConfiguration/newtonMaxHessianBytes``.
enum NewtonSolver {
    /// Rows per block of the Hessian assembly.
    static let blockRows = 512

    static func checkSize<T: LogitScalar>(order p: Int, features d: Int, outputs k: Int,
                                          configuration: TrainingConfiguration, _: T.Type) throws(TrainingError) {
        let bytes = Double(p) * Double(p) * Double(MemoryLayout<T>.stride)
        if bytes > Double(configuration.newtonMaxHessianBytes) {
            let mib = (bytes / 1_048_576).rounded()
            let limit = configuration.newtonMaxHessianBytes >> 20
            throw .tooLarge(
                "the newton solver needs a \(p)×\(p) Hessian (\(Int(mib)) MiB) for \(d) features and \(k) output(s), over its limit of \(limit) MiB; use the lbfgs solver (or sgd) for this many features")
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func run<T: LogitScalar>(_ state: inout SolverState<T>) throws(TrainingError) -> (Double, Double, Bool) {
        let p = state.objective.hessianOrder
        try checkSize(order: p, features: state.objective.features, outputs: state.objective.outputs,
                      configuration: state.configuration, T.self)
        let backend = state.objective.backend
        var gradient = [T](repeating: 0, count: state.theta.count)
        var trialGradient = gradient
        var trial = state.theta
        var hessian = Matrix<T>(rows: p, columns: p)
        var rhs = Matrix<T>(rows: p, columns: 1)
        let index = (0..<state.theta.count).map { state.objective.hessianIndex(ofParameter: $0) }
        var value = try state.objective.valueAndGradient(state.theta, &gradient)
        state.setToleranceFloor(initialGradientNorm: state.norm(gradient))
        var previous = Double.nan
        for _ in 0..<state.maxIterations {
            if let done = try state.stopOrRecord(value: value, gradient: &gradient, previous: &previous) { return done }
            let norm = SolverState<T>.norm(gradient, kind: .euclidean, backend: backend)
            try state.objective.hessian(state.theta, into: &hessian, blockRows: blockRows)
            rhs.withUnsafeMutableBufferPointer { r in
                for j in 0..<gradient.count { r[index[j]] = gradient[j] }
            }
            do {
                try backend.posv(&hessian, &rhs)
            } catch {
                throw .numericFailure(
                    "the Hessian is not positive definite (\(error.description)); add an L2 penalty (l2 > 0), remove constant or duplicate features, or use the lbfgs solver")
            }
            // Newton direction −Δ; ∇L·Δ > 0 since H is positive definite.
            let direction = (0..<gradient.count).map { -rhs[index[$0], 0] }
            let slope = zip(gradient, direction).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            guard let accepted = try LineSearch.backtrack(&state.objective, from: state.theta, direction: direction, value: value,
                                           gradientNorm: norm, slope: slope, initialStep: 1,
                                           trial: &trial, trialGradient: &trialGradient) else {
                state.stopReason = .lineSearchStalled
                return try state.finish(gradient: &gradient, finalValue: value,
                                        converged: state.norm(gradient) <= state.stallTolerance)
            }
            value = accepted
            swap(&state.theta, &trial)
            swap(&gradient, &trialGradient)
        }
        if state.norm(gradient) <= state.tolerance { state.stopReason = .gradientTolerance }
        return try state.finish(gradient: &gradient, finalValue: value)
    }
}

