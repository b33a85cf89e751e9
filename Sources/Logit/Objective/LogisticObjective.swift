import Dispatch
import LogitNumerics
import RealModule

/// The training objective of (binary or multinomial) logistic regression and
/// its gradient: **this is where the gradient is computed**.
///
///     L(θ) = (1/n)·Σᵢ sᵢ·ℓᵢ + (λ₂/2)·‖W‖² + λ₁·‖W‖₁
///     ∇_W = (1/n)·Σᵢ sᵢ·(pᵢ − yᵢ)·xᵢᵀ + λ₂·W        ∇_b = (1/n)·Σᵢ sᵢ·(pᵢ − yᵢ)
///
/// Parameters θ are one flat vector: W (k′×d, row-major) then b (k′), with
/// k′ = 1 for two classes (sigmoid of one score) and k′ = k otherwise (softmax).
///
/// One evaluation streams X once through the backend's fused
/// ``NumericBackend/forwardBackward(_:weights:gradient:scratch:link:)``; the
/// per-row link computes the loss with a stable log-sigmoid or log-sum-exp and
/// replaces the scores by the residuals sᵢ·(pᵢ − yᵢ). With several threads the
/// rows are split into contiguous chunks, each with its own gradient buffer,
/// summed at the end. All buffers are allocated once, at construction: an
/// evaluation does not allocate.
struct LogisticObjective<T: LogitScalar> {
    let x: Matrix<T>
    let labels: [Int]
    /// sᵢ (sample weight × class weight), or empty for all ones.
    let sampleWeights: [T]
    let classes: Int
    let outputs: Int
    let l2: T
    let l1: T
    let backend: any NumericBackend
    let chunks: [Range<Int>]
    /// One gradient buffer (p = k′·(d+1)) and one scratch buffer per chunk.
    var chunkGradients: [[T]]
    var chunkScratch: [[T]]
    var chunkLoss: [Double]

    var features: Int { x.columns }
    var parameterCount: Int { outputs * (x.columns + 1) }

    init(x: Matrix<T>, labels: [Int], sampleWeights: [T], classes: Int, l2: Double, l1: Double,
         backend: any NumericBackend) {
        self.x = x
        self.labels = labels
        self.sampleWeights = sampleWeights
        self.classes = classes
        self.outputs = classes == 2 ? 1 : classes
        self.l2 = T(l2)
        self.l1 = T(l1)
        self.backend = backend
        let n = x.rows
        // Split rows across threads only when the pass is long enough to pay for waking them.
        let parts = n * max(x.columns, 1) * outputs >= 1 << 16 ? max(1, min(backend.threadCount, n)) : 1
        let size = (n + parts - 1) / max(parts, 1)
        let chunks = (0..<parts).map { min($0 * size, n)..<min(($0 + 1) * size, n) }.filter { !$0.isEmpty }
        let outputs = self.outputs
        let p = outputs * (x.columns + 1)
        self.chunks = chunks
        self.chunkGradients = Array(repeating: [T](repeating: 0, count: p), count: max(chunks.count, 1))
        self.chunkScratch = (chunks.isEmpty ? [0..<0] : chunks).map {
            [T](repeating: 0, count: backend.forwardBackwardScratchCount(rows: $0.count, features: x.columns, classes: outputs))
        }
        self.chunkLoss = Array(repeating: 0, count: max(chunks.count, 1))
    }

