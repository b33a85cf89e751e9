#if OpenBLAS
import CBLAS
import CLAPACKE

/// The ``NumericBackend`` that calls CBLAS from OpenBLAS and LAPACKE.
///
/// Available when the package is built with its `OpenBLAS` trait (the
/// default). Sizes are checked against CBLAS's 32-bit integers before any call;
/// degenerate shapes (a zero dimension) are handled here rather than passed to
/// BLAS, whose argument checker would print to stderr.
///
/// OpenBLAS's thread count is process-wide: making a backend with `threads`
/// sets it for every BLAS call in the process. Do not call a multithreaded
/// OpenBLAS from several threads at once (they oversubscribe the cores); the
/// training code sets it to 1 when it runs its own threads.
public struct BLASBackend: NumericBackend {
    public var kind: BackendKind { .blas }

    /// OpenBLAS's thread count when this backend was made.
    public let threadCount: Int

    /// The binary pass asked for when this backend was made; nil: the measured choice.
    public let requestedBinaryPass: BinaryPass?

    /// Makes a backend, setting OpenBLAS's thread count.
    ///
    /// Unless `binaryPass` names one, the first binary pass over rows of at
    /// least one vector in the process measures, once per precision, which
    /// kernel runs it faster on this machine (``BinaryPassCalibration``,
    /// about 1.5 ms). Scoring and multinomial training never do.
    ///
    /// - Parameters:
    ///   - threads: the thread count to set; `nil` means one per core.
    ///   - binaryPass: the kernel of ``binaryForwardBackward(_:weights:gradient:scratch:link:)``
    ///     at every width; `nil` (the default) runs the measured faster one,
    ///     and the fused kernel for rows narrower than one vector.
    /// - Throws: ``NumericError/invalidArgument(operation:message:)`` when
    ///   `threads < 1`.
    public init(threads: Int? = nil, binaryPass: BinaryPass? = nil) throws(NumericError) {
        let count = threads ?? BackendKind.coreCount
        guard count >= 1 else {
            throw .invalidArgument(operation: "BLASBackend", message: "thread count \(count) is not ≥ 1")
        }
        BLASBackend.setThreadCount(count)
        self.threadCount = count
        self.requestedBinaryPass = binaryPass
    }

    /// A backend for the calibration itself: no thread change, no measurement.
    init(uncalibratedThreads threads: Int) {
        self.threadCount = threads
        self.requestedBinaryPass = .blockedGemv
    }

    /// The start-up measurement of the binary pass's kernels for `type`
    /// (made at the first binary pass that needed it, or now).
    public static func binaryPassCalibration<T: LogitScalar>(for type: T.Type) -> BinaryPassCalibration {
        BinaryPassCalibration.measured(type)
    }

