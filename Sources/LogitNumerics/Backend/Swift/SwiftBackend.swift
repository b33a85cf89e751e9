import Dispatch

/// The pure-Swift implementation of ``NumericBackend``: no system dependency,
/// SIMD kernels over unsafe buffers, its own blocked gemm and Cholesky solve.
///
/// Large gemv and gemm calls are split across ``threadCount`` threads (by rows
/// of the output, or by columns for the transposed gemv, so no thread writes
/// where another does and nothing is allocated). Its results agree with
/// ``BLASBackend``'s within rounding.
public struct SwiftBackend: NumericBackend {
    public var kind: BackendKind { .swift }

    /// How many threads large operations are split across.
    public let threadCount: Int

    /// Below this many multiply-adds an operation runs on the calling thread:
    /// waking a second thread costs more than it saves.
    @usableFromInline static let parallelThreshold = 1 << 17

    /// Makes a backend.
    ///
    /// - Parameter threads: threads for large operations; `nil` means one per core.
    /// - Throws: ``NumericError/invalidArgument(operation:message:)`` when
    ///   `threads < 1`.
    public init(threads: Int? = nil) throws(NumericError) {
        let count = threads ?? BackendKind.coreCount
        guard count >= 1 else {
            throw .invalidArgument(operation: "SwiftBackend", message: "thread count \(count) is not ≥ 1")
        }
        self.threadCount = count
    }

