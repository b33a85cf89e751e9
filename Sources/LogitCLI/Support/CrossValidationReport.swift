import Foundation
import Logit

/// The `--json` output of `logit cv`.
struct CrossValidationReport: Encodable {
    var data: String
    var rows: Int
    var solver: String
    var backend: String
    var precision: String
    var l2: Double
    var l1: Double
    var standardized: Bool
    var seed: UInt64
    var folds: [FoldRow]
    var mean: Summary
    var std: Summary

    /// Mean or standard deviation of the fold scores.
    struct Summary: Encodable {
        var accuracy: Double
        var logLoss: Double

        enum CodingKeys: String, CodingKey {
            case accuracy
            case logLoss = "log_loss"
        }
    }

    init(data: String, rows: Int, solver: String, backend: String, precision: String, l2: Double, l1: Double,
         standardized: Bool, seed: UInt64, result: CrossValidationResult) {
        self.data = data
        self.rows = rows
        self.solver = solver
        self.backend = backend
        self.precision = precision
        self.l2 = l2
        self.l1 = l1
        self.standardized = standardized
        self.seed = seed
        folds = result.folds.enumerated().map { FoldRow(fold: $0 + 1, $1) }
        mean = Summary(accuracy: result.meanAccuracy, logLoss: result.meanLogLoss)
        std = Summary(accuracy: result.accuracyStandardDeviation, logLoss: result.logLossStandardDeviation)
    }
}

/// One fold's scores, as printed and as JSON.
struct FoldRow: Encodable {
    var fold: Int
    var accuracy: Double
    var logLoss: Double
    var objective: Double
    var iterations: Int
    var converged: Bool
    var trainRows: Int
    var validationRows: Int

    init(fold: Int, _ score: FoldScore) {
        self.fold = fold
        accuracy = score.accuracy
        logLoss = score.logLoss
        objective = score.trainingObjective
        iterations = score.iterations
        converged = score.converged
        trainRows = score.trainingRows
        validationRows = score.validationRows
    }

    enum CodingKeys: String, CodingKey {
        case fold, accuracy, objective, iterations, converged
        case logLoss = "log_loss"
        case trainRows = "train_rows"
        case validationRows = "validation_rows"
    }
}

/// The per-fold table with mean and standard deviation lines.
enum FoldTable {
    static func text(_ folds: [FoldRow], mean: CrossValidationReport.Summary, std: CrossValidationReport.Summary) -> String {
        var table = TextTable(["fold", "train", "valid", "accuracy", "log-loss", "objective", "iterations", "converged"],
                              leftAligned: [0, 7])
        for f in folds {
            table.add(["\(f.fold)", "\(f.trainRows)", "\(f.validationRows)", String(format: "%.4f", f.accuracy),
                       String(format: "%.4f", f.logLoss), String(format: "%.4f", f.objective), "\(f.iterations)",
                       f.converged ? "yes" : "no"])
        }
        table.add(["mean", "", "", String(format: "%.4f", mean.accuracy), String(format: "%.4f", mean.logLoss)])
        table.add(["std", "", "", String(format: "%.4f", std.accuracy), String(format: "%.4f", std.logLoss)])
        return table.text
    }
}
