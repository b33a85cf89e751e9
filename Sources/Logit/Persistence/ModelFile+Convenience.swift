import Foundation

extension ModelFile.Training {
    /// The record of a training run, taken from the trainer and its result.
    ///
    /// - Parameters:
    ///   - result: what `trainer.fit` returned.
    ///   - trainer: the trainer (its configuration, backend and threads are recorded).
    ///   - rows: the number of rows trained on.
    ///   - standardized: whether the features were z-score standardized first.
    ///   - dataSource: where the data came from (a path, or `raisin`).
    ///   - seconds: the fit's wall-clock time, when measured.
    public init<T: LogitScalar>(_ result: TrainingResult<T>, trainer: LogisticRegression<T>, rows: Int,
                                standardized: Bool = true, dataSource: String = "", seconds: Double = 0) {
        self.init(configuration: trainer.configuration, backend: trainer.backend.rawValue, threads: trainer.threads,
                  standardized: standardized, dataSource: dataSource, rows: rows, iterations: result.iterations,
                  converged: result.converged, stopReason: result.stopReason, finalObjective: result.finalObjective,
                  gradientNorm: result.gradientNorm, seconds: seconds)
    }
}

extension ModelFile {
    /// A model file for a freshly trained model: its scaler, the record of the
    /// training and the per-feature statistics of the (unscaled) training rows.
    ///
    /// - Parameters:
    ///   - result: what `trainer.fit` returned.
    ///   - trainer: the trainer that produced it.
    ///   - scaler: the scaler fitted on the training rows (applied before `fit`).
    ///   - trainingData: the training rows in original units.
    /// - Throws: ``DataError`` when the training statistics cannot be computed
    ///   (no rows).
    public init<T: LogitScalar>(_ result: TrainingResult<T>, trainer: LogisticRegression<T>, scaler: FeatureScaler,
                                trainingData: Dataset<T>) throws(DataError) {
        self.init(model: result.model, scaler: scaler,
                  training: Training(result, trainer: trainer, rows: trainingData.count,
                                     standardized: scaler.kind == .standard),
                  metrics: nil, trainingStatistics: try TrainingStatistics(data: trainingData))
    }
}

import LogitNumerics
