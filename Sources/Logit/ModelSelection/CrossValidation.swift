import Dispatch
import LogitNumerics
import Synchronization

/// Stratified k-fold cross-validation of a training configuration.
///
/// Each fold fits the feature scaler on its own training rows only (no
/// leakage from the validation rows), trains, and scores the validation rows.
/// Folds run in parallel, one per core, each training single-threaded with
/// OpenBLAS on one thread, so the cores are never oversubscribed.
public struct CrossValidation<Scalar: LogitScalar>: Sendable {
    /// The training settings evaluated.
    public var configuration: TrainingConfiguration
    /// The backend each fold trains on.
    public var backend: BackendKind
    /// The scaling fitted inside each fold (z-score by default).
    public var scaling: FeatureScaler.Kind
    /// Number of folds k ≥ 2.
    public var folds: Int
    /// Seed of the stratified fold assignment.
    public var seed: UInt64
    /// Folds trained at once; `nil` means one per core.
    public var parallelism: Int?

    /// The number of folds `cv` and hyperparameter searches use unless told
    /// otherwise: 5, scikit-learn's default.
    public static var defaultFolds: Int { 5 }

    /// A cross-validation of `configuration` (5 stratified folds, z-score scaling).
    public init(configuration: TrainingConfiguration = TrainingConfiguration(), backend: BackendKind = .preferred,
                scaling: FeatureScaler.Kind = .standard, folds: Int = CrossValidation.defaultFolds, seed: UInt64 = 0, parallelism: Int? = nil) {
        self.configuration = configuration
        self.backend = backend
        self.scaling = scaling
        self.folds = folds
        self.seed = seed
        self.parallelism = parallelism
    }

    /// Trains and scores every fold.
    ///
    /// - Parameters:
    ///   - data: the rows to split into ``folds`` stratified folds.
    ///   - progress: called as each fold finishes, with the number
    ///     finished and the total, from the worker threads.
    /// - Throws: ``DataError`` when a class has fewer rows than folds,
    ///   ``TrainingError`` when a fold cannot be trained.
    /// - Complexity: k trainings on (k−1)/k of the rows.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func run(_ data: Dataset<Scalar>,
                    progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil) throws -> CrossValidationResult {
        let split = try StratifiedKFold(labels: data.labels, folds: folds, seed: seed, classNames: data.classNames)
        return try run(data, folds: split.folds, progress: progress)
    }

    /// Trains and scores the given folds (for example folds made by another
    /// tool, to compare with it), ignoring ``folds`` and ``seed``.
    ///
    /// - Throws: ``DataError`` when a fold names a row outside the data, lists
    ///   a row twice or trains and validates on the same row;
    ///   ``TrainingError`` when a fold cannot be trained.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func run(_ data: Dataset<Scalar>, folds given: [StratifiedKFold.Fold],
                    progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil) throws -> CrossValidationResult {
        for (f, fold) in given.enumerated() {
            if let bad = (fold.train + fold.validation).first(where: { $0 < 0 || $0 >= data.count }) {
                throw DataError("fold \(f) names row \(bad), but the data has \(data.count) rows")
            }
            // A row both trained and validated on would leak into its own score.
            let training = Set(fold.train)
            if training.count != fold.train.count || Set(fold.validation).count != fold.validation.count {
                throw DataError("fold \(f) lists a row twice")
            }
            if let shared = fold.validation.first(where: training.contains) {
                throw DataError("fold \(f) both trains and validates on row \(shared)")
            }
        }
        let tasks = given.map { FoldTask(configuration: configuration, fold: $0) }
        let scores = try FoldRunner<Scalar>(backend: backend, scaling: scaling, parallelism: parallelism)
            .run(tasks, on: data, progress: progress)
        return CrossValidationResult(folds: scores)
    }
}

/// The scores of one cross-validation: one ``FoldScore`` per fold, and their
/// mean and (population) standard deviation.
public struct CrossValidationResult: Sendable, Codable, Equatable {
    /// Per-fold scores, in fold order.
    public var folds: [FoldScore]

    /// A result from its folds.
    public init(folds: [FoldScore]) { self.folds = folds }