    /// Sets OpenBLAS's process-wide thread count (`openblas_set_num_threads`).
    public static func setThreadCount(_ threads: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, threads)))
    }

    /// OpenBLAS's current thread count (`openblas_get_num_threads`).
    public static var currentThreadCount: Int { Int(openblas_get_num_threads()) }

    /// OpenBLAS's build description (`openblas_get_config`), e.g.
    /// `"OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64"`.
    public static var configuration: String { String(cString: openblas_get_config()) }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func dot<T: LogitScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>) throws(NumericError) -> T {
        try ShapeCheck.sameLength("dot", x.count, y.count, blas: true)
        guard !x.isEmpty else { return 0 }
        let n = Int32(x.count)
        if T.self == Float.self {
            return T(cblas_sdot(n, f(x.baseAddress), 1, f(y.baseAddress), 1))
        }
        return T(cblas_ddot(n, d(x.baseAddress), 1, d(y.baseAddress), 1))
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func axpy<T: LogitScalar>(_ alpha: T, _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) throws(NumericError) {
        try ShapeCheck.sameLength("axpy", x.count, y.count, blas: true)
        guard !x.isEmpty else { return }
        let n = Int32(x.count)
        if T.self == Float.self {
            cblas_saxpy(n, Float(alpha), f(x.baseAddress), 1, f(y.baseAddress), 1)
        } else {
            cblas_daxpy(n, Double(alpha), d(x.baseAddress), 1, d(y.baseAddress), 1)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func scal<T: LogitScalar>(_ alpha: T, _ x: UnsafeMutableBufferPointer<T>) throws(NumericError) {
        try ShapeCheck.fits32Bit("scal", "n", x.count)
        guard !x.isEmpty else { return }
        let n = Int32(x.count)
        if T.self == Float.self {
            cblas_sscal(n, Float(alpha), f(x.baseAddress), 1)
        } else {
            cblas_dscal(n, Double(alpha), d(x.baseAddress), 1)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func nrm2<T: LogitScalar>(_ x: UnsafeBufferPointer<T>) throws(NumericError) -> T {
        try ShapeCheck.fits32Bit("nrm2", "n", x.count)
        guard !x.isEmpty else { return 0 }
        let n = Int32(x.count)
        if T.self == Float.self { return T(cblas_snrm2(n, f(x.baseAddress), 1)) }
        return T(cblas_dnrm2(n, d(x.baseAddress), 1))
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func gemv<T: LogitScalar>(
        _ trans: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ x: UnsafeBufferPointer<T>,
        beta: T, _ y: UnsafeMutableBufferPointer<T>
    ) throws(NumericError) {
        try ShapeCheck.gemv(trans, rows: a.rows, columns: a.columns, x: x.count, y: y.count, blas: true)
        guard !y.isEmpty else { return }
        if a.count == 0 {
            // op(A)·x is an empty sum: y = β·y.
            scaleOutput(beta, y)
            return
        }
        let m = Int32(a.rows), n = Int32(a.columns)
        if T.self == Float.self {
            cblas_sgemv(CblasRowMajor, cblas(trans), m, n, Float(alpha), f(a.baseAddress), n,
                        f(x.baseAddress), 1, Float(beta), f(y.baseAddress), 1)
        } else {
            cblas_dgemv(CblasRowMajor, cblas(trans), m, n, Double(alpha), d(a.baseAddress), n,
                        d(x.baseAddress), 1, Double(beta), d(y.baseAddress), 1)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func gemm<T: LogitScalar>(
        _ transA: Transpose, _ transB: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ b: UnsafeMatrix<T>,
        beta: T, _ c: UnsafeMutableMatrix<T>
    ) throws(NumericError) {
        try ShapeCheck.gemm(transA, transB, a: (a.rows, a.columns), b: (b.rows, b.columns),
                            c: (c.rows, c.columns), blas: true)
        guard c.count > 0 else { return }
        let k = transA.shape(rows: a.rows, columns: a.columns).columns
        if k == 0 {
            scaleOutput(beta, c.elements)
            return
        }
        let m = Int32(c.rows), n = Int32(c.columns), kk = Int32(k)
        let lda = Int32(a.columns), ldb = Int32(b.columns)
        if T.self == Float.self {
            cblas_sgemm(CblasRowMajor, cblas(transA), cblas(transB), m, n, kk, Float(alpha),
                        f(a.baseAddress), lda, f(b.baseAddress), ldb, Float(beta), f(c.baseAddress), n)
        } else {
            cblas_dgemm(CblasRowMajor, cblas(transA), cblas(transB), m, n, kk, Double(alpha),
                        d(a.baseAddress), lda, d(b.baseAddress), ldb, Double(beta), d(c.baseAddress), n)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func syrk<T: LogitScalar>(
        _ trans: Transpose, alpha: T, _ a: UnsafeMatrix<T>, beta: T, _ c: UnsafeMutableMatrix<T>
    ) throws(NumericError) {
        try ShapeCheck.syrk(trans, a: (a.rows, a.columns), c: (c.rows, c.columns), blas: true)
        let n = c.rows
        guard n > 0 else { return }
        let k = trans.shape(rows: a.rows, columns: a.columns).columns
        if k == 0 {
            for i in 0..<n { scaleOutput(beta, UnsafeMutableBufferPointer(rebasing: c.row(i)[i...])) }
            return
        }
        let lda = Int32(a.columns)
        if T.self == Float.self {
            cblas_ssyrk(CblasRowMajor, CblasUpper, cblas(trans), Int32(n), Int32(k), Float(alpha),
                        f(a.baseAddress), lda, Float(beta), f(c.baseAddress), Int32(n))
        } else {
            cblas_dsyrk(CblasRowMajor, CblasUpper, cblas(trans), Int32(n), Int32(k), Double(alpha),
                        d(a.baseAddress), lda, Double(beta), d(c.baseAddress), Int32(n))
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func posv<T: LogitScalar>(_ a: UnsafeMutableMatrix<T>, _ b: UnsafeMutableMatrix<T>) throws(NumericError) {
        try ShapeCheck.posv(a: (a.rows, a.columns), b: (b.rows, b.columns), blas: true)
        let n = a.rows, r = b.columns
        guard n > 0 else { return }
        // LAPACKE checks a row-major ldb ≥ max(1, nrhs) even when nrhs = 0.
        let ldb = Int32(max(1, r))
        let upper = CChar(UInt8(ascii: "U"))
        let info: Int32
        if T.self == Float.self {
            info = LAPACKE_sposv(LAPACK_ROW_MAJOR, upper, Int32(n), Int32(r), f(a.baseAddress), Int32(n),
                                 f(b.baseAddress), ldb)
        } else {
            info = LAPACKE_dposv(LAPACK_ROW_MAJOR, upper, Int32(n), Int32(r), d(a.baseAddress), Int32(n),
                                 d(b.baseAddress), ldb)
        }
        if info > 0 { throw .notPositiveDefinite(operation: "posv", order: Int(info)) }
        if info < 0 { throw .lapackFailure(routine: T.self == Float.self ? "LAPACKE_sposv" : "LAPACKE_dposv", info: Int(info)) }
    }

    /// Rows per block of ``forwardBackward(_:weights:gradient:scratch:link:)``:
    /// about 256 KiB of X, so the block is still in L2 when the second product
    /// reads it again.
    func blockRows(features: Int, stride: Int) -> Int {
        max(8, min(4096, (256 * 1024) / max(1, features * stride)))
    }

    /// Runs ``binaryPass(for:features:)``'s kernel: the Swift backend's
    /// fused block kernel, or per block of about 256 KiB of X (in L2) a `gemv`
    /// for the scores, the link, and a `gemv` with Xᵀ for the gradient.
    ///
    /// Measured on a 2-core Xeon (Emerald Rapids; OpenBLAS 0.3.21 with its
    /// SkylakeX kernels), one thread, 100000×784: the fused SSE2 kernel 47 ms
    /// an epoch in Float and 126 ms in Double, the blocked gemv 26 ms and
    /// 49 ms; 16 KiB blocks lose a third of that to per-call work, 1 MiB
    /// blocks fall out of L2. With OpenBLAS's generic Prescott kernels the
    /// fused kernel wins in Float (the blocked pass took 2.5× its time in
    /// cache) and the blocked pass still wins in Double.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func binaryForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        if binaryPass(for: T.self, features: x.columns) == .blockedGemv {
            try blockedGemvPass(x, weights: weights, gradient: gradient, scratch: scratch, link: link)
        } else {
            try SwiftKernels.binaryBlockPass(x, weights: weights, gradient: gradient, scratch: scratch, link: link)
        }
    }

    /// The requested pass, else the fused kernel for rows narrower than one
    /// vector (its narrow-row path has no per-call cost to amortize), else the
    /// start-up measurement's choice for `T`.
    public func binaryPass<T: LogitScalar>(for type: T.Type, features: Int) -> BinaryPass {
        requestedBinaryPass ?? BLASBackend.measuredBinaryPass(for: type, features: features)
    }

    /// The binary pass of a backend made without a requested one: the fused
    /// kernel for rows narrower than one vector, else the start-up
    /// measurement's choice for `T` (measured now if it was not yet).
    public static func measuredBinaryPass<T: LogitScalar>(for type: T.Type, features: Int) -> BinaryPass {
        if features < T.Accumulator.scalarCount { return .fusedRows }
        return BinaryPassCalibration.measured(type).choice
    }

    public func binaryBlockRows(features: Int, stride: Int) -> Int {
        let pass = stride <= MemoryLayout<Float>.stride
            ? binaryPass(for: Float.self, features: features) : binaryPass(for: Double.self, features: features)
        return binaryBlockRows(features: features, stride: stride, pass: pass)
    }

    /// Rows per block of `pass`: the fused kernel's 16 KiB, or about 256 KiB
    /// (at most 4096 rows) for the blocked `gemv` pass, so a block is still in
    /// L2 when the second `gemv` reads it and the per-call work is amortized.
    func binaryBlockRows(features: Int, stride: Int, pass: BinaryPass) -> Int {
        switch pass {
        case .fusedRows, .transposedCopy: SwiftKernels.binaryBlockRows(features: features, stride: stride)
        case .blockedGemv: max(1, min(4096, (256 << 10) / max(1, features * stride)))
        }
    }

    /// The blocked `gemv` pass, in blocks of the smaller of the scratch and
    /// ``binaryBlockRows(features:stride:pass:)``. Accepts the fused kernel's
    /// smaller scratch too (then in smaller blocks), so that a caller sized for
    /// either pass works with both.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    func blockedGemvPass<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        let d = x.columns, stride = MemoryLayout<T>.stride
        let needed = min(SwiftKernels.binaryBlockRows(features: d, stride: stride), max(x.rows, 1))
        guard weights.count == d, gradient.count == d, scratch.count >= needed else {
            throw .shapeMismatch(operation: "binaryForwardBackward",
                                 message: "X is \(x.rows)×\(d) but w has \(weights.count), g \(gradient.count) and scratch \(scratch.count) elements (needs \(needed))")
        }
        let block = min(scratch.count, binaryBlockRows(features: d, stride: stride, pass: .blockedGemv))
        var start = 0
        while start < x.rows {
            let rows = min(block, x.rows - start)
            let xb = x.rows(start..<(start + rows))
            let scores = UnsafeMutableBufferPointer(rebasing: scratch[0..<rows])
            try gemv(.noTranspose, alpha: 1, xb, weights, beta: 0, scores)
            link(start..<(start + rows), scores)
            try gemv(.transpose, alpha: 1, xb, UnsafeBufferPointer(scores), beta: 1, gradient)
            start += rows
        }
    }

    public func forwardBackwardScratchCount(rows: Int, features: Int, classes: Int) -> Int {
        min(max(rows, 1), blockRows(features: features, stride: 8)) * classes
    }

    /// ``blockForwardBackward(_:weights:gradient:scratch:link:)`` with the
    /// link applied to the block's rows one by one.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func forwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ row: Int, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        try blockForwardBackward(x, weights: weights, gradient: gradient, scratch: scratch) { rows, scores in
            for i in 0..<rows.count { link(rows.lowerBound + i, scores.row(i)) }
        }
    }

    /// Blocks of about 256 KiB of X (at most 4096 rows): one `gemm` for the
    /// block's scores, the link, one `gemm` for the gradient. One output
    /// (k = 1) runs the fused row kernel with blocks of one row, as
    /// ``forwardBackward(_:weights:gradient:scratch:link:)`` does.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func blockForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableMatrix<T>) -> Void
    ) throws(NumericError) {
        let k = weights.rows, dim = x.columns
        try ShapeCheck.forwardBackward(
            x: (x.rows, x.columns), weights: (weights.rows, weights.columns),
            gradient: (gradient.rows, gradient.columns), scratch: scratch.count,
            needed: forwardBackwardScratchCount(rows: x.rows, features: dim, classes: k), blas: true)
        guard x.rows > 0, k > 0 else { return }
        if k == 1 {
            // The binary pass is memory-bound (2 flops per element read), so it
            // runs the fused row kernel of the Swift backend: each row's dot and
            // axpy read it from L1, X streams once, at memory speed whatever
            // kernel OpenBLAS's DYNAMIC_ARCH picked. Measured on 100000×784
            // float: per-row sdot/saxpy took 19 ms an epoch with the Cooperlake
            // kernels on an AMD EPYC but 34–55 ms elsewhere (Prescott kernels
            // on a Xeon OpenBLAS 0.3.21 does not know), the blocked gemv pair
            // 27 ms, the row kernel 12–24 ms on both. Multinomial passes (k > 1)
            // do k× the arithmetic per byte, and there gemm wins (below).
            SwiftKernels.fusedBinaryPass(x, weights: weights, gradient: gradient, scratch: scratch) { row, scores in
                link(row..<(row + 1), UnsafeMutableMatrix(baseAddress: scores.baseAddress, rows: 1, columns: 1))
            }
            return
        }
        let block = min(x.rows, blockRows(features: dim, stride: 8))
        var start = 0
        while start < x.rows {
            let rows = min(block, x.rows - start)
            let xb = x.rows(start..<start + rows)
            let s = UnsafeMutableMatrix(baseAddress: scratch.baseAddress!, rows: rows, columns: k)
            try gemm(.noTranspose, .transpose, alpha: 1, xb, weights, beta: 0, s)
            link(start..<(start + rows), s)
            try gemm(.transpose, .noTranspose, alpha: 1, s.readOnly, xb, beta: 1, gradient)
            start += rows
        }
    }

    private func scaleOutput<T: LogitScalar>(_ beta: T, _ y: UnsafeMutableBufferPointer<T>) {
        guard let base = y.baseAddress else { return }
        for i in 0..<y.count { base[i] = beta == 0 ? 0 : beta * base[i] }
    }
}

@inline(__always)
private func cblas(_ trans: Transpose) -> CBLAS_TRANSPOSE {
    trans == .noTranspose ? CblasNoTrans : CblasTrans
}

// The backend's methods are generic over `LogitScalar`, which only Float and
// Double conform to; these reinterpret a pointer once the type has been tested.
@inline(__always)
private func f<T>(_ p: UnsafePointer<T>?) -> UnsafePointer<Float>? {
    UnsafeRawPointer(p)?.assumingMemoryBound(to: Float.self)
}
@inline(__always)
private func f<T>(_ p: UnsafeMutablePointer<T>?) -> UnsafeMutablePointer<Float>? {
    UnsafeMutableRawPointer(p)?.assumingMemoryBound(to: Float.self)
}
@inline(__always)
private func d<T>(_ p: UnsafePointer<T>?) -> UnsafePointer<Double>? {
    UnsafeRawPointer(p)?.assumingMemoryBound(to: Double.self)
}
@inline(__always)
private func d<T>(_ p: UnsafeMutablePointer<T>?) -> UnsafeMutablePointer<Double>? {
    UnsafeMutableRawPointer(p)?.assumingMemoryBound(to: Double.self)
}
#endif
