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
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public init<T: LogitScalar>(_ result: TrainingResult<T>, trainer: LogisticRegression<T>, rows: Int,
                                standardized: Bool = true, dataSource: String = "", seconds: Double = 0) {
        self.init(configuration: trainer.configuration, backend: trainer.backend.rawValue, threads: trainer.threads,
                  standardized: standardized, dataSource: dataSource, rows: rows, iterations: result.iterations,
                  converged: result.converged, stopReason: result.stopReason, finalObjective: result.finalObjective,
                  gradientNorm: result.gradientNorm, seconds: seconds, blasCore: trainer.backend.kernelSelection,
                  binaryPass: result.model.isBinary
                      ? trainer.backend.binaryPass(for: T.self, features: result.model.featureCount, rows: rows).rawValue
                      : nil)
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
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public init<T: LogitScalar>(_ result: TrainingResult<T>, trainer: LogisticRegression<T>, scaler: FeatureScaler,
                                trainingData: Dataset<T>) throws(DataError) {
        self.init(model: result.model, scaler: scaler,
                  training: Training(result, trainer: trainer, rows: trainingData.count,
                                     standardized: scaler.kind == .standard),
                  metrics: nil, trainingStatistics: try TrainingStatistics(data: trainingData))
    }
}

import LogitNumerics

extension ModelFile {
    /// Writes the file to `url`, a file URL, atomically (as ``write(to:)-(String)``).
    ///
    /// - Throws: ``ModelFileError`` naming the path, or the URL when it is not a file URL.
    public func write(to url: URL) throws(ModelFileError) {
        try write(to: Self.filePath(url))
    }

    /// Reads and checks the model file at `path` (a file-system path).
    ///
    /// - Throws: ``ModelFileError`` naming the path: unreadable, not JSON, not a
    ///   logit model, a newer format version, missing or mistyped fields, or
    ///   shapes that disagree.
    public static func read(from path: String) throws(ModelFileError) -> ModelFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError("cannot read the model file: \(fileProblem(error, path: path, writing: false))", file: path)
        }
        return try decode(data, file: path)
    }

    /// Reads and checks the model file at `url`, a file URL.
    ///
    /// - Throws: as ``read(from:)-(String)``, or naming the URL when it is not a file URL.
    public static func read(from url: URL) throws(ModelFileError) -> ModelFile {
        try read(from: filePath(url))
    }

    /// The path of a file URL.
    private static func filePath(_ url: URL) throws(ModelFileError) -> String {
        guard url.isFileURL else {
            throw ModelFileError("model files are read and written on the file system; \(url.absoluteString) is not a file URL")
        }
        return url.path
    }
}
