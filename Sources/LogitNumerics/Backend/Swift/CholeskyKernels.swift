/// The pure-Swift Cholesky factorization and triangular solves behind
/// ``SwiftBackend/posv(_:_:)``, on row-major storage using the upper triangle.
@usableFromInline
enum CholeskyKernels {
    /// Overwrites the upper triangle of the square `a` with U such that A = UᵀU
    /// (right-looking: each step updates the trailing rows with contiguous axpys).
    ///
    /// - Throws: ``NumericError/notPositiveDefinite(operation:order:)`` with the
    ///   order of the first leading minor that is not positive (NaN counts as
    ///   not positive), as LAPACK's `info` would report it.
    @inline(__always)
    static func factorUpper<T: LogitScalar>(_ a: UnsafeMutableMatrix<T>) throws(NumericError) {
        let n = a.rows
        guard n > 0 else { return }
        let p = a.baseAddress!
        for k in 0..<n {
            let pivot = p[k * n + k]
            guard pivot > 0, pivot.isFinite else {
                throw .notPositiveDefinite(operation: "posv", order: k + 1)
            }
            let r = pivot.squareRoot()
            p[k * n + k] = r
            let tail = n - k - 1
            if tail == 0 { break }
            SwiftKernels.scale(1 / r, p + k * n + k + 1, tail)
            // Row i (i > k) of the trailing upper triangle: A[i, i:] -= U[k, i]·U[k, i:].
            for i in (k + 1)..<n {
                let u = p[k * n + i]
                if u != 0 {
                    SwiftKernels.axpy(-u, p + k * n + i, p + i * n + i, n - i)
                }
            }
        }
    }

    /// Solves UᵀU·X = B in place for the factor left by ``factorUpper(_:)``.
    @inline(__always)
    static func solveFactored<T: LogitScalar>(_ u: UnsafeMatrix<T>, _ b: UnsafeMutableMatrix<T>) {
        let n = u.rows, r = b.columns
        guard n > 0, r > 0 else { return }
        let up = u.baseAddress!, bp = b.baseAddress!
        // Forward: Uᵀ·Y = B. Row k of Y is final once scaled; it then updates the
        // rows below it through row k of U.
        for k in 0..<n {
            SwiftKernels.scale(1 / up[k * n + k], bp + k * r, r)
            for i in (k + 1)..<n where up[k * n + i] != 0 {
                SwiftKernels.axpy(-up[k * n + i], UnsafePointer(bp + k * r), bp + i * r, r)
            }
        }
        // Backward: U·X = Y, row k of X from the rows below it.
        for k in stride(from: n - 1, through: 0, by: -1) {
            for j in (k + 1)..<n where up[k * n + j] != 0 {
                SwiftKernels.axpy(-up[k * n + j], UnsafePointer(bp + j * r), bp + k * r, r)
            }
            SwiftKernels.scale(1 / up[k * n + k], bp + k * r, r)
        }
    }
}
