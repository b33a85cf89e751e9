/// The numeric operations logistic-regression training needs, behind one
/// interface with two implementations: ``BLASBackend`` (CBLAS from OpenBLAS and
/// LAPACKE) and ``SwiftBackend`` (pure Swift, no system dependency).
///
/// The requirements follow BLAS and LAPACK semantics on row-major operands and
/// take non-owning views (``UnsafeMatrix``, buffer pointers), so they cost
/// nothing to call from a hot loop on a block of rows. Safe overloads taking
/// ``Matrix`` and arrays are in an extension.
///
/// Every operation checks its operands' shapes before it touches memory and
/// throws ``NumericError`` naming them. Results of the two backends agree within
/// rounding, not bitwise (summation order and FMA differ): see the parity tests
/// for the tolerances.
///
/// Conforming types must be usable from several threads at once.
public protocol NumericBackend: Sendable {
    /// Which implementation this is.
    var kind: BackendKind { get }

    /// How many threads the backend's own operations may use.
    var threadCount: Int { get }

    /// Returns xᵀy.
    ///
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when the
    ///   lengths differ.
    /// - Complexity: O(n).
    func dot<T: LogitScalar>(_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>) throws(NumericError) -> T

    /// y ← αx + y.
    ///
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when the
    ///   lengths differ.
    /// - Complexity: O(n).
    func axpy<T: LogitScalar>(_ alpha: T, _ x: UnsafeBufferPointer<T>, _ y: UnsafeMutableBufferPointer<T>) throws(NumericError)

    /// x ← αx.
    ///
    /// - Complexity: O(n).
    func scal<T: LogitScalar>(_ alpha: T, _ x: UnsafeMutableBufferPointer<T>) throws(NumericError)

    /// Returns the Euclidean norm ‖x‖₂, computed without overflow or underflow
    /// for any finite x.
    ///
    /// - Complexity: O(n).
    func nrm2<T: LogitScalar>(_ x: UnsafeBufferPointer<T>) throws(NumericError) -> T

    /// y ← α·op(A)·x + β·y, with op(A) = A (m×n, x of length n, y of length m) or
    /// Aᵀ (x of length m, y of length n). When β = 0, y is not read.
    ///
    /// - Complexity: O(m·n).
    func gemv<T: LogitScalar>(
        _ trans: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ x: UnsafeBufferPointer<T>,
        beta: T, _ y: UnsafeMutableBufferPointer<T>
    ) throws(NumericError)

    /// C ← α·op(A)·op(B) + β·C, with op(A) m×k, op(B) k×n, C m×n. When β = 0, C
    /// is not read.
    ///
    /// - Complexity: O(m·n·k).
    func gemm<T: LogitScalar>(
        _ transA: Transpose, _ transB: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ b: UnsafeMatrix<T>,
        beta: T, _ c: UnsafeMutableMatrix<T>
    ) throws(NumericError)

    /// The upper triangle of C ← α·op(A)·op(A)ᵀ + β·C, with op(A) = A (C = AAᵀ)
    /// or Aᵀ (C = AᵀA, the Gram matrix XᵀX of a data matrix). Only the upper
    /// triangle (j ≥ i) of the square C is read and written.
    ///
    /// - Complexity: O(n²·k), half of the equivalent ``gemm(_:_:alpha:_:_:beta:_:)``.
    func syrk<T: LogitScalar>(
        _ trans: Transpose, alpha: T, _ a: UnsafeMatrix<T>, beta: T, _ c: UnsafeMutableMatrix<T>
    ) throws(NumericError)

    /// Solves A·X = B for a symmetric positive-definite A by Cholesky
    /// factorization (LAPACK `posv` with `uplo = U`).
    ///
    /// Only the upper triangle of the n×n matrix A is read; on return it holds
    /// the factor U of A = UᵀU. B (n×r) is overwritten by the solution X.
    ///
    /// - Throws: ``NumericError/notPositiveDefinite(operation:order:)`` when a
    ///   leading minor is not positive (A and B are then partly overwritten).
    /// - Complexity: O(n³/3 + n²·r).
    func posv<T: LogitScalar>(_ a: UnsafeMutableMatrix<T>, _ b: UnsafeMutableMatrix<T>) throws(NumericError)