    /// Mean validation accuracy over the folds.
    public var meanAccuracy: Double { Self.mean(folds.map(\.accuracy)) }
    /// Standard deviation of the validation accuracy (population, as NumPy's `std`).
    public var accuracyStandardDeviation: Double { Self.standardDeviation(folds.map(\.accuracy)) }
    /// Mean validation log-loss.
    public var meanLogLoss: Double { Self.mean(folds.map(\.logLoss)) }
    /// Standard deviation of the validation log-loss.
    public var logLossStandardDeviation: Double { Self.standardDeviation(folds.map(\.logLoss)) }
    /// Whether every fold's training converged.
    public var allConverged: Bool { folds.allSatisfy(\.converged) }
    /// Mean macro-averaged F1 over the folds.
    public var meanF1Macro: Double { Self.mean(folds.map(\.f1Macro)) }
    /// Mean ROC AUC over the folds; NaN when it is undefined on some fold.
    public var meanROCAUC: Double { Self.mean(folds.map { $0.rocAUC ?? .nan }) }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(values.count, 1))).squareRoot()
    }
}

/// How one fold went.
public struct FoldScore: Sendable, Codable, Equatable {
    /// Validation accuracy.
    public var accuracy: Double
    /// Validation log-loss (natural log, mean over rows).
    public var logLoss: Double
    /// Validation F1, macro-averaged over the data set's classes.
    public var f1Macro: Double = 0
    /// Validation ROC AUC (binary, or one-vs-rest macro); nil when undefined
    /// (a class missing from the fold).
    public var rocAUC: Double? = nil
    /// Training objective at the end.
    public var trainingObjective: Double
    /// Iterations the solver ran.
    public var iterations: Int
    /// Whether the solver met a tolerance.
    public var converged: Bool
    /// Rows trained on.
    public var trainingRows: Int
    /// Rows scored.
    public var validationRows: Int
}

/// One unit of cross-validation work: a configuration and a fold.
struct FoldTask: Sendable {
    var configuration: TrainingConfiguration
    var fold: StratifiedKFold.Fold
}

/// Trains and scores fold tasks, in parallel without oversubscribing.
struct FoldRunner<Scalar: LogitScalar>: Sendable {
    var backend: BackendKind
    var scaling: FeatureScaler.Kind
    var parallelism: Int?

    func run(_ tasks: [FoldTask], on data: Dataset<Scalar>,
             progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)?) throws -> [FoldScore] {
        let workers = max(1, min(parallelism ?? BackendKind.coreCount, tasks.count))
        let results = ResultSlots<FoldScore>(count: tasks.count)
        let next = TaskCounter(), finished = TaskCounter()
        // Workers take the next task until none is left; each trains with one thread.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: tasks.count) {
                results.set(index, Result { try score(tasks[index], data) })
                if let progress, let count = finished.take(below: tasks.count) { progress(count + 1, tasks.count) }
            }
        }
        return try results.values()
    }

    func score(_ task: FoldTask, _ data: Dataset<Scalar>) throws -> FoldScore {
        var train = data.subset(task.fold.train)
        var validation = data.subset(task.fold.validation)
        let scaler = try FeatureScaler.fit(scaling, to: train.features)
        train.features = try scaler.transform(train.features)
        validation.features = try scaler.transform(validation.features)
        let result = try LogisticRegression<Scalar>(configuration: task.configuration, backend: backend, threads: 1)
            .fit(train)
        let probabilities = try result.model.predictProbabilities(validation.features)
        let predictions = try result.model.predict(validation.features)
        return FoldScore(
            accuracy: try Metrics.accuracy(trueLabels: validation.labels, predictedLabels: predictions),
            logLoss: try Metrics.logLoss(trueLabels: validation.labels, probabilities: probabilities),
            f1Macro: try Metrics(trueLabels: validation.labels, predictedLabels: predictions,
                                 classes: Array(0..<data.classCount)).macro.f1,
            rocAUC: try? (data.classCount == 2
                ? Metrics.rocAUC(trueLabels: validation.labels, scores: probabilities.column(1))
                : Metrics.rocAUC(trueLabels: validation.labels, scores: probabilities)),
            trainingObjective: result.finalObjective, iterations: result.iterations, converged: result.converged,
            trainingRows: train.count, validationRows: validation.count)
    }
}

/// Thread-safe result slots, one per task.
final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Result<Value, any Error>?]>

    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        slots.withLock { $0[index] = result }
    }

    /// The values in task order; rethrows the first failed task's error.
    func values() throws -> [Value] {
        try slots.withLock { slots in try slots.map { try $0!.get() } }
    }
}

/// Hands out task indices 0, 1, 2, … to concurrent workers.
final class TaskCounter: Sendable {
    private let next = Mutex(0)

    func take(below count: Int) -> Int? {
        next.withLock { next in
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}
