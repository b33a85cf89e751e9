import Foundation

/// A logistic-regression classifier that carries its preprocessing: fitted on
/// raw rows, it scales every row it is given exactly as it scaled its training
/// rows, then applies the model — scikit-learn's
/// `make_pipeline(StandardScaler(), LogisticRegression())` as one value.
///
/// ```swift
/// let classifier = try LogisticClassifier<Double>(fitting: train)   // standardized by default
/// let names = try classifier.predict(test.features)                 // ["Kecimen", "Besni", …]
/// let p = try classifier.predictProbabilities([87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0])
/// try classifier.save(to: "raisin-model.json")                      // the file `logit train --output` writes
/// let reloaded = try LogisticClassifier<Double>(contentsOf: "raisin-model.json")
/// ```
///
/// Rows are always in original units: never scale them yourself. Weights are
/// available both as trained (on scaled features, ``standardizedWeights``)
/// and converted to original units (``weights``, ``bias``), where the score of
/// a raw row x is `weights · x + bias`.
///
/// It saves to and loads from the same ``ModelFile`` the `logit` command line
/// writes and reads (with the scaler, the label column, the training record,
/// the training-set metrics and the training statistics), so a model fitted
/// here is used by `logit predict`, and one from `logit train` is loaded here.
///
/// Specialized for `Float` and `Double`: the entry points are exported
/// specializations, so a caller in another module runs concrete code.
public struct LogisticClassifier<Scalar: LogitScalar>: Sendable {
    /// The fitted model on scaled features (its weights are in scaled units).
    public let model: LogisticModel<Scalar>
    /// The scaling applied to every raw row before ``model``.
    public let scaler: FeatureScaler
    /// The missing-value fill applied to raw rows before ``scaler`` (nil: a
    /// missing value, NaN, is an error).
    public var imputer: MissingValueImputer? { modelFile.imputer }
    /// The everything-included record that ``save(to:)`` writes: scaler,
    /// weights, training settings and result, metrics, training statistics.
    public let modelFile: ModelFile