    /// One pass over the rows of X that fuses the forward and backward products
    /// of a linear model with k outputs:
    ///
    ///     for each row xᵢ of X (n×d):
    ///         sᵢ ← W·xᵢ                (k scores; W is k×d)
    ///         link(i, sᵢ)              (replaces sᵢ by the residual rᵢ, in place)
    ///         G ← G + rᵢ·xᵢᵀ           (G is k×d)
    ///
    /// With `link` computing rᵢ = σ(sᵢ + b) − yᵢ this is the gradient Xᵀ(σ(Xw+b) − y)
    /// of logistic regression in one call. Each backend makes it stream X from
    /// memory once: the Swift backend finishes each row while it is in L1, the
    /// BLAS backend works in blocks of rows that stay in cache between its gemv
    /// or gemm calls.
    ///
    /// `link` is called exactly once per row, in increasing row order, on the
    /// calling thread. `scratch` must hold at least
    /// ``forwardBackwardScratchCount(rows:features:classes:)`` elements; the
    /// function does not allocate.
    ///
    /// - Complexity: O(n·d·k).
    func forwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ row: Int, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError)

    /// The number of scratch elements ``forwardBackward(_:weights:gradient:scratch:link:)``
    /// needs for X of `rows × features` and k = `classes`.
    func forwardBackwardScratchCount(rows: Int, features: Int, classes: Int) -> Int

    /// The pass of ``forwardBackward(_:weights:gradient:scratch:link:)`` with
    /// the link called once per block of rows instead of once per row, so that
    /// it can work on a block's k·|B| scores with vector code (one vectorized
    /// exponential for the block rather than one per row's k scores):
    ///
    ///     for each block B of rows of X (n×d), in increasing order:
    ///         S ← X_B·Wᵀ              (|B|×k scores, row-major, in `scratch`)
    ///         link(B, S)              (replaces S by the residuals, in place)
    ///         G ← G + Sᵀ·X_B          (G is k×d)
    ///
    /// ``BLASBackend`` passes the blocks its `gemm` calls work on (about
    /// 256 KiB of X); ``SwiftBackend`` finishes each row while it is in L1, so
    /// its blocks are single rows. `scratch` must hold at least
    /// ``forwardBackwardScratchCount(rows:features:classes:)`` elements; the
    /// function does not allocate. The default implementation calls
    /// ``forwardBackward(_:weights:gradient:scratch:link:)`` with blocks of one row.
    ///
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when the
    ///   shapes do not fit X.
    /// - Complexity: O(n·d·k).
    func blockForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableMatrix<T>) -> Void
    ) throws(NumericError)

    /// The fused pass of ``forwardBackward(_:weights:gradient:scratch:link:)``
    /// for one output (a binary model), with the link called once per block of
    /// rows instead of once per row, so it can work on a block's scores with
    /// vector code (one vectorized exponential for the block):
    ///
    ///     for each block B of rows of X (n×d), in increasing order:
    ///         sᵢ ← ⟨xᵢ, w⟩ for i in B         (scores in `scratch`, one per row)
    ///         link(B, s)                      (replaces s by the residuals)
    ///         g ← g + Σᵢ sᵢ·xᵢ for i in B
    ///
    /// Blocks hold at most 64 rows and about 16 KiB of X, so the rows are still
    /// in L1 for the update: X streams from memory once. That is the Swift
    /// backend's kernel; ``BLASBackend`` runs it too, or two `gemv` calls per
    /// larger block when it measured OpenBLAS's kernels faster at start-up
    /// (``binaryPass(for:features:)``, ``BinaryPass``).
    ///
    /// - Parameters:
    ///   - weights: w (d elements).
    ///   - gradient: g (d elements), added to.
    ///   - scratch: ``binaryBlockRows(features:stride:)`` elements (or X's
    ///     row count, if smaller). Fewer work too, down to the fused kernel's
    ///     block (16 KiB of X, at most 64 rows), in smaller blocks.
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when the
    ///   lengths do not fit X.
    /// - Complexity: O(n·d).
    func binaryForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError)

    /// ``binaryForwardBackward(_:weights:gradient:scratch:link:)`` on X given
    /// transposed: `transposed` is Xᵀ (d×n, row-major), so that feature j of
    /// every row is contiguous. Same result and the same link contract (blocks
    /// of rows in increasing order, scores replaced by residuals); the blocks
    /// are larger (up to the scratch's size).
    ///
    /// For small data with rows narrower than one vector (Raisin: 900×7),
    /// which a trainer can afford to copy once per fit: there a row-major
    /// pass works one row at a time, and this one a vector of rows at a time.
    /// Both backends run the package's Swift kernel (the default): two
    /// OpenBLAS `gemv` per block measured the same on Raisin, so the call
    /// buys nothing.
    ///
    /// - Parameters:
    ///   - transposed: Xᵀ, d×n.
    ///   - weights: w (d elements).
    ///   - gradient: g (d elements), added to.
    ///   - scratch: at least 1 element when n > 0; one score per row of a
    ///     block, so its size bounds the blocks.
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when the
    ///   lengths do not fit Xᵀ.
    /// - Complexity: O(n·d).
    func binaryForwardBackward<T: LogitScalar>(
        transposed: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError)

    /// Rows per block of ``binaryForwardBackward(_:weights:gradient:scratch:link:)``
    /// for rows of `features` elements of `stride` bytes (4: Float, 8: Double):
    /// the scratch that pass wants. With ``BinaryPass/fusedRows`` about 16 KiB
    /// of X and at most 64 rows; with ``BinaryPass/blockedGemv`` about 256 KiB
    /// and at most 4096 rows. At least 1.
    func binaryBlockRows(features: Int, stride: Int) -> Int

    /// The kernel ``binaryForwardBackward(_:weights:gradient:scratch:link:)``
    /// runs for rows of `features` elements of type `T`, for the record (the
    /// training report and the model file name it).
    func binaryPass<T: LogitScalar>(for type: T.Type, features: Int) -> BinaryPass
}

