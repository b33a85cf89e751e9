import Foundation
import Logit

/// Records a `logit tune` search in an MLflow file store as MLflow users
/// expect: one parent run for the search, and every candidate as a child run
/// (tag `mlflow.parentRunId`) with its parameters and cross-validation scores;
/// the best candidate's child run also holds the refitted model (`model.json`),
/// so `--model RUN` and `--model latest` find it.
struct TuneRecorder {
    /// Records the search; returns the parent run and the best candidate's run.
    ///
    /// - Parameters:
    ///   - report: the search's report (candidates best first).
    ///   - bestModel: the best candidate refitted on all rows.
    static func record(_ report: TuneReport, bestModel: ModelFile, store: MLflowFileStore, experiment: String,
                       name: String?) throws -> (parent: MLflowRun, best: MLflowRun) {
        let parent = try store.startRun(experiment: experiment, name: name)
        do {
            for (key, value) in [("search", report.search), ("folds", "\(report.folds)"), ("scoring", report.scoring),
                                 ("candidates", "\(report.candidates.count)"), ("data", report.data),
                                 ("backend", report.backend), ("precision", report.precision)] {
                try parent.logParam(key, value)
            }
            try parent.setTag("logit.engine_version", EngineVersion.current)
            try parent.setTag("logit.kind", "tune")
            var best: MLflowRun?
            for candidate in report.candidates {
                let child = try store.startRun(experiment: experiment, name: "\(parent.name)-\(candidate.rank)")
                try child.setTag("mlflow.parentRunId", parent.id)
                try child.setTag("logit.kind", "tune-candidate")
                try child.setTag("logit.rank", "\(candidate.rank)")
                try child.logParam("solver", candidate.solver)
                if let rate = candidate.learningRate { try child.logParam("learning_rate", "\(rate)") }
                try child.logParam("l2", "\(candidate.l2)")
                try child.logParam("l1", "\(candidate.l1)")
                try child.logParam("class_weight", candidate.classWeight)
                try child.logParam("folds", "\(report.folds)")
                let now = MLflowFileStore.nowMilliseconds
                let metrics: [(String, Double)] = [
                    ("cv_accuracy", candidate.mean.accuracy), ("cv_accuracy_std", candidate.std.accuracy),
                    ("cv_log_loss", candidate.mean.logLoss), ("cv_log_loss_std", candidate.std.logLoss),
                    ("cv_\(report.scoring)", candidate.score), ("rank", Double(candidate.rank)),
                    ("converged_folds", Double(candidate.folds.filter(\.converged).count)),
                ]
                for (key, value) in metrics where value.isFinite {
                    try child.logMetric(key, [MLflowMetricPoint(timestamp: now, value: value, step: 0)])
                }
                if candidate.rank == 1 {
                    try child.setTag("logit.model_artifact", ModelReference.artifactName)
                    _ = try child.logArtifact(try bestModel.encoded(), name: ModelReference.artifactName)
                    best = child
                }
                try child.finish(status: .finished)
            }
            let winner = best!
            try parent.setTag("logit.best_run_id", winner.id)
            if let first = report.candidates.first, first.score.isFinite {
                try parent.logMetric("best_cv_\(report.scoring)",
                                     [MLflowMetricPoint(timestamp: MLflowFileStore.nowMilliseconds, value: first.score, step: 0)])
            }
            try parent.finish(status: .finished)
            return (parent, winner)
        } catch {
            try? parent.finish(status: .failed)
            throw error
        }
    }
}
