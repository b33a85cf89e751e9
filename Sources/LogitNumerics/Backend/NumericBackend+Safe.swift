/// Safe overloads of the backend operations on ``Matrix`` and arrays.
///
/// They check shapes exactly like the unsafe requirements (and throw the same
/// ``NumericError``), then call them on the operands' memory. Outputs are
/// `inout`, so a shared or read-only matrix is copied before it is written.
extension NumericBackend {
    /// Returns xᵀy. See ``NumericBackend/dot(_:_:)``.
    public func dot<T: LogitScalar>(_ x: [T], _ y: [T]) throws(NumericError) -> T {
        try x.withUnsafeBufferPointer { (xb) throws(NumericError) -> T in
            try y.withUnsafeBufferPointer { (yb) throws(NumericError) -> T in try dot(xb, yb) }
        }
    }

    /// y ← αx + y. See ``NumericBackend/axpy(_:_:_:)``.
    public func axpy<T: LogitScalar>(_ alpha: T, _ x: [T], _ y: inout [T]) throws(NumericError) {
        try x.withUnsafeBufferPointer { (xb) throws(NumericError) in
            try y.withUnsafeMutableBufferPointer { (yb) throws(NumericError) in try axpy(alpha, xb, yb) }
        }
    }

    /// x ← αx. See ``NumericBackend/scal(_:_:)``.
    public func scal<T: LogitScalar>(_ alpha: T, _ x: inout [T]) throws(NumericError) {
        try x.withUnsafeMutableBufferPointer { (xb) throws(NumericError) in try scal(alpha, xb) }
    }

    /// Returns ‖x‖₂. See ``NumericBackend/nrm2(_:)``.
    public func nrm2<T: LogitScalar>(_ x: [T]) throws(NumericError) -> T {
        try x.withUnsafeBufferPointer { (xb) throws(NumericError) -> T in try nrm2(xb) }
    }

    /// y ← α·op(A)·x + β·y. See ``NumericBackend/gemv(_:alpha:_:_:beta:_:)``.
    public func gemv<T: LogitScalar>(
        _ trans: Transpose, alpha: T = 1, _ a: Matrix<T>, _ x: [T], beta: T = 0, _ y: inout [T]
    ) throws(NumericError) {
        try a.withUnsafeMatrix { (am) throws(NumericError) in
            try x.withUnsafeBufferPointer { (xb) throws(NumericError) in
                try y.withUnsafeMutableBufferPointer { (yb) throws(NumericError) in
                    try gemv(trans, alpha: alpha, am, xb, beta: beta, yb)
                }
            }
        }
    }

    /// C ← α·op(A)·op(B) + β·C. See ``NumericBackend/gemm(_:_:alpha:_:_:beta:_:)``.
    public func gemm<T: LogitScalar>(
        _ transA: Transpose, _ transB: Transpose, alpha: T = 1, _ a: Matrix<T>, _ b: Matrix<T>,
        beta: T = 0, _ c: inout Matrix<T>
    ) throws(NumericError) {
        try a.withUnsafeMatrix { (am) throws(NumericError) in
            try b.withUnsafeMatrix { (bm) throws(NumericError) in
                try c.withUnsafeMutableMatrix { (cm) throws(NumericError) in
                    try gemm(transA, transB, alpha: alpha, am, bm, beta: beta, cm)
                }
            }
        }
    }

    /// Upper triangle of C ← α·op(A)·op(A)ᵀ + β·C. See ``NumericBackend/syrk(_:alpha:_:beta:_:)``.
    public func syrk<T: LogitScalar>(
        _ trans: Transpose, alpha: T = 1, _ a: Matrix<T>, beta: T = 0, _ c: inout Matrix<T>
    ) throws(NumericError) {
        try a.withUnsafeMatrix { (am) throws(NumericError) in
            try c.withUnsafeMutableMatrix { (cm) throws(NumericError) in
                try syrk(trans, alpha: alpha, am, beta: beta, cm)
            }
        }
    }

    /// Solves A·X = B for symmetric positive-definite A. See ``NumericBackend/posv(_:_:)``.
    public func posv<T: LogitScalar>(_ a: inout Matrix<T>, _ b: inout Matrix<T>) throws(NumericError) {
        try a.withUnsafeMutableMatrix { (am) throws(NumericError) in
            try b.withUnsafeMutableMatrix { (bm) throws(NumericError) in try posv(am, bm) }
        }
    }

    /// Returns the solution x of A·x = b for symmetric positive-definite A,
    /// leaving A and b unchanged. See ``NumericBackend/posv(_:_:)``.
    public func solvePositiveDefinite<T: LogitScalar>(_ a: Matrix<T>, _ b: [T]) throws(NumericError) -> [T] {
        var factor = a
        var rhs = try Matrix(rows: b.count, columns: 1, elements: b)
        try posv(&factor, &rhs)
        return rhs.elements
    }
}
