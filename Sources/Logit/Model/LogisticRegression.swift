import LogitNumerics

/// Trains logistic-regression models: binary (sigmoid) for two classes,
/// multinomial (softmax) for more, on either backend, with any of four solvers.
///
/// ```swift
/// let data = try RaisinDataset.load(Double.self)
/// let trainer = LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .lbfgs))
/// let result = try trainer.fit(data)
/// let predictions = try result.model.predict(data.features)
/// ```
///
/// The objective is documented on ``TrainingConfiguration``. Training
/// validates its input first: no rows, fewer than two classes present, NaN or
/// infinity in X (the error names the row and column), labels outside the
/// classes, or sample weights of the wrong length are thrown as
/// ``TrainingError/invalidData(_:)``.
public struct LogisticRegression<Scalar: LogitScalar>: Sendable {
    /// The solver and its settings.
    public var configuration: TrainingConfiguration
    /// The backend the training loop runs on.
    public var backend: BackendKind
    /// Threads for the training passes; `nil` reads `LOGIT_THREADS`, else 1.
    /// With several threads the rows are split among them, each running the
    /// backend single-threaded (OpenBLAS is set to one thread meanwhile).
    public var threads: Int?

    /// A trainer.
    public init(configuration: TrainingConfiguration = TrainingConfiguration(),
                backend: BackendKind = .preferred, threads: Int? = nil) {
        self.configuration = configuration
        self.backend = backend
        self.threads = threads
    }

