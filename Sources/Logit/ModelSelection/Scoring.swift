/// The score that ranks model-selection candidates, as scikit-learn's
/// `scoring=` names them. Each is the mean over the validation folds.
public enum Scoring: String, Sendable, Codable, CaseIterable {
    /// Fraction of validation rows predicted right (higher is better).
    case accuracy
    /// Mean cross-entropy of the validation probabilities (lower is better): a
    /// proper score, so it rewards calibrated probabilities, and it separates
    /// candidates that accuracy ties. The default.
    case logLoss = "log_loss"
    /// Unweighted mean of the per-class F1 scores (higher is better).
    case f1Macro = "f1_macro"
    /// ROC AUC: binary, or one-vs-rest macro-averaged for more classes (higher
    /// is better); undefined on a fold lacking a class.
    case rocAUC = "roc_auc"

    /// Whether a larger value is better.
    public var higherIsBetter: Bool { self != .logLoss }

    /// The mean of this score over the folds of `result` (NaN when undefined on a fold).
    public func mean(of result: CrossValidationResult) -> Double {
        switch self {
        case .accuracy: result.meanAccuracy
        case .logLoss: result.meanLogLoss
        case .f1Macro: result.meanF1Macro
        case .rocAUC: result.meanROCAUC
        }
    }

    /// Whether `a` is strictly better than `b`; NaN is worse than any number.
    public func isBetter(_ a: Double, than b: Double) -> Bool {
        if a.isNaN { return false }
        if b.isNaN { return true }
        return higherIsBetter ? a > b : a < b
    }
}
