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
///
/// The rows trained on are a ``RowSelection`` of X (a split or a fold is a
/// view, never a copy; runs shorter than a block, as in a shuffled split, are
/// copied a block at a time into one small per-thread buffer so that the
/// backend sees blocks of rows, not a call per few rows), and a per-feature
/// affine scaling x′ = a·x + c (a fitted standardization) is folded into the
/// weights: with W′ the weights in scaled units, the pass runs on the raw rows
/// with W = W′·diag(a) and b = b′ + W′·c, and the gradient maps back as
/// ∂L/∂W′ = (∂L/∂W)·diag(a) + (∂L/∂b)·cᵀ. Same objective as training on scaled
/// rows, without writing them.
struct LogisticObjective<T: LogitScalar> {
    let x: Matrix<T>
    /// The rows of X trained on.
    let selection: RowSelection
    /// The class of each selected row, in selection order.
    let labels: [Int]
    /// sᵢ (sample weight × class weight) of each selected row, or empty for all ones.
    let sampleWeights: [T]
    let classes: Int
    let outputs: Int
    let l2: T
    let l1: T
    let backend: any NumericBackend
    /// The affine scaling folded into the weights (a, c), or nil.
    let affine: (multiplier: [Double], shift: [Double])?
    /// The selection cut into one piece per thread.
    let chunks: [(runs: [Range<Int>], position: Int)]
    /// Whether the pass runs over a transposed copy of the selected rows
    /// (a binary model on small narrow data; see ``ColumnBinaryPass``).
    let transposed: Bool
    /// Per-chunk gradient and scratch buffers, allocated once.
    let workspace: ObjectiveWorkspace<T>

    var features: Int { x.columns }
    var parameterCount: Int { outputs * (x.columns + 1) }
    /// The number of rows trained on, n.
    var count: Int { selection.count }

    init(x: Matrix<T>, labels: [Int], sampleWeights: [T], classes: Int, l2: Double, l1: Double,
         backend: any NumericBackend, selection: RowSelection? = nil,
         affine: (multiplier: [Double], shift: [Double])? = nil) {
        let selection = selection ?? .all(x.rows)
        self.x = x
        self.selection = selection
        self.labels = labels
        self.sampleWeights = sampleWeights
        self.classes = classes
        let outputs = classes == 2 ? 1 : classes
        self.outputs = outputs
        self.l2 = T(l2)
        self.l1 = T(l1)
        self.backend = backend
        self.affine = affine
        let n = selection.count
        // Split rows across threads only when the pass is long enough to pay for waking them.
        let parts = n * max(x.columns, 1) * outputs >= 1 << 16 ? max(1, min(backend.threadCount, n)) : 1
        let chunks = selection.split(into: parts)
        self.chunks = chunks
        let longest = chunks.map { $0.runs.map(\.count).max() ?? 0 }.max() ?? 0
        let blockRows = backend.binaryBlockRows(features: x.columns, stride: MemoryLayout<T>.stride)
        // Runs shorter than a block are gathered into one (see evaluateChunks):
        // the binary pass's block, or for k classes at least 256 KiB of rows, so
        // that gemm sees more than a run's few rows. No gathering buffer when
        // no run is shorter than that (a contiguous selection, for one).
        let rowBytes = max(1, x.columns * MemoryLayout<T>.stride)
        let wanted = outputs == 1 ? blockRows : max(blockRows, min(4096, (256 << 10) / rowBytes))
        let shortRuns = chunks.contains { $0.runs.contains { $0.count < wanted } }
        let gatherRows = wanted > 1 && shortRuns ? wanted : 0
        let transposed = outputs == 1 && ColumnBinaryPass.wanted(rows: n, features: x.columns, of: T.self)
        self.transposed = transposed
        // The binary pass takes a block of scores, one of exponentials and one of
        // logarithms; over Xᵀ, blocks of up to 512 rows (ColumnBinaryPass.blockRows).
        let scratch = outputs == 1
            ? 3 * (transposed ? min(ColumnBinaryPass.blockRows, max(n, 1)) : blockRows)
            : backend.forwardBackwardScratchCount(rows: max(longest, gatherRows, 1), features: x.columns, classes: outputs)
        // Small narrow binary data (Raisin: 900×7) is copied once, transposed,
        // for the whole fit: its pass is compute, and over Xᵀ it works a vector
        // of rows at a time (ColumnBinaryPass). Bounded to a few MiB, so a large
        // or memory-mapped X is never copied. Each chunk's rows are one d×count
        // block of the copy.
        let transposedRows = transposed ? n : 0
        self.workspace = ObjectiveWorkspace(chunks: max(chunks.count, 1), parameters: outputs * (x.columns + 1),
                                            scratch: scratch, gatherRows: transposed ? 0 : gatherRows,
                                            features: x.columns, folded: affine != nil,
                                            transposedRows: transposedRows)
        if transposed {
            let copy = workspace.transposed
            x.withUnsafeMatrix { xm in
                for chunk in chunks {
                    ColumnBinaryPass.copyTransposed(xm, runs: chunk.runs,
                                                    into: copy.baseAddress! + chunk.position * xm.columns)
                }
            }
        }
    }