    /// Runs `body(part, range)` for `parts` contiguous parts of `0..<count`,
    /// on up to ``threadCount`` threads when `work` (multiply-adds) is large.
    @usableFromInline
    func split(_ count: Int, work: Int, alignTo alignment: Int = 1,
               _ body: (Range<Int>) -> Void) {
        let parts = work >= Self.parallelThreshold ? min(threadCount, max(1, count / max(alignment, 1))) : 1
        if parts <= 1 {
            body(0..<count)
            return
        }
        let chunk = ((count + parts - 1) / parts + alignment - 1) / alignment * alignment
        withoutActuallyEscaping(body) { body in
            let task = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = min(part * chunk, count), upper = min(lower + chunk, count)
                if lower < upper { task.value(lower..<upper) }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func dot<T: LogitScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>) throws(NumericError) -> T {
        try ShapeCheck.sameLength("dot", x.count, y.count, blas: false)
        guard let xp = x.baseAddress, let yp = y.baseAddress else { return 0 }
        return SwiftKernels.dot(xp, yp, x.count)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func axpy<T: LogitScalar>(_ alpha: T, _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) throws(NumericError) {
        try ShapeCheck.sameLength("axpy", x.count, y.count, blas: false)
        guard let xp = x.baseAddress, let yp = y.baseAddress else { return }
        SwiftKernels.axpy(alpha, xp, yp, x.count)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func scal<T: LogitScalar>(_ alpha: T, _ x: UnsafeMutableBufferPointer<T>) throws(NumericError) {
        guard let xp = x.baseAddress else { return }
        // BLAS scal multiplies even by zero (NaN·0 = NaN); only gemv/gemm's β = 0 clears.
        SwiftKernels.multiply(alpha, xp, x.count)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func nrm2<T: LogitScalar>(_ x: UnsafeBufferPointer<T>) throws(NumericError) -> T {
        guard let xp = x.baseAddress, !x.isEmpty else { return 0 }
        // Scaling by the largest magnitude keeps every square in [0, 1]: no
        // overflow for huge entries, no underflow to zero for tiny ones.
        let largest = SwiftKernels.maxMagnitude(xp, x.count)
        if largest == 0 || !largest.isFinite { return largest }
        let sum = SwiftKernels.scaledSumOfSquares(xp, x.count, scale: 1 / largest)
        return largest * sum.squareRoot()
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func gemv<T: LogitScalar>(
        _ trans: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ x: UnsafeBufferPointer<T>,
        beta: T, _ y: UnsafeMutableBufferPointer<T>
    ) throws(NumericError) {
        try ShapeCheck.gemv(trans, rows: a.rows, columns: a.columns, x: x.count, y: y.count, blas: false)
        guard let yp = y.baseAddress else { return }
        let m = a.rows, n = a.columns
        if trans == .noTranspose {
            // yᵢ = α·⟨aᵢ, x⟩ + β·yᵢ, one row at a time while it is in L1.
            split(m, work: m * n) { range in
                for i in range {
                    let s = n == 0 ? 0 : alpha * SwiftKernels.dot(a.baseAddress! + i * n, x.baseAddress!, n)
                    yp[i] = beta == 0 ? s : s + beta * yp[i]
                }
            }
        } else {
            // y = β·y + Σᵢ (α·xᵢ)·aᵢ; threads own disjoint column ranges of y.
            split(n, work: m * n, alignTo: T.Accumulator.scalarCount) { range in
                SwiftKernels.scale(beta, yp + range.lowerBound, range.count)
                if alpha == 0 { return }
                for i in 0..<m {
                    let coefficient = alpha * x[i]
                    SwiftKernels.axpy(coefficient, a.baseAddress! + i * n + range.lowerBound,
                                      yp + range.lowerBound, range.count)
                }
            }
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func gemm<T: LogitScalar>(
        _ transA: Transpose, _ transB: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ b: UnsafeMatrix<T>,
        beta: T, _ c: UnsafeMutableMatrix<T>
    ) throws(NumericError) {
        try ShapeCheck.gemm(transA, transB, a: (a.rows, a.columns), b: (b.rows, b.columns),
                            c: (c.rows, c.columns), blas: false)
        let m = c.rows, n = c.columns
        let k = transA.shape(rows: a.rows, columns: a.columns).columns
        guard m > 0, n > 0 else { return }
        split(m, work: m * n * k) { range in
            for i in range { SwiftKernels.scale(beta, c.baseAddress! + i * n, n) }
            guard alpha != 0, k > 0 else { return }
            GemmKernels.multiply(transA, transB, alpha: alpha, a, b, c, rows: range, k: k, upperOnly: false)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func syrk<T: LogitScalar>(
        _ trans: Transpose, alpha: T, _ a: UnsafeMatrix<T>, beta: T, _ c: UnsafeMutableMatrix<T>
    ) throws(NumericError) {
        try ShapeCheck.syrk(trans, a: (a.rows, a.columns), c: (c.rows, c.columns), blas: false)
        let n = c.rows
        let k = trans.shape(rows: a.rows, columns: a.columns).columns
        guard n > 0 else { return }
        // op(A)·op(A)ᵀ is gemm(trans, other(trans)) restricted to j ≥ i. Rows near
        // the top of C are longer, so split by work, not by row count.
        let other: Transpose = trans == .noTranspose ? .transpose : .noTranspose
        split(n, work: n * n * k / 2) { range in
            for i in range { SwiftKernels.scale(beta, c.baseAddress! + i * n + i, n - i) }
            guard alpha != 0, k > 0 else { return }
            GemmKernels.multiply(trans, other, alpha: alpha, a, a, c, rows: range, k: k, upperOnly: true)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func posv<T: LogitScalar>(_ a: UnsafeMutableMatrix<T>, _ b: UnsafeMutableMatrix<T>) throws(NumericError) {
        try ShapeCheck.posv(a: (a.rows, a.columns), b: (b.rows, b.columns), blas: false)
        try CholeskyKernels.factorUpper(a)
        CholeskyKernels.solveFactored(a.readOnly, b)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func binaryForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        try SwiftKernels.binaryBlockPass(x, weights: weights, gradient: gradient, scratch: scratch, link: link)
    }

    public func forwardBackwardScratchCount(rows: Int, features: Int, classes: Int) -> Int {
        classes
    }

    /// Blocks of one row: this backend finishes each row while it is in L1
    /// (see ``forwardBackward(_:weights:gradient:scratch:link:)``).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func blockForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableMatrix<T>) -> Void
    ) throws(NumericError) {
        try forwardBackwardInRowBlocks(x, weights: weights, gradient: gradient, scratch: scratch, link: link)
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func forwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ row: Int, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        let k = weights.rows, d = x.columns
        try ShapeCheck.forwardBackward(
            x: (x.rows, x.columns), weights: (weights.rows, weights.columns),
            gradient: (gradient.rows, gradient.columns), scratch: scratch.count,
            needed: forwardBackwardScratchCount(rows: x.rows, features: d, classes: k), blas: false)
        guard x.rows > 0, k > 0 else { return }
        if k == 1 {
            SwiftKernels.fusedBinaryPass(x, weights: weights, gradient: gradient, scratch: scratch, link: link)
            return
        }
        let scores = UnsafeMutableBufferPointer(rebasing: scratch[0..<k])
        // One row at a time: the k dot products and the k axpys all read the row
        // from L1, so X streams from memory exactly once.
        for i in 0..<x.rows {
            let row = x.baseAddress! + i * d
            for c in 0..<k {
                scores[c] = d == 0 ? 0 : SwiftKernels.dot(row, weights.baseAddress! + c * d, d)
            }
            link(i, scores)
            for c in 0..<k where scores[c] != 0 && d > 0 {
                SwiftKernels.axpy(scores[c], row, gradient.baseAddress! + c * d, d)
            }
        }
    }
}

/// Wraps a value the compiler cannot prove sendable but that the code using it
/// shares safely (disjoint writes, or read-only).
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