    /// Fits a model to `data`.
    ///
    /// - Parameters:
    ///   - data: the training set (n×d features, labels in `0..<k`, k ≥ 2).
    ///   - sampleWeights: one non-negative weight per row, multiplied with the
    ///     class weights; `nil` for all ones.
    ///   - progress: called after every epoch or iteration; return
    ///     ``TrainingControl/cancel`` to stop (training then throws
    ///     ``TrainingError/cancelled``). Task cancellation also stops it.
    /// - Returns: the model, the objective history and whether it converged.
    /// - Throws: ``TrainingError``.
    /// - Complexity: per epoch O(n·d·k′) for gd and sgd; per Newton iteration
    ///   O(n·p² + p³) with p = k′·(d+1).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func fit(_ data: Dataset<Scalar>, sampleWeights: [Scalar]? = nil,
                    progress: ((TrainingProgress) -> TrainingControl)? = nil) throws(TrainingError) -> TrainingResult<Scalar> {
        try fit(data, rows: nil, scaler: .none, sampleWeights: sampleWeights, progress: progress)
    }

    /// Fits a model to the selected rows of `data`, scaled by `scaler`, without
    /// copying or scaling the rows: a split of a memory-mapped file trains in
    /// place, and the scaling is folded into the weights (see
    /// ``FeatureScaler/affine``). The result is the model of the scaled rows —
    /// the same as fitting `scaler.transform` of the selected rows, up to
    /// rounding — so predict with `scaler` applied first (as ``ModelFile`` does).
    ///
    /// The newton solver needs the rows themselves for its Hessian: with a
    /// selection or a scaler it works on a scaled copy of the selected rows.
    ///
    /// - Parameters:
    ///   - data: the data set (labels in `0..<k`, k ≥ 2).
    ///   - rows: the rows to train on (nil: all).
    ///   - scaler: the scaling the model expects (fitted on the training rows).
    ///   - sampleWeights: one weight per selected row, in selection order, or nil.
    ///   - progress: as in ``fit(_:sampleWeights:progress:)``.
    /// - Throws: ``TrainingError``; NaN or infinite features name their row (of
    ///   `data`) and column.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func fit(_ data: Dataset<Scalar>, rows: RowSelection?, scaler: FeatureScaler,
                    sampleWeights: [Scalar]? = nil,
                    progress: ((TrainingProgress) -> TrainingControl)? = nil) throws(TrainingError) -> TrainingResult<Scalar> {
        try configuration.validate()
        let selection = rows ?? .all(data.count)
        guard selection.upperBound <= data.count else {
            throw .invalidData("the row selection reaches row \(selection.upperBound - 1) of a data set of \(data.count) rows")
        }
        if let expected = scaler.featureCount, expected != data.featureCount {
            throw .invalidData("the scaler was fitted on \(expected) features but the data has \(data.featureCount)")
        }
        if configuration.solver == .newton && (!selection.isAll(of: data.count) || scaler != .none) {
            // Newton's Hessian reads the rows themselves: give it the scaled copy.
            var copy = data.subset(selection.indices)
            do { copy.features = try scaler.transform(copy.features) } catch { throw .invalidData(error.description) }
            return try fit(copy, rows: nil, scaler: .none, sampleWeights: sampleWeights, progress: progress)
        }
        let labels = selection.isAll(of: data.count) ? data.labels : selection.gather(data.labels)
        let weights = try Self.rowWeights(data, rows: selection, labels: labels, sampleWeights: sampleWeights,
                                          classWeighting: configuration.classWeighting)
        let engine: any NumericBackend
        do throws(NumericError) {
            var threadCount = 1
            if let threads { threadCount = threads } else if let fromEnvironment = try BackendKind.threadsFromEnvironment() {
                threadCount = fromEnvironment
            }
            guard threadCount >= 1 else { throw NumericError.invalidArgument(operation: "threads", message: "\(threadCount) is not ≥ 1") }
            engine = try backend.makeBackend(threads: threadCount)
        } catch {
            throw .invalidConfiguration(error.description)
        }
        let l2 = configuration.effectiveL2(rows: selection.count)
        let objective = LogisticObjective<Scalar>(
            x: data.features, labels: labels, sampleWeights: weights, classes: data.classCount,
            l2: l2, l1: configuration.l1, backend: engine, selection: selection, affine: scaler.affine)
        var state = SolverState(objective: objective, configuration: configuration, progress: progress)
        let (value, norm, converged): (Double, Double, Bool)
        switch configuration.solver {
        case .gradientDescent: (value, norm, converged) = try GradientDescent.run(&state)
        case .stochasticGradientDescent: (value, norm, converged) = try StochasticGradientDescent.run(&state)
        case .newton: (value, norm, converged) = try NewtonSolver.run(&state)
        case .lbfgs: (value, norm, converged) = try LBFGSSolver.run(&state)
        }
        let k = objective.outputs, d = data.featureCount
        let model = try LogisticModel(
            weights: try! Matrix(rows: k, columns: d, elements: state.theta[0..<(k * d)]),
            bias: Array(state.theta[(k * d)...]), classNames: data.classNames, featureNames: data.featureNames)
        return TrainingResult(model: model, iterations: state.iterations, finalObjective: value, gradientNorm: norm,
                              converged: converged, stopReason: state.stopReason, objectiveHistory: state.history,
                              objectiveHistorySteps: state.historySteps,
                              solver: configuration.solver, backend: backend, l2: l2)
    }

    /// Checks the data and returns sᵢ = sample weight × class weight (empty
    /// when all are one).
    static func rowWeights(_ data: Dataset<Scalar>, rows selection: RowSelection, labels: [Int],
                           sampleWeights: [Scalar]?, classWeighting: ClassWeighting) throws(TrainingError) -> [Scalar] {
        let n = selection.count, k = data.classCount
        guard n > 0 else { throw .invalidData("the training set has no rows") }
        guard data.labels.count == data.count else {
            throw .invalidData("\(data.labels.count) labels for \(data.count) rows of features (\(data.features.shapeDescription))")
        }
        guard k >= 2 else { throw .invalidData("need at least 2 classes, the data names \(k)") }
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= k }) {
            throw .invalidData("label \(labels[bad]) of row \(selection.indices[bad]) is outside 0..<\(k)")
        }
        var counts = [Int](repeating: 0, count: k)
        for label in labels { counts[label] += 1 }
        let present = counts.filter { $0 > 0 }.count
        if present < 2 {
            let only = counts.firstIndex(where: { $0 > 0 }).map { data.classNames[$0] } ?? "?"
            throw .invalidData("only one class is present ('\(only)', \(n) rows): logistic regression needs at least two")
        }
        if let missing = counts.firstIndex(of: 0) {
            throw .invalidData("class '\(data.classNames[missing])' has no rows; remove it from the class names or add rows")
        }
        if !data.featuresAreKnownFinite, let (row, column) = NonFiniteScan.first(data.features, rows: selection) {
            let name = column < data.featureNames.count ? " (\(data.featureNames[column]))" : ""
            throw .invalidData("X[row \(row), column \(column)\(name)] is \(data.features[row, column]); features must be finite")
        }
        var weights: [Scalar] = []
        if let sampleWeights {
            guard sampleWeights.count == n else {
                throw .invalidData("\(sampleWeights.count) sample weights for \(n) rows")
            }
            if let bad = sampleWeights.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) {
                throw .invalidData("sample weight \(sampleWeights[bad]) of row \(bad) must be finite and ≥ 0")
            }
            weights = sampleWeights
        }
        var perClass: [Double]
        switch classWeighting {
        case .none: perClass = []
        case .balanced: perClass = counts.map { Double(n) / (Double(k) * Double($0)) }
        case let .explicit(values):
            guard values.count == k else {
                throw .invalidData("\(values.count) class weights for \(k) classes (\(data.classNames.joined(separator: ", ")))")
            }
            guard values.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw .invalidData("class weights must be finite and ≥ 0: \(values)")
            }
            perClass = values
        }
        if !perClass.isEmpty {
            if weights.isEmpty { weights = [Scalar](repeating: 1, count: n) }
            for i in 0..<n { weights[i] *= Scalar(perClass[labels[i]]) }
        }
        return weights
    }
}
