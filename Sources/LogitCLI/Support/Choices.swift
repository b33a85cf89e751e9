import ArgumentParser
import Logit
import LogitNumerics

extension Solver: ExpressibleByArgument {}

extension BackendKind: ExpressibleByArgument {}

extension Scoring: ExpressibleByArgument {}

/// The precision to train or predict in.
enum Precision: String, CaseIterable, ExpressibleByArgument, Sendable {
    case float
    case double
}

/// Class weighting as named on the command line.
enum ClassWeightChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case none
    case balanced

    var weighting: ClassWeighting { self == .none ? .none : .balanced }

    init(_ weighting: ClassWeighting) {
        self = weighting == .balanced ? .balanced : .none
    }

    /// The name of any weighting (explicit weights as their list).
    static func name(of weighting: ClassWeighting) -> String {
        switch weighting {
        case .none: "none"
        case .balanced: "balanced"
        case let .explicit(values): values.map { "\($0)" }.joined(separator: ",")
        }
    }
}

/// Output format of `logit predict`.
enum PredictionFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case csv
    case jsonl
}

/// How `logit tune` picks candidates.
enum SearchChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case grid
    case random
}

extension GradientNorm: ExpressibleByArgument {}

extension MissingValueImputer.Strategy: ExpressibleByArgument {}
