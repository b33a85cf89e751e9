/// Why training refused to start or could not go on. The message names the
/// row, column, shape or setting at fault.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data cannot be trained on (empty, one class, NaN/inf, bad labels,
    /// mismatched lengths).
    case invalidData(String)
    /// A setting is out of range or not supported by the chosen solver.
    case invalidConfiguration(String)
    /// The problem is too large for the chosen solver; the message says which to use.
    case tooLarge(String)
    /// A numeric step failed (for example a Hessian that is not positive definite).
    case numericFailure(String)
    /// The objective or its gradient became NaN or infinite (a learning rate
    /// too large, or features too large to train on): no model is produced.
    case diverged(String)
    /// Training was cancelled through the progress callback or task cancellation.
    case cancelled

    public var description: String {
        switch self {
        case let .invalidData(m): return "invalid data: \(m)"
        case let .invalidConfiguration(m): return "invalid configuration: \(m)"
        case let .tooLarge(m): return m
        case let .numericFailure(m): return "numeric failure: \(m)"
        case let .diverged(m): return "training diverged: \(m)"
        case .cancelled: return "training cancelled"
        }
    }
}
