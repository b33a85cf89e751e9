import Foundation
import Logit
import LogitONNX

/// Writes a training run into an MLflow file store: parameters, the
/// objective per epoch as a stepped metric, final metrics, tags, and the model
/// file as the artifact `model.json`.
struct RunRecorder: Sendable {
    let run: MLflowRun

    /// Starts a run in `store` (status RUNNING until ``record(_:options:)`` or ``fail()``).
    init(store: MLflowFileStore, experiment: String, name: String?) throws {
        run = try store.startRun(experiment: experiment, name: name)
    }

    /// Records a finished training run and marks it FINISHED.
    func record(_ outcome: TrainingJob.Outcome, options: TrainingOptions) throws {
        let report = outcome.report
        let configuration = outcome.modelFile.training.configuration
        // learning_rate only for the solvers that use it (gd, sgd), batch_size only for sgd
        let usesRate = [Solver.gradientDescent, .stochasticGradientDescent].contains(configuration.solver)
        var params: [(String, String)] = [("solver", report.solver)]
        if usesRate { params.append(("learning_rate", "\(configuration.learningRate)")) }
        params.append(("epochs", "\(configuration.effectiveMaxIterations)"))
        if configuration.solver == .stochasticGradientDescent {
            params.append(("batch_size", "\(configuration.batchSize)"))
        }
        // λ₂ as the objective used it (1/(C·n) when the penalty is given as C), and C when it was.
        if let c = configuration.C { params.append(("C", "\(c)")) }
        params += [
            ("l2", "\(report.l2)"),
            ("l1", "\(configuration.l1)"),
            ("class_weight", report.classWeight),
            ("tolerance", "\(configuration.effectiveGradientTolerance)"),
            ("stopping_rule", report.stoppingRule),
            ("seed", "\(configuration.seed)"),
            ("backend", report.backend),
            ("threads", options.threads.map { "\($0)" } ?? "default"),
            ("precision", report.precision),
            ("standardize", "\(report.standardized)"),
            ("data", report.data),
            ("test", report.testData ?? "split \(report.testFraction ?? 0)"),
        ]
        for (key, value) in params { try run.logParam(key, value) }
        try run.logMetric("train_objective", outcome.history)
        var metrics: [(String, Double)] = [
            ("train_accuracy", report.train.accuracy),
            ("train_log_loss", report.train.logLoss),
            ("iterations", Double(report.iterations)),
            ("converged", report.converged ? 1 : 0),
            ("gradient_norm", report.gradientNorm),
            ("train_seconds", report.seconds),
        ]
        if let test = report.test {
            metrics += [("test_accuracy", test.accuracy), ("test_log_loss", test.logLoss),
                        ("test_objective", test.objective)]
        }
        let now = MLflowFileStore.nowMilliseconds
        for (key, value) in metrics {
            try run.logMetric(key, [MLflowMetricPoint(timestamp: now, value: value, step: 0)])
        }
        try run.setTag("logit.engine_version", EngineVersion.current)
        try run.setTag("logit.model_artifact", ModelReference.artifactName)
        try run.setTag("logit.stop_reason", report.stopReason)
        try run.setTag("logit.classes", report.classes.joined(separator: ","))
        var modelFile = outcome.modelFile
        if let sample = outcome.referenceSample {
            // The drift monitor's reference sample beside the model, so `logit monitor --model latest` works.
            let bytes = try sample.encoded()
            let name = (ModelFile.referenceSamplePath(forModelAt: ModelReference.artifactName) as NSString).lastPathComponent
            try run.logArtifact(bytes, name: name)
            modelFile.referenceSample = ReferenceSampleFile(
                file: name, rows: sample.rows, features: sample.featureCount, classes: sample.classNames.count,
                checksum: bytes.withUnsafeBytes { ReferenceSampleFile.checksum($0) })
        }
        let modelData = try modelFile.encoded()
        try run.logArtifact(modelData, name: ModelReference.artifactName)
        // the same model as an MLflow model folder (MLmodel, ONNX, model file, card): runs:/ID/model
        let card = ModelCard(model: modelFile, sample: outcome.referenceSample).markdown
        for (name, bytes) in try MLflowModelFolder.files(model: modelFile, modelFileData: modelData, card: card) {
            try run.logArtifact(bytes, name: "model/" + name)
        }
        try run.finish(status: .finished)
    }

    /// Marks the run FAILED.
    func fail() { try? run.finish(status: .failed) }

    /// Marks the run KILLED (interrupted by a signal).
    func kill() { try? run.finish(status: .killed) }
}