    /// L(θ) and ∇L(θ) over all rows; `gradient` (p elements) is overwritten.
    /// The gradient is that of the smooth part (λ₁ enters only the value).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func valueAndGradient(_ theta: [T], _ gradient: inout [T]) throws(TrainingError) -> Double {
        let n = x.rows
        try evaluateChunks(theta)
        // Sum the chunks' partial gradients into `gradient`.
        let p = parameterCount
        gradient.withUnsafeMutableBufferPointer { g in
            for j in 0..<p { g[j] = 0 }
            for c in 0..<chunks.count {
                chunkGradients[c].withUnsafeBufferPointer { part in
                    for j in 0..<p { g[j] += part[j] }
                }
            }
        }
        let lossSum = chunkLoss[0..<chunks.count].reduce(0, +)
        return finish(theta, &gradient, lossSum: lossSum, count: n)
    }

    /// Scales the accumulated sums by 1/count and adds the penalty terms;
    /// returns the objective.
    func finish(_ theta: [T], _ gradient: inout [T], lossSum: Double, count: Int) -> Double {
        let weightCount = outputs * features
        let scale = 1 / T(max(count, 1))
        var squares = 0.0, absolutes = 0.0
        gradient.withUnsafeMutableBufferPointer { g in
            theta.withUnsafeBufferPointer { t in
                for j in 0..<weightCount {
                    g[j] = g[j] * scale + l2 * t[j]
                    squares += Double(t[j]) * Double(t[j])
                    absolutes += abs(Double(t[j]))
                }
                for j in weightCount..<(weightCount + outputs) { g[j] *= scale }
            }
        }
        return lossSum / Double(max(count, 1)) + Double(l2) / 2 * squares + Double(l1) * absolutes
    }

    /// Runs the fused pass on each chunk (in parallel when there are several).
    private mutating func evaluateChunks(_ theta: [T]) throws(TrainingError) {
        if chunks.count <= 1 {
            chunkLoss[0] = try Self.pass(
                x: x, rows: chunks.first ?? 0..<0, labels: labels, sampleWeights: sampleWeights,
                theta: theta, outputs: outputs, backend: backend,
                gradient: &chunkGradients[0], scratch: &chunkScratch[0])
            return
        }
        // Each thread owns chunk c's buffers; nothing else is written concurrently.
        let state = UncheckedBox(self)
        let failures = UncheckedBox([TrainingError?](repeating: nil, count: chunks.count))
        withSingleThreadedBLAS(backend) {
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                let me = state.pointer
                do throws(TrainingError) {
                    me.pointee.chunkLoss[c] = try Self.pass(
                        x: me.pointee.x, rows: me.pointee.chunks[c], labels: me.pointee.labels,
                        sampleWeights: me.pointee.sampleWeights, theta: theta, outputs: me.pointee.outputs,
                        backend: me.pointee.backend, gradient: &me.pointee.chunkGradients[c],
                        scratch: &me.pointee.chunkScratch[c])
                } catch {
                    failures.pointer.pointee[c] = error
                }
            }
        }
        self = state.pointer.pointee
        state.release()
        let errors = failures.pointer.pointee
        failures.release()
        if let error = errors.compactMap({ $0 }).first { throw error }
    }

    /// Σᵢ sᵢ·ℓᵢ over `rows`, with Σᵢ rᵢ·[xᵢ, 1] written to `gradient`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func pass(
        x: Matrix<T>, rows: Range<Int>, labels: [Int], sampleWeights: [T], theta: [T], outputs k: Int,
        backend: any NumericBackend, gradient: inout [T], scratch: inout [T]
    ) throws(TrainingError) -> Double {
        let d = x.columns
        var loss = 0.0
        do {
            try x.withUnsafeMatrix { (xm) throws(NumericError) in
                try theta.withUnsafeBufferPointer { (t) throws(NumericError) in
                    try gradient.withUnsafeMutableBufferPointer { (g) throws(NumericError) in
                        try scratch.withUnsafeMutableBufferPointer { (s) throws(NumericError) in
                            try labels.withUnsafeBufferPointer { (y) throws(NumericError) in
                                try sampleWeights.withUnsafeBufferPointer { (w) throws(NumericError) in
                                    for j in 0..<g.count { g[j] = 0 }
                                    let weights = UnsafeMatrix(baseAddress: t.baseAddress, rows: k, columns: d)
                                    let gw = UnsafeMutableMatrix(baseAddress: g.baseAddress, rows: k, columns: d)
                                    let bias = t.baseAddress! + k * d
                                    let gb = g.baseAddress! + k * d
                                    let offset = rows.lowerBound
                                    let weighted = !w.isEmpty
                                    if k == 1 {
                                        let b = bias[0]
                                        try backend.forwardBackward(xm.rows(rows), weights: weights, gradient: gw,
                                                                    scratch: s) { i, scores in
                                            let row = offset + i
                                            let z = scores[0] + b
                                            let target: T = y[row] == 1 ? 1 : 0
                                            let sw: T = weighted ? w[row] : 1
                                            // Stable: softplus(z) = max(z, 0) + log(1 + e^−|z|); p from the same exponential.
                                            let e = T.exp(-abs(z))
                                            let softplus = max(z, 0) + T.log(onePlus: e)
                                            let p = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                                            loss += Double(sw) * Double(softplus - target * z)
                                            let r = sw * (p - target)
                                            scores[0] = r
                                            gb[0] += r
                                        }
                                    } else {
                                        try backend.forwardBackward(xm.rows(rows), weights: weights, gradient: gw,
                                                                    scratch: s) { i, scores in
                                            let row = offset + i
                                            let label = y[row]
                                            let sw: T = weighted ? w[row] : 1
                                            var largest = -T.infinity
                                            for c in 0..<k {
                                                scores[c] += bias[c]
                                                largest = max(largest, scores[c])
                                            }
                                            let labelScore = scores[label]
                                            var sum: T = 0
                                            for c in 0..<k {
                                                let e = T.exp(scores[c] - largest)
                                                scores[c] = e
                                                sum += e
                                            }
                                            let logSumExp = largest + T.log(sum)
                                            loss += Double(sw) * Double(logSumExp - labelScore)
                                            for c in 0..<k {
                                                let r = sw * (scores[c] / sum - (c == label ? 1 : 0))
                                                scores[c] = r
                                                gb[c] += r
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        } catch {
            throw .numericFailure(error.description)
        }
        return loss
    }
}

/// Runs `body` with OpenBLAS on one thread when the backend is BLAS, so that
/// the trainer's own threads do not oversubscribe the cores.
func withSingleThreadedBLAS<R>(_ backend: any NumericBackend, _ body: () throws -> R) rethrows -> R {
    #if OpenBLAS
    if backend.kind == .blas && backend.threadCount > 1 {
        BLASBackend.setThreadCount(1)
        defer { BLASBackend.setThreadCount(backend.threadCount) }
        return try body()
    }
    #endif
    return try body()
}

/// A heap cell shared with concurrentPerform's workers, which write disjoint
/// parts of it. The compiler cannot see the disjointness, hence unchecked.
final class UncheckedBox<Value>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Value>
    init(_ value: Value) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
    }
    func release() {
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