    /// L(θ) and ∇L(θ) over the selected rows; `gradient` (p elements) is
    /// overwritten. The gradient is that of the smooth part (λ₁ enters only the
    /// value). With `computeLoss` false the loss is not computed (the returned
    /// value is NaN) — the gradient is the same.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func valueAndGradient(_ theta: [T], _ gradient: inout [T], computeLoss: Bool = true) throws(TrainingError) -> Double {
        let p = parameterCount
        var lossSum = 0.0
        try x.withUnsafeMatrix { (xm) throws(TrainingError) in
            try labels.withUnsafeBufferPointer { (y) throws(TrainingError) in
                try sampleWeights.withUnsafeBufferPointer { (w) throws(TrainingError) in
                    try theta.withUnsafeBufferPointer { (t) throws(TrainingError) in
                        let effective = affine == nil ? t : UnsafeBufferPointer(fold(t))
                        lossSum = try evaluateChunks(xm, y, w, effective, computeLoss: computeLoss)
                    }
                }
            }
        }
        // Sum the chunks' partial gradients.
        gradient.withUnsafeMutableBufferPointer { g in
            g.update(repeating: 0)
            for c in 0..<max(chunks.count, 1) {
                let part = workspace.gradient(c)
                for j in 0..<p { g[j] += part[j] }
            }
            if let affine { unfold(g, affine) }
        }
        let value = finish(theta, &gradient, lossSum: lossSum, count: count)
        return computeLoss ? value : .nan
    }

    /// W = W′·diag(a), b = b′ + W′·c, into the workspace's buffer (the
    /// weights the raw rows see).
    private func fold(_ t: UnsafeBufferPointer<T>) -> UnsafeMutableBufferPointer<T> {
        let (a, c) = affine!
        let d = features, k = outputs
        let out = workspace.effectiveTheta
        for o in 0..<k {
            var shift = Double(t[k * d + o])
            for j in 0..<d {
                let w = t[o * d + j]
                out[o * d + j] = w * T(a[j])
                shift += Double(w) * c[j]
            }
            out[k * d + o] = T(shift)
        }
        return out
    }

    /// ∂L/∂W′ = (∂L/∂W)·diag(a) + (∂L/∂b)·cᵀ, in place.
    private func unfold(_ g: UnsafeMutableBufferPointer<T>, _ affine: (multiplier: [Double], shift: [Double])) {
        let d = features, k = outputs
        for o in 0..<k {
            let r = Double(g[k * d + o])
            for j in 0..<d {
                g[o * d + j] = T(Double(g[o * d + j]) * affine.multiplier[j] + r * affine.shift[j])
            }
        }
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

    /// Runs the fused pass on each chunk (in parallel when there are several)
    /// and returns the summed loss; each chunk's gradient is in the workspace.
    private func evaluateChunks(_ x: UnsafeMatrix<T>, _ y: UnsafeBufferPointer<Int>, _ w: UnsafeBufferPointer<T>,
                                _ theta: UnsafeBufferPointer<T>, computeLoss: Bool) throws(TrainingError) -> Double {
        let k = outputs, backend = self.backend, workspace = self.workspace, chunks = self.chunks
        let transposed = self.transposed
        let matrix = self.x
        let slice = RowSelection.sliceRows(features: x.columns, of: T.self)
        // One chunk of rows, run by run, in slices of about 64 MiB: after each
        // slice a memory-mapped X gives its pages back, so the resident size
        // stays bounded. `y` and `w` are indexed by position in the selection.
        let gatherRows = workspace.gatherRows
        let runChunk: @Sendable (Int, [Range<Int>], Int, UnsafeMatrix<T>, UnsafeBufferPointer<Int>, UnsafeBufferPointer<T>,
                                 UnsafeBufferPointer<T>) throws(TrainingError) -> Double = { c, runs, position, x, y, w, theta in
            let gradient = workspace.gradient(c), scratch = workspace.scratch(c), gather = workspace.gather(c)
            gradient.update(repeating: 0)
            let d = x.columns
            if transposed {
                // The chunk's rows, transposed: one d×count block of the copy.
                let count = runs.reduce(0) { $0 + $1.count }
                let at = position..<(position + count)
                let xt = UnsafeMatrix(baseAddress: UnsafePointer(workspace.transposed.baseAddress! + position * d),
                                      rows: d, columns: count)
                return try Self.pass(x: xt, labels: UnsafeBufferPointer(rebasing: y[at]),
                                     sampleWeights: w.isEmpty ? w : UnsafeBufferPointer(rebasing: w[at]),
                                     theta: theta, outputs: k, backend: backend, gradient: gradient, scratch: scratch,
                                     computeLoss: computeLoss, transposed: true)
            }
            var loss = 0.0
            var position = position
            var released = runs.first?.lowerBound ?? 0
            // Rows of short runs copied into the gather block, and the selection
            // position of the first of them (the positions are consecutive).
            var gathered = 0, gatheredFrom = position
            func passOver(_ rows: UnsafeMatrix<T>, from first: Int) throws(TrainingError) -> Double {
                let at = first..<(first + rows.rows)
                return try Self.pass(x: rows, labels: UnsafeBufferPointer(rebasing: y[at]),
                                     sampleWeights: w.isEmpty ? w : UnsafeBufferPointer(rebasing: w[at]),
                                     theta: theta, outputs: k, backend: backend,
                                     gradient: gradient, scratch: scratch, computeLoss: computeLoss)
            }
            func flush() throws(TrainingError) {
                guard gathered > 0 else { return }
                loss += try passOver(UnsafeMatrix(baseAddress: UnsafePointer(gather.baseAddress), rows: gathered, columns: d),
                                     from: gatheredFrom)
                gathered = 0
            }
            for run in runs {
                if run.count < gatherRows {
                    // A shuffled split or fold has runs of a few rows (5 on average for an
                    // 80% split): one backend call per run would be a call per few rows,
                    // and the blocked gemv pass would lose its blocks. Their rows are copied
                    // into one block of about the backend's block size instead.
                    var row = run.lowerBound
                    while row < run.upperBound {
                        if gathered == 0 { gatheredFrom = position }
                        let take = min(run.upperBound - row, gatherRows - gathered)
                        (gather.baseAddress! + gathered * d).update(from: x.baseAddress! + row * d, count: take * d)
                        gathered += take
                        row += take
                        position += take
                        if gathered == gatherRows { try flush() }
                    }
                } else {
                    try flush()
                    for start in stride(from: run.lowerBound, to: run.upperBound, by: slice) {
                        let part = start..<min(start + slice, run.upperBound)
                        loss += try passOver(x.rows(part), from: position)
                        position += part.count
                        if part.upperBound - released >= slice {
                            matrix.releaseResidentPages(rows: released..<part.upperBound)
                            released = part.upperBound
                        }
                    }
                }
                if run.upperBound - released >= slice {
                    matrix.releaseResidentPages(rows: released..<run.upperBound)
                    released = run.upperBound
                }
            }
            try flush()
            if let last = runs.last, last.upperBound > released {
                matrix.releaseResidentPages(rows: released..<last.upperBound)
            }
            return loss
        }
        if chunks.count <= 1 {
            return try runChunk(0, chunks.first?.runs ?? [], 0, x, y, w, theta)
        }
        // Each worker writes only its own chunk's gradient, scratch, loss and failure slots.
        let views = Unchecked((x, y, w, theta))
        withSingleThreadedBLAS(backend) {
            DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
                let (x, y, w, theta) = views.value
                do throws(TrainingError) {
                    workspace.loss[c] = try runChunk(c, chunks[c].runs, chunks[c].position, x, y, w, theta)
                } catch {
                    workspace.failures[c] = error
                }
            }
        }
        if let index = workspace.failures.firstIndex(where: { $0 != nil }) {
            let error = workspace.failures[index]!
            workspace.clearFailures()
            throw error
        }
        return workspace.loss.prefix(chunks.count).reduce(0, +)
    }

    /// The binary residuals rᵢ = sᵢ·(σ(zᵢ + b) − yᵢ) of the first whole
    /// vectors of a block, in place of the scores zᵢ; adds them to `sum` and
    /// returns how many rows it did (the rest, fewer than a vector, are left
    /// to the scalar loop). `labels` and `sampleWeights` (empty for all ones)
    /// are indexed from `firstRow`.
    @inline(__always)
    static func binaryResiduals(scores: UnsafeMutableBufferPointer<T>, bias: T, count m: Int,
                                labels y: UnsafeBufferPointer<Int>, sampleWeights w: UnsafeBufferPointer<T>,
                                firstRow: Int, sum: inout T) -> Int {
        typealias V = T.Accumulator
        let lanes = V.scalarCount
        let z = scores.baseAddress!
        let b = V(repeating: bias)
        var total = V()
        var i = 0
        while i + lanes <= m {
            let zv = UnsafeRawPointer(z + i).loadUnaligned(as: V.self) + b
            var r = Self.sigmoid(zv) - Self.targets(y.baseAddress! + firstRow + i)
            if !w.isEmpty { r *= UnsafeRawPointer(w.baseAddress! + firstRow + i).loadUnaligned(as: V.self) }
            UnsafeMutableRawPointer(z + i).storeBytes(of: r, as: V.self)
            total += r
            i += lanes
        }
        sum += total.sum()
        return i
    }

    /// σ(z) a vector at a time (``VectorLogistic``).
    ///
    /// Why the casts: in code generic over `T`, the vector comparisons inside
    /// resolve to the standard library's generic ones, which build the mask
    /// one lane at a time through memory (a store-forwarding stall per lane:
    /// once 72% of the link's time on Raisin). The concrete `SIMD8<Double>`
    /// and `SIMD16<Float>` code is one instruction per register; the casts
    /// fold away once `T` is known.
    @inline(__always)
    static func sigmoid(_ z: T.Accumulator) -> T.Accumulator {
        if T.self == Double.self {
            return unsafeBitCast(VectorLogistic.sigmoid8(unsafeBitCast(z, to: SIMD8<Double>.self)), to: T.Accumulator.self)
        }
        if T.self == Float.self {
            return unsafeBitCast(VectorLogistic.sigmoid16(unsafeBitCast(z, to: SIMD16<Float>.self)), to: T.Accumulator.self)
        }
        var p = T.Accumulator()
        for l in 0..<T.Accumulator.scalarCount { p[l] = 1 / (1 + T.exp(-z[l])) }
        return p
    }

    /// The labels of the vector of rows at `y` (0 or 1: class indices of a
    /// binary model) as 0 and 1 of `T`: the bits of 1 masked by 0 − y (all
    /// ones for 1, none for 0), integer vector operations with no branch or
    /// lane-by-lane conversion.
    @inline(__always)
    static func targets(_ y: UnsafePointer<Int>) -> T.Accumulator {
        if T.self == Double.self {
            let labels = UnsafeRawPointer(y).loadUnaligned(as: SIMD8<UInt64>.self)
            let bits = (SIMD8<UInt64>() &- labels) & SIMD8<UInt64>(repeating: (1.0).bitPattern)
            return unsafeBitCast(bits, to: T.Accumulator.self)
        }
        var target = T.Accumulator()
        for l in 0..<T.Accumulator.scalarCount where y[l] == 1 { target[l] = 1 }
        return target
    }

    /// Σᵢ sᵢ·ℓᵢ over the rows of `x`, with Σᵢ rᵢ·[xᵢ, 1] added to `gradient`
    /// (k′·(d+1) elements: W's then b's). `labels` and `sampleWeights` (empty
    /// for all ones) are aligned with the rows of `x`. With `transposed` (a
    /// binary model only), `x` is Xᵀ (d×n) and the backend's pass over Xᵀ runs.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func pass(
        x: UnsafeMatrix<T>, labels y: UnsafeBufferPointer<Int>, sampleWeights w: UnsafeBufferPointer<T>,
        theta t: UnsafeBufferPointer<T>, outputs k: Int, backend: any NumericBackend,
        gradient g: UnsafeMutableBufferPointer<T>, scratch s: UnsafeMutableBufferPointer<T>,
        computeLoss: Bool = true, transposed: Bool = false
    ) throws(TrainingError) -> Double {
        let d = transposed ? x.rows : x.columns
        var loss = 0.0
        let weights = UnsafeMatrix(baseAddress: t.baseAddress, rows: k, columns: d)
        let gw = UnsafeMutableMatrix(baseAddress: g.baseAddress, rows: k, columns: d)
        let bias = t.baseAddress! + k * d
        let gb = g.baseAddress! + k * d
        let weighted = !w.isEmpty
        do {
            if k == 1 {
                // Block link: the scores of a block of rows, one vectorized e^−|z|
                // for the block, then the residuals, and when the loss is asked for
                // one vectorized log(1 + e^−|z|): no libm call per row.
                let b = bias[0]
                let blockRows = s.count / 3
                let scores = UnsafeMutableBufferPointer(rebasing: s[0..<blockRows])
                let exponentials = UnsafeMutableBufferPointer(rebasing: s[blockRows..<(2 * blockRows)])
                let logarithms = UnsafeMutableBufferPointer(rebasing: s[(2 * blockRows)..<(3 * blockRows)])
                func link(_ rows: Range<Int>, _ block: UnsafeMutableBufferPointer<T>) {
                    let m = rows.count
                    var residualSum: T = 0
                    // The loss-free epochs (most epochs of gradient descent) take the
                    // residuals of whole vectors of rows straight from the scores, with
                    // σ in one division per lane; the loss needs e^−|z| itself, for
                    // log(1 + e^−|z|). The rows after `first` go through the scalar loop.
                    let first = computeLoss ? 0 : Self.binaryResiduals(
                        scores: block, bias: b, count: m, labels: y, sampleWeights: w,
                        firstRow: rows.lowerBound, sum: &residualSum)
                    for i in first..<m {
                        let z = block[i] + b
                        block[i] = z
                        exponentials[i] = -abs(z)
                    }
                    VectorExponential.expNonPositive(UnsafeMutableBufferPointer(rebasing: exponentials[first..<m]))
                    if computeLoss {
                        let part = UnsafeMutableBufferPointer(rebasing: logarithms[0..<m])
                        _ = part.update(fromContentsOf: UnsafeBufferPointer(rebasing: exponentials[0..<m]))
                        VectorLogarithm.log1pUnit(part)
                    }
                    for i in first..<m {
                        let row = rows.lowerBound + i
                        let z = block[i], e = exponentials[i]
                        let target: T = y[row] == 1 ? 1 : 0
                        let sw: T = weighted ? w[row] : 1
                        // Stable: softplus(z) = max(z, 0) + log(1 + e^−|z|); p from the same exponential.
                        let p = z >= 0 ? 1 / (1 + e) : e / (1 + e)
                        if computeLoss {
                            let softplus = max(z, 0) + logarithms[i]
                            loss += Double(sw) * Double(softplus - target * z)
                        }
                        let r = sw * (p - target)
                        block[i] = r
                        residualSum += r
                    }
                    gb[0] += residualSum
                }
                let weightVector = UnsafeBufferPointer(start: t.baseAddress, count: d)
                let gradientVector = UnsafeMutableBufferPointer(start: g.baseAddress, count: d)
                if transposed {
                    try backend.binaryForwardBackward(transposed: x, weights: weightVector, gradient: gradientVector,
                                                      scratch: scores, link: link)
                } else {
                    try backend.binaryForwardBackward(x, weights: weightVector, gradient: gradientVector,
                                                      scratch: scores, link: link)
                }
            } else {
                // Block link: the backend's block of rows (a gemm's worth for BLAS, one
                // row for the Swift backend) shifted by each row's largest score, one
                // vectorized e^(s − max) over the whole block, then each row's sum,
                // loss and residuals. Per row, k = 10 scores would take two 8-lane
                // vectors (16 lanes for 10 values): the top cost of small multinomial
                // fits (digits: 10 classes × 64 features).
                try backend.blockForwardBackward(x, weights: weights, gradient: gw, scratch: s) { rows, block in
                    let m = rows.count
                    let scores = block.baseAddress!
                    for i in 0..<m {
                        let row = scores + i * k
                        var largest = -T.infinity
                        for c in 0..<k {
                            row[c] += bias[c]
                            largest = max(largest, row[c])
                        }
                        for c in 0..<k { row[c] -= largest }
                        // ℓ = log Σ e^(s − max) − (s_label − max): the second term now, the
                        // first once the exponentials are in.
                        let sw: T = weighted ? w[rows.lowerBound + i] : 1
                        loss -= Double(sw) * Double(row[y[rows.lowerBound + i]])
                    }
                    VectorExponential.expNonPositive(UnsafeMutableBufferPointer(start: scores, count: m * k))
                    for i in 0..<m {
                        let row = scores + i * k
                        let label = y[rows.lowerBound + i]
                        let sw: T = weighted ? w[rows.lowerBound + i] : 1
                        var sum: T = 0
                        for c in 0..<k { sum += row[c] }
                        loss += Double(sw) * Double(T.log(sum))
                        for c in 0..<k {
                            let r = sw * (row[c] / sum - (c == label ? 1 : 0))
                            row[c] = r
                            gb[c] += r
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

/// The objective's per-chunk buffers: one gradient (p elements) and one scratch
/// buffer per chunk of rows, a loss and a failure slot per chunk. Allocated
/// once so that an evaluation does not allocate; each worker thread touches only
/// its own chunk's slots, which is why sharing it is safe.
final class ObjectiveWorkspace<T: LogitScalar>: @unchecked Sendable {
    private let gradients: UnsafeMutableBufferPointer<T>
    private let scratches: UnsafeMutableBufferPointer<T>
    private let parameters: Int
    private let scratchCount: Int
    /// Raw buffers, not arrays: workers write their slots concurrently, and a
    /// class's array property would trip Swift's exclusivity checks.
    let loss: UnsafeMutableBufferPointer<Double>
    let failures: UnsafeMutableBufferPointer<TrainingError?>

    /// W and b as the raw rows see them when a scaling is folded in (p
    /// elements; empty otherwise).
    let effectiveTheta: UnsafeMutableBufferPointer<T>

    /// Rows per chunk's gather block (0: runs are not gathered).
    let gatherRows: Int
    private let gatherCount: Int
    private let gathers: UnsafeMutableBufferPointer<T>

    /// The selected rows transposed, chunk by chunk (chunk c's rows are the
    /// d×count block at position·d), or empty (see ``ColumnBinaryPass``).
    let transposed: UnsafeMutableBufferPointer<T>

    init(chunks: Int, parameters: Int, scratch: Int, gatherRows: Int = 0, features: Int = 0, folded: Bool = false,
         transposedRows: Int = 0) {
        transposed = .allocate(capacity: transposedRows * features)
        transposed.initialize(repeating: 0)
        self.gatherRows = gatherRows
        gatherCount = gatherRows * features
        gathers = .allocate(capacity: max(chunks * gatherRows * features, 1))
        gathers.initialize(repeating: 0)
        effectiveTheta = .allocate(capacity: folded ? parameters : 0)
        effectiveTheta.initialize(repeating: 0)
        self.parameters = parameters
        self.scratchCount = scratch
        gradients = .allocate(capacity: max(chunks * parameters, 1))
        gradients.initialize(repeating: 0)
        scratches = .allocate(capacity: max(chunks * scratch, 1))
        scratches.initialize(repeating: 0)
        loss = .allocate(capacity: chunks)
        loss.initialize(repeating: 0)
        failures = .allocate(capacity: chunks)
        failures.initialize(repeating: nil)
    }

    deinit {
        transposed.deallocate()
        gathers.deallocate()
        effectiveTheta.deallocate()
        gradients.deallocate()
        scratches.deallocate()
        loss.deallocate()
        _ = failures.deinitialize()
        failures.deallocate()
    }

    func gradient(_ chunk: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(rebasing: gradients[(chunk * parameters)..<((chunk + 1) * parameters)])
    }

    func scratch(_ chunk: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(rebasing: scratches[(chunk * scratchCount)..<((chunk + 1) * scratchCount)])
    }

    /// The chunk's gather block: `gatherRows` rows of `features` elements.
    func gather(_ chunk: Int) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(rebasing: gathers[(chunk * gatherCount)..<((chunk + 1) * gatherCount)])
    }

    func clearFailures() {
        for c in failures.indices { failures[c] = nil }
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

/// Hands a value the compiler cannot prove sendable to concurrentPerform's
/// workers, which use it in ways that do not race (disjoint writes).
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