extension NumericBackend {
    /// Blocks of one row: ``forwardBackward(_:weights:gradient:scratch:link:)``
    /// with each row's scores passed on as a 1×k matrix.
    public func blockForwardBackward<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableMatrix<T>) -> Void
    ) throws(NumericError) {
        try forwardBackwardInRowBlocks(x, weights: weights, gradient: gradient, scratch: scratch, link: link)
    }

    /// The block pass in blocks of one row, through
    /// ``forwardBackward(_:weights:gradient:scratch:link:)``: the default above,
    /// and ``SwiftBackend``'s specialized one.
    @inline(__always)
    func forwardBackwardInRowBlocks<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableMatrix<T>) -> Void
    ) throws(NumericError) {
        try forwardBackward(x, weights: weights, gradient: gradient, scratch: scratch) { row, scores in
            link(row..<(row + 1), UnsafeMutableMatrix(baseAddress: scores.baseAddress, rows: 1, columns: scores.count))
        }
    }

    /// The package's Swift kernel over Xᵀ, in blocks of at most 512 rows
    /// (`ColumnBinaryPass`, specialized for `Float` and `Double`).
    public func binaryForwardBackward<T: LogitScalar>(
        transposed: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        try ShapeCheck.transposedBinaryPass(features: transposed.rows, rows: transposed.columns,
                                            weights: weights.count, gradient: gradient.count,
                                            scratch: scratch.count)
        ColumnBinaryPass.runSpecialized(transposed: transposed, weights: weights, gradient: gradient, scratch: scratch,
                                        link: link)
    }

    /// About 16 KiB of X, at most 64 rows, at least 1: the blocks of
    /// ``BinaryPass/fusedRows``.
    public func binaryBlockRows(features: Int, stride: Int) -> Int {
        SwiftKernels.binaryBlockRows(features: features, stride: stride)
    }

    /// ``BinaryPass/fusedRows``, the package's own kernel.
    public func binaryPass<T: LogitScalar>(for type: T.Type, features: Int) -> BinaryPass {
        .fusedRows
    }
}
