import LogitNumerics

/// Mini-batch stochastic gradient descent with a seeded shuffle and optional
/// heavy-ball momentum.
///
/// A permutation of the rows, made once, is reshuffled in place at the start
/// of every epoch by a ``SeededGenerator`` seeded once with the configured
/// seed (Fisher–Yates), so the same seed gives the same model on every machine.
/// Batches are consecutive slices of the permutation (the last may be
/// shorter); each batch's gradient is its mean plus λ₂·W, and
/// v ← μ·v − η_e·g, θ ← θ + v. The objective history is the full-data
/// objective at the start of each epoch (one extra pass per epoch).
/// Batch rows are gathered into a buffer allocated once.
enum StochasticGradientDescent {
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func run<T: LogitScalar>(_ state: inout SolverState<T>) throws(TrainingError) -> (Double, Double, Bool) {
        let config = state.configuration
        let x = state.objective.x
        let n = state.objective.count, d = x.columns, k = state.objective.outputs
        // The X row of each position of the selection (labels and weights are by position).
        let rowOf = state.objective.selection.indices
        let affine = state.objective.affine.map { (a: $0.multiplier.map { T($0) }, c: $0.shift.map { T($0) }) }
        let batch = min(config.batchSize, max(n, 1))
        let weighted = !state.objective.sampleWeights.isEmpty
        var batchX = Matrix<T>(rows: batch, columns: d)
        var batchLabels = [Int](repeating: 0, count: batch)
        var batchWeights = [T](repeating: 0, count: weighted ? batch : 0)
        var batchGradient = [T](repeating: 0, count: state.theta.count)
        let backend = state.objective.backend
        // As the objective's: the binary pass takes blocks of scores, exponentials and logarithms.
        var scratch = [T](repeating: 0, count: k == 1
            ? 3 * backend.binaryBlockRows(features: d, stride: MemoryLayout<T>.stride)
            : backend.forwardBackwardScratchCount(rows: batch, features: d, classes: k))
        var gradient = [T](repeating: 0, count: state.theta.count)
        var velocity = [T](repeating: 0, count: state.theta.count)
        var permutation = Array(0..<n)
        var generator = SeededGenerator(seed: config.seed)
        let momentum = T(config.momentum)
        var previous = Double.nan

        for epoch in 0..<state.maxIterations {
            let value = try state.objective.valueAndGradient(state.theta, &gradient)
            if let done = try state.stopOrRecord(value: value, gradient: &gradient, previous: &previous,
                                                 testGradient: config.l1 == 0) { return done }
            let rate = T(config.schedule.rate(base: config.learningRate, epoch: epoch))
            generator.shuffle(&permutation)
            var start = 0
            while start < n {
                let m = min(batch, n - start)
                x.withUnsafeMatrix { source in
                    batchX.withUnsafeMutableMatrix { target in
                        for r in 0..<m {
                            let position = permutation[start + r]
                            target.row(r).baseAddress!.update(from: source.row(rowOf[position]).baseAddress!, count: d)
                            if let affine {
                                // The batch is a copy already: scale it here rather than fold.
                                let out = target.row(r)
                                for j in 0..<d { out[j] = affine.a[j] * out[j] + affine.c[j] }
                            }
                            batchLabels[r] = state.objective.labels[position]
                            if weighted { batchWeights[r] = state.objective.sampleWeights[position] }
                        }
                    }
                }
                let loss = try batchX.withUnsafeMatrix { (xm) throws(TrainingError) -> Double in
                    try batchLabels.withUnsafeBufferPointer { (yb) throws(TrainingError) -> Double in
                        try batchWeights.withUnsafeBufferPointer { (wb) throws(TrainingError) -> Double in
                            try state.theta.withUnsafeBufferPointer { (t) throws(TrainingError) -> Double in
                                try batchGradient.withUnsafeMutableBufferPointer { (g) throws(TrainingError) -> Double in
                                    try scratch.withUnsafeMutableBufferPointer { (s) throws(TrainingError) -> Double in
                                        g.update(repeating: 0)
                                        return try LogisticObjective<T>.pass(
                                            x: xm.rows(0..<m), labels: UnsafeBufferPointer(rebasing: yb[0..<m]),
                                            sampleWeights: weighted ? UnsafeBufferPointer(rebasing: wb[0..<m]) : wb,
                                            theta: t, outputs: k, backend: backend, gradient: g, scratch: s)
                                    }
                                }
                            }
                        }
                    }
                }
                _ = state.objective.finish(state.theta, &batchGradient, lossSum: loss, count: m)
                state.theta.withUnsafeMutableBufferPointer { t in
                    velocity.withUnsafeMutableBufferPointer { v in
                        for j in 0..<t.count {
                            v[j] = momentum * v[j] - rate * batchGradient[j]
                            t[j] += v[j]
                        }
                    }
                }
                if config.l1 > 0 { state.shrinkWeights(by: rate * T(config.l1)) }
                start += m
            }
        }
        return try state.finish(gradient: &gradient)
    }
}
