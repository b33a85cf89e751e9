import LogitNumerics

/// A loaded model ready to score raw rows, as `logit predict` and the service
/// do: fill missing cells with the model's imputer (if it has one), apply its
/// scaler, then the class probabilities and the predicted class of each row,
/// optionally with a decision threshold for binary models.
///
/// Immutable and `Sendable`: one scorer serves any number of concurrent
/// requests; a new model is a new scorer.
///
/// ```swift
/// let scorer = try ModelScorer<Double>(try ModelReference(path: "model.json", runID: nil).load())
/// let scored = try scorer.score(rows, threshold: 0.3)
/// ```
public struct ModelScorer<T: LogitScalar>: Sendable {
    /// The probabilities and predicted classes of n rows.
    public struct Scores: Sendable {
        /// n×k class probabilities, columns in the model's class order.
        public var probabilities: Matrix<T>
        /// The predicted class index of each row (n).
        public var labels: [Int]
    }

    /// The model file (names, classes, scaler, imputer, metrics).
    public let file: ModelFile
    /// The model's weights in precision `T` (scaled units).
    public let model: LogisticModel<T>
    /// The backend ``score(_:threshold:backend:)`` uses when given none: the
    /// default (`LOGIT_BACKEND`, `LOGIT_THREADS`), made once here rather than
    /// per call, because making one reads the environment and the core count
    /// (a file in sysfs) and sets OpenBLAS's thread count: more than scoring
    /// a few rows costs. Nil when the environment names no valid backend; a
    /// call then makes the default itself and reports why it cannot.
    public let defaultBackend: (any NumericBackend)?

    /// A scorer for `file`, computing in `T`.
    ///
    /// - Parameter backend: the backend to score with when a call names none
    ///   (nil: the default backend, made now).
    /// - Throws: ``ModelFileError`` when the file's weights do not form a model.
    public init(_ file: ModelFile, backend: (any NumericBackend)? = nil) throws(ModelFileError) {
        self.file = file
        model = try file.model(as: T.self)
        defaultBackend = backend ?? (try? LogisticModel<T>.defaultBackend())
    }

    /// The model's class names, in probability-column order.
    public var classNames: [String] { file.classNames }
    /// The model's feature names, in column order.
    public var featureNames: [String] { file.featureNames }

    /// Scores the raw rows of `raw` (n×d, the model's feature order, original
    /// units; NaN cells only when the model has an imputer).
    ///
    /// - Parameters:
    ///   - threshold: binary models only: predict the second class when its
    ///     probability is ≥ this (nil: the most probable class, i.e. 0.5).
    ///   - backend: the numeric backend (nil: ``defaultBackend``).
    /// - Throws: ``ServingError`` for a threshold outside (0, 1) or on a
    ///   multinomial model; ``DataError`` when `raw` does not have d columns.
    /// - Complexity: O(n·d·k′); allocates the scaled copy and the n×k
    ///   probabilities once per call, nothing per row.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func score(_ raw: Matrix<T>, threshold: Double? = nil,
                      backend: (any NumericBackend)? = nil) throws -> Scores {
        if let threshold {
            guard model.isBinary else {
                throw ServingError("threshold is for binary models; this model has \(classNames.count) classes (\(classNames.joined(separator: ", ")))")
            }
            guard threshold > 0 && threshold < 1 else {
                throw ServingError("threshold \(threshold) must be strictly between 0 and 1")
            }
        }
        guard raw.columns == file.featureCount else {
            throw DataError("the model has \(file.featureCount) features but the rows are \(raw.shapeDescription)")
        }
        var x = try file.imputer.map { imputer throws(DataError) in try imputer.transform(raw) } ?? raw
        try file.scaler.transformInPlace(&x)
        let probabilities = try model.predictProbabilities(x, backend: backend ?? defaultBackend)
        var labels = [Int](repeating: 0, count: raw.rows)
        let k = probabilities.columns
        let cut = threshold.map { T($0) } ?? T(0.5)
        probabilities.withUnsafeBufferPointer { p in
            for i in 0..<labels.count {
                if k == 2 {
                    labels[i] = p[i * 2 + 1] >= cut ? 1 : 0
                } else {
                    // first maximum, as argmax
                    var best = 0
                    for c in 1..<k where p[i * k + c] > p[i * k + best] { best = c }
                    labels[i] = best
                }
            }
        }
        return Scores(probabilities: probabilities, labels: labels)
    }
}
