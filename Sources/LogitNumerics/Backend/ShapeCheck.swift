/// The operand checks shared by both backends, so that both reject exactly the
/// same calls with exactly the same messages, before touching any memory.
@usableFromInline
enum ShapeCheck {
    /// Throws unless `value` fits CBLAS's and LAPACKE's 32-bit integers.
    @usableFromInline
    static func fits32Bit(_ operation: String, _ dimension: String, _ value: Int) throws(NumericError) {
        if value > Int(Int32.max) {
            throw .dimensionTooLarge(operation: operation, dimension: dimension, value: value)
        }
    }

    @usableFromInline
    static func sameLength(_ operation: String, _ x: Int, _ y: Int, blas: Bool) throws(NumericError) {
        guard x == y else {
            throw .shapeMismatch(operation: operation,
                                 message: "x has \(x) elements but y has \(y)")
        }
        if blas { try fits32Bit(operation, "n", x) }
    }

    @usableFromInline
    static func gemv(_ trans: Transpose, rows: Int, columns: Int, x: Int, y: Int, blas: Bool) throws(NumericError) {
        let operation = "gemv(\(trans))"
        let (m, n) = trans.shape(rows: rows, columns: columns)
        guard x == n else {
            throw .shapeMismatch(operation: operation,
                                 message: "op(A) is \(m)×\(n) (A is \(rows)×\(columns)) but x has \(x) elements (expected \(n))")
        }
        guard y == m else {
            throw .shapeMismatch(operation: operation,
                                 message: "op(A) is \(m)×\(n) (A is \(rows)×\(columns)) but y has \(y) elements (expected \(m))")
        }
        if blas {
            try fits32Bit(operation, "rows of A", rows)
            try fits32Bit(operation, "columns of A", columns)
        }
    }

    @usableFromInline
    static func gemm(_ transA: Transpose, _ transB: Transpose,
                     a: (Int, Int), b: (Int, Int), c: (Int, Int), blas: Bool) throws(NumericError) {
        let operation = "gemm(\(transA), \(transB))"
        let opA = transA.shape(rows: a.0, columns: a.1)
        let opB = transB.shape(rows: b.0, columns: b.1)
        guard opA.columns == opB.rows, c.0 == opA.rows, c.1 == opB.columns else {
            throw .shapeMismatch(
                operation: operation,
                message: "op(A) is \(opA.rows)×\(opA.columns) (A is \(a.0)×\(a.1)), op(B) is \(opB.rows)×\(opB.columns) (B is \(b.0)×\(b.1)), C is \(c.0)×\(c.1); expected op(A) m×k, op(B) k×n, C m×n")
        }
        if blas {
            for (name, value) in [("rows of A", a.0), ("columns of A", a.1), ("rows of B", b.0),
                                  ("columns of B", b.1)] {
                try fits32Bit(operation, name, value)
            }
        }
    }

    @usableFromInline
    static func syrk(_ trans: Transpose, a: (Int, Int), c: (Int, Int), blas: Bool) throws(NumericError) {
        let operation = "syrk(\(trans))"
        let opA = trans.shape(rows: a.0, columns: a.1)
        guard c.0 == c.1, c.0 == opA.rows else {
            throw .shapeMismatch(
                operation: operation,
                message: "op(A) is \(opA.rows)×\(opA.columns) (A is \(a.0)×\(a.1)) so C must be \(opA.rows)×\(opA.rows), but C is \(c.0)×\(c.1)")
        }
        if blas {
            try fits32Bit(operation, "rows of A", a.0)
            try fits32Bit(operation, "columns of A", a.1)
        }
    }

    @usableFromInline
    static func posv(a: (Int, Int), b: (Int, Int), blas: Bool) throws(NumericError) {
        guard a.0 == a.1 else {
            throw .shapeMismatch(operation: "posv", message: "A must be square but is \(a.0)×\(a.1)")
        }
        guard b.0 == a.0 else {
            throw .shapeMismatch(operation: "posv",
                                 message: "A is \(a.0)×\(a.1) but B has \(b.0) rows (expected \(a.0))")
        }
        if blas {
            try fits32Bit("posv", "order of A", a.0)
            try fits32Bit("posv", "columns of B", b.1)
        }
    }

    @usableFromInline
    static func forwardBackward(x: (Int, Int), weights: (Int, Int), gradient: (Int, Int),
                                scratch: Int, needed: Int, blas: Bool) throws(NumericError) {
        let operation = "forwardBackward"
        guard weights.1 == x.1 else {
            throw .shapeMismatch(operation: operation,
                                 message: "X is \(x.0)×\(x.1) but W is \(weights.0)×\(weights.1) (expected k×\(x.1))")
        }
        guard gradient == weights else {
            throw .shapeMismatch(operation: operation,
                                 message: "W is \(weights.0)×\(weights.1) but G is \(gradient.0)×\(gradient.1) (expected the same shape)")
        }
        guard scratch >= needed else {
            throw .shapeMismatch(operation: operation,
                                 message: "scratch has \(scratch) elements, needs \(needed) for X \(x.0)×\(x.1) and k = \(weights.0)")
        }
        if blas {
            try fits32Bit(operation, "rows of X", x.0)
            try fits32Bit(operation, "columns of X", x.1)
            try fits32Bit(operation, "rows of W", weights.0)
        }
    }

    /// The operands of the binary pass over Xᵀ (d×n): w and g of d elements,
    /// and a scratch of at least one score when there is a row.
    @usableFromInline
    static func transposedBinaryPass(features d: Int, rows n: Int, weights: Int, gradient: Int,
                                     scratch: Int) throws(NumericError) {
        let operation = "binaryForwardBackward(transposed:)"
        guard weights == d, gradient == d else {
            throw .shapeMismatch(operation: operation,
                                 message: "Xᵀ is \(d)×\(n) but w has \(weights) and g \(gradient) elements (expected \(d))")
        }
        guard scratch >= 1 || n == 0 else {
            throw .shapeMismatch(operation: operation, message: "scratch is empty, needs at least 1 element for \(n) rows")
        }
    }
}
