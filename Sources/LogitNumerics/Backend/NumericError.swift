/// An error from a numeric primitive: an operand of the wrong shape, a size that
/// the BLAS interface cannot take, or a factorization that failed.
///
/// Every primitive checks its operands before it touches their memory, and the
/// message names the operation and the shapes involved, for example
/// `gemv(noTranspose): A is 3×4 but x has 5 elements (expected 4)`.
public enum NumericError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operands' shapes do not fit together. The message names them.
    case shapeMismatch(operation: String, message: String)
    /// A dimension exceeds what the 32-bit integers of CBLAS and LAPACKE can hold.
    case dimensionTooLarge(operation: String, dimension: String, value: Int)
    /// The matrix given to a Cholesky solve is not (numerically) positive
    /// definite: its leading minor of order `order` is not positive.
    case notPositiveDefinite(operation: String, order: Int)
    /// LAPACK reported an illegal argument or another failure (`info` as returned).
    case lapackFailure(routine: String, info: Int)
    /// A scalar argument is out of its domain (for example a negative thread count).
    case invalidArgument(operation: String, message: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(operation, message):
            return "\(operation): \(message)"
        case let .dimensionTooLarge(operation, dimension, value):
            return "\(operation): \(dimension) = \(value) exceeds the 32-bit BLAS limit \(Int32.max)"
        case let .notPositiveDefinite(operation, order):
            return "\(operation): the matrix is not positive definite (leading minor of order \(order) is not positive)"
        case let .lapackFailure(routine, info):
            return "\(routine) failed with info = \(info)"
        case let .invalidArgument(operation, message):
            return "\(operation): \(message)"
        }
    }
}