    /// Fits the scaler on `data`'s raw rows, then the model on the scaled rows.
    ///
    /// - Parameters:
    ///   - data: the training rows in original units (n×d, labels in `0..<k`).
    ///   - configuration: the solver and its settings.
    ///   - scaling: the preprocessing; `.standard` (z-scores, the default),
    ///     `.minMax`, or `.none`.
    ///   - labelColumn: the CSV column the labels came from, recorded in the
    ///     model file (so `logit evaluate` finds it).
    ///   - imputation: fill missing values (NaN, as ``CSVLoader`` marks them
    ///     with ``CSVLoader/MissingValues/markAsNaN``) with each feature's mean
    ///     or median over `data`; the values are stored and reused for every
    ///     row predicted. nil (the default): NaN is an error.
    ///   - backend: the backend training and prediction run on.
    ///   - threads: training threads (nil: `LOGIT_THREADS`, else 1).
    /// - Throws: ``DataError`` when the scaler cannot be fitted (no rows,
    ///   NaN or infinity, naming the column), ``TrainingError`` as
    ///   ``LogisticRegression/fit(_:sampleWeights:progress:)`` throws.
    /// - Complexity: the scaler's O(n·d), then the solver's cost on n×d.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public init(fitting data: Dataset<Scalar>, configuration: TrainingConfiguration = TrainingConfiguration(),
                scaling: FeatureScaler.Kind = .standard, labelColumn: String? = nil,
                imputation: MissingValueImputer.Strategy? = nil,
                backend: BackendKind = .preferred, threads: Int? = nil) throws {
        var data = data
        let imputer = try imputation.map { strategy throws(DataError) in
            try MissingValueImputer.fit(data.features, strategy: strategy, featureNames: data.featureNames)
        }
        if let imputer { data.features = try imputer.transform(data.features) }
        try Self.checkPresent(data.features, names: data.featureNames)
        // The scaling is folded into the training (no scaled copy of the rows).
        let scaler = try FeatureScaler.fit(scaling, to: data.features)
        let trainer = LogisticRegression<Scalar>(configuration: configuration, backend: backend, threads: threads)
        let start = Date()
        let result = try trainer.fit(data, rows: nil, scaler: scaler)
        let seconds = Date().timeIntervalSince(start)
        let numeric = try backend.makeBackend(threads: 1)
        let train = try ModelFile.Scores(
            scoring: result.model, on: data, rows: .all(data.count), scaler: scaler, l2: result.l2,
            l1: configuration.l1, classWeights: configuration.classWeighting.classWeights(trainingCounts: data.classCounts),
            backend: numeric)
        let training = ModelFile.Training(result, trainer: trainer, rows: data.count,
                                          standardized: scaling == .standard, dataSource: "", seconds: seconds)
        let file = ModelFile(model: result.model, scaler: scaler, labelColumn: labelColumn, training: training,
                             metrics: ModelFile.Metrics(train: train, test: nil),
                             trainingStatistics: try TrainingStatistics(data: data), imputer: imputer)
        self.init(model: result.model, scaler: scaler, modelFile: file)
    }

    /// The classifier a model file describes (the file `logit train --output`
    /// and ``save(to:)`` write), in precision `Scalar` whatever it was trained in.
    ///
    /// - Throws: ``ModelFileError`` when the shapes in the file disagree.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public init(_ file: ModelFile) throws(ModelFileError) {
        self.init(model: try file.model(as: Scalar.self), scaler: file.scaler, modelFile: file)
    }

    /// Loads the model file at `path` (see ``ModelFile/read(from:)-(String)``).
    ///
    /// - Throws: ``ModelFileError`` naming the path.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public init(contentsOf path: String) throws(ModelFileError) {
        try self.init(ModelFile.read(from: path))
    }

    /// Loads the model file at `url` (a file URL).
    ///
    /// - Throws: ``ModelFileError`` naming the path.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public init(contentsOf url: URL) throws(ModelFileError) {
        try self.init(contentsOf: url.path)
    }

    private init(model: LogisticModel<Scalar>, scaler: FeatureScaler, modelFile: ModelFile) {
        self.model = model
        self.scaler = scaler
        self.modelFile = modelFile
    }

    /// Writes the model file to `path` atomically (a temporary file, then a rename).
    ///
    /// - Throws: ``ModelFileError`` naming the path.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func save(to path: String) throws(ModelFileError) {
        try modelFile.write(to: path)
    }

    /// Writes the model file to `url` (a file URL) atomically.
    ///
    /// - Throws: ``ModelFileError`` naming the path.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func save(to url: URL) throws(ModelFileError) {
        try modelFile.write(to: url.path)
    }

    // MARK: - Description

    /// The class names; index c is class c.
    public var classNames: [String] { model.classNames }
    /// The feature names, in column order.
    public var featureNames: [String] { model.featureNames }
    /// The CSV column the labels came from, if recorded.
    public var labelColumn: String? { modelFile.labelColumn }
    /// Accuracy, log-loss and objective on the training rows (and held-out
    /// rows when the file has them).
    public var metrics: ModelFile.Metrics? { modelFile.metrics }

    /// The weights as trained, on scaled features (k′×d; k′ = 1 for two classes).
    public var standardizedWeights: Matrix<Scalar> { model.weights }
    /// The biases as trained, on scaled features (k′).
    public var standardizedBias: [Scalar] { model.bias }

    /// The weights in original units (k′×d): the score of a raw row x is
    /// `weights · x + bias`. For z-scores, w[c][j] / scale[j]; for min–max,
    /// w[c][j] · scale[j]; unchanged without scaling. Computed in `Double`.
    ///
    /// - Complexity: O(k′·d).
    public var weights: Matrix<Scalar> {
        let (slope, _) = scalerAffineMap
        let d = model.featureCount
        return Matrix(rows: model.weights.rows, columns: d) { c, j in
            Scalar(Double(model.weights[c, j]) * slope[j])
        }
    }

    /// The biases in original units (k′): b[c] + Σⱼ w[c][j]·shift[j] where the
    /// scaler maps x to x·slope + shift (for z-scores b − Σ w·mean/scale, as
    /// scikit-learn's intercept − Σ coef·mean/scale). Computed in `Double`.
    ///
    /// - Complexity: O(k′·d).
    public var bias: [Scalar] {
        let (_, shift) = scalerAffineMap
        return (0..<model.weights.rows).map { c in
            var sum = Double(model.bias[c])
            for j in 0..<model.featureCount { sum += Double(model.weights[c, j]) * shift[j] }
            return Scalar(sum)
        }
    }

    /// The scaler as x′ = x·slope + shift per feature.
    private var scalerAffineMap: (slope: [Double], shift: [Double]) {
        let d = model.featureCount
        switch scaler {
        case .none:
            return ([Double](repeating: 1, count: d), [Double](repeating: 0, count: d))
        case .standard(let s):
            return (s.scale.map { 1 / $0 }, zip(s.mean, s.scale).map { -$0 / $1 })
        case .minMax(let s):
            return (s.scale, s.offset)
        }
    }

    // MARK: - Prediction from raw rows (n×d)

    /// The scores of every raw row of `x` (n×k′): the log-odds of class 1 for
    /// two classes, the softmax logits otherwise.
    ///
    /// - Throws: ``DataError`` naming both shapes when `x` does not have d columns.
    /// - Complexity: O(n·d·k′): one scaling pass and one gemv or gemm.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func decisionFunction(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws -> Matrix<Scalar> {
        try model.decisionFunction(scaled(x), backend: backend)
    }

    /// The probability of every class for every raw row of `x` (n×k, rows sum to 1).
    ///
    /// - Throws: ``DataError`` naming both shapes when `x` does not have d columns.
    /// - Complexity: O(n·d·k′).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predictProbabilities(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws -> Matrix<Scalar> {
        try model.predictProbabilities(scaled(x), backend: backend)
    }

    /// The class index of every raw row of `x` (the most probable class; for two
    /// classes, class 1 when its probability is ≥ 0.5).
    ///
    /// - Throws: ``DataError`` naming both shapes when `x` does not have d columns.
    /// - Complexity: O(n·d·k′).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predictClassIndices(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws -> [Int] {
        try model.predict(scaled(x), backend: backend)
    }

    /// The class name of every raw row of `x` (see ``predictClassIndices(_:backend:)``).
    ///
    /// - Throws: ``DataError`` naming both shapes when `x` does not have d columns.
    /// - Complexity: O(n·d·k′).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predict(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws -> [String] {
        try predictClassIndices(x, backend: backend).map { classNames[$0] }
    }

    /// The class name of every raw row, given as arrays of d values.
    ///
    /// - Throws: ``DataError`` naming the row whose length is not d.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predict(_ rows: [[Scalar]]) throws -> [String] {
        try predict(matrix(rows))
    }

    /// The class probabilities of every raw row, given as arrays of d values (n×k).
    ///
    /// - Throws: ``DataError`` naming the row whose length is not d.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predictProbabilities(_ rows: [[Scalar]]) throws -> Matrix<Scalar> {
        try predictProbabilities(matrix(rows))
    }

    /// The scores of every raw row, given as arrays of d values (n×k′).
    ///
    /// - Throws: ``DataError`` naming the row whose length is not d.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func decisionFunction(_ rows: [[Scalar]]) throws -> Matrix<Scalar> {
        try decisionFunction(matrix(rows))
    }

    // MARK: - One raw row

    /// The class name of one raw row of d values.
    ///
    /// - Throws: ``DataError`` when the row does not have d values.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predict(_ row: [Scalar]) throws -> String {
        try predict([row])[0]
    }

    /// The class probabilities of one raw row (k values summing to 1).
    ///
    /// - Throws: ``DataError`` when the row does not have d values.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predictProbabilities(_ row: [Scalar]) throws -> [Scalar] {
        try predictProbabilities([row]).row(0)
    }

    /// The scores of one raw row (k′ values).
    ///
    /// - Throws: ``DataError`` when the row does not have d values.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func decisionFunction(_ row: [Scalar]) throws -> [Scalar] {
        try decisionFunction([row]).row(0)
    }

    // MARK: - Helpers

    /// `x` imputed and scaled as the training rows were, after checking its width.
    private func scaled(_ x: Matrix<Scalar>) throws(DataError) -> Matrix<Scalar> {
        let d = model.featureCount
        guard x.columns == d else {
            throw DataError("the classifier has \(d) features (\(featureNames.joined(separator: ", "))) but the data is \(x.shapeDescription)")
        }
        var x = x
        if let imputer { x = try imputer.transform(x) }
        try Self.checkPresent(x, names: featureNames)
        return try scaler.transform(x)
    }

    /// Throws naming the first NaN (a missing value with no imputer to fill it):
    /// it would otherwise flow silently into every score of its row.
    private static func checkPresent(_ x: Matrix<Scalar>, names: [String]) throws(DataError) {
        let d = x.columns
        let bad: Int? = x.withUnsafeBufferPointer { values in values.firstIndex { $0.isNaN } }
        if let bad {
            throw DataError("row \(bad / d), column \(bad % d + 1) ('\(names[bad % d])') is missing (NaN): fit with imputation: .mean or .median to fill it")
        }
    }

    /// Rows of d values as an n×d matrix; an empty list is 0×d.
    private func matrix(_ rows: [[Scalar]]) throws(DataError) -> Matrix<Scalar> {
        let d = model.featureCount
        if let bad = rows.firstIndex(where: { $0.count != d }) {
            throw DataError("row \(bad) has \(rows[bad].count) values but the classifier has \(d) features (\(featureNames.joined(separator: ", ")))")
        }
        return try! Matrix(rows: rows.count, columns: d, elements: rows.joined())
    }
}
