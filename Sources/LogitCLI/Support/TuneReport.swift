import Logit

/// The `--json` output of `logit tune`: every candidate, best first, with its
/// per-fold scores and their mean and standard deviation.
struct TuneReport: Encodable {
    /// One evaluated configuration.
    struct Candidate: Encodable {
        var rank: Int
        var order: Int
        var solver: String
        /// Only for the solvers that use one (gd, sgd).
        var learningRate: Double?
        var l2: Double
        var l1: Double
        var classWeight: String
        var folds: [FoldRow]
        var mean: CrossValidationReport.Summary
        var std: CrossValidationReport.Summary
        /// The mean of the ranking score.
        var score: Double
        /// Whether the solver converged in every fold.
        var convergedInAllFolds: Bool

        enum CodingKeys: String, CodingKey {
            case rank, order, solver, l2, l1, folds, mean, std, score
            case learningRate = "learning_rate"
            case classWeight = "class_weight"
            case convergedInAllFolds = "converged_in_all_folds"
        }
    }

    var data: String
    var rows: Int
    var search: String
    var folds: Int
    var backend: String
    var precision: String
    /// The score candidates are ranked by.
    var scoring: String
    var candidates: [Candidate]
    /// Where the refitted best model was written (`--output`).
    var output: String?
    /// `--track`: the search's parent run and the best candidate's run.
    var parentRunID: String?
    var bestRunID: String?

    enum CodingKeys: String, CodingKey {
        case data, rows, search, folds, backend, precision, scoring, candidates, output
        case parentRunID = "parent_run_id"
        case bestRunID = "best_run_id"
    }

    init(data: String, rows: Int, search: String, folds: Int, backend: String, precision: String,
         result: SearchResult) {
        self.data = data
        self.rows = rows
        self.search = search
        self.folds = folds
        self.backend = backend
        self.precision = precision
        scoring = result.scoring.rawValue
        candidates = result.candidates.enumerated().map { rank, candidate in
            let c = candidate.configuration, cv = candidate.crossValidation
            let usesRate = c.solver == .gradientDescent || c.solver == .stochasticGradientDescent
            return Candidate(
                rank: rank + 1, order: candidate.order, solver: c.solver.rawValue,
                learningRate: usesRate ? c.learningRate : nil,
                l2: c.l2, l1: c.l1, classWeight: ClassWeightChoice.name(of: c.classWeighting),
                folds: cv.folds.enumerated().map { FoldRow(fold: $0 + 1, $1) },
                mean: .init(accuracy: cv.meanAccuracy, logLoss: cv.meanLogLoss),
                std: .init(accuracy: cv.accuracyStandardDeviation, logLoss: cv.logLossStandardDeviation),
                score: result.scoring.mean(of: cv), convergedInAllFolds: cv.allConverged)
        }
    }
}
