/// Whether a matrix operand is used as stored or transposed, as in BLAS's `trans`
/// arguments.
public enum Transpose: Sendable, Hashable, CustomStringConvertible {
    /// Use the matrix as stored: op(A) = A.
    case noTranspose
    /// Use the transpose: op(A) = Aᵀ.
    case transpose

    public var description: String {
        self == .noTranspose ? "noTranspose" : "transpose"
    }

    /// The shape of op(A) for a stored shape `rows × columns`.
    @inlinable
    public func shape(rows: Int, columns: Int) -> (rows: Int, columns: Int) {
        self == .noTranspose ? (rows, columns) : (columns, rows)
    }
}
