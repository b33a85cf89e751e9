import Foundation
import LogitNumerics

/// A fitted model as a self-describing, versioned JSON document: everything
/// needed to predict (class and feature names, the fitted scaler, weights and
/// bias), how it was trained (parameters, iterations, convergence), how well it
/// did (metrics), what the training data looked like (``TrainingStatistics``),
/// and when and by which engine it was made.
///
/// ```json
/// { "format": "logit-model", "formatVersion": 1, "engineVersion": "0.1.0",
///   "createdAt": "2026-11-24T06:00:00Z", "precision": "double",
///   "classNames": ["Besni", "Kecimen"], "featureNames": ["Area", …],
///   "scaler": {…}, "weights": [[…]], "bias": […], "training": {…},
///   "metrics": {…}, "trainingStatistics": {…} }
/// ```
///
/// Weights and biases are stored as `Double` (shortest round-trip decimal), so
/// a model trained in either precision on either backend loads in the other:
/// a `Float` model read as `Double` has exactly its weights, a `Double` model
/// read as `Float` has them rounded to nearest.
///
/// Reading checks the format name and version first (a newer format is refused
/// with both versions named), then that the shapes agree: k′ = 1 weight row for
/// two classes and k otherwise, one column and one scaler entry per feature
/// name, one bias per row, finite values.
public struct ModelFile: Sendable, Codable, Equatable {
    /// The value of ``format`` in every model file.
    public static let formatName = "logit-model"
    /// The format version this engine writes, and the newest it reads.
    public static let currentFormatVersion = 1

    /// How the model was trained.
    public struct Training: Sendable, Codable, Equatable {
        /// The solver settings.
        public var configuration: TrainingConfiguration
        /// The backend it ran on (`blas` or `swift`).
        public var backend: String
        /// Threads used, when given.
        public var threads: Int?
        /// Whether the features were z-score standardized before training.
        public var standardized: Bool
        /// Where the training data came from (a path, or `raisin` for the embedded set).
        public var dataSource: String
        /// The rows trained on.
        public var rows: Int
        /// Epochs or iterations run.
        public var iterations: Int
        /// Whether a tolerance was met.
        public var converged: Bool
        /// Why the solver stopped.
        public var stopReason: StopReason
        /// The objective at the final weights.
        public var finalObjective: Double
        /// ‖∇L‖₂ at the final weights.
        public var gradientNorm: Double
        /// Wall-clock seconds of the fit.
        public var seconds: Double
        /// The OpenBLAS kernels the BLAS backend ran and why
        /// (``OpenBLASCore/selection``, e.g. `"SkylakeX (OpenBLAS's choice)"`);
        /// nil for the Swift backend and in files written before it was recorded.
        public var blasCore: String?
        /// The kernel of the binary model's gradient pass (``BinaryPass``'s
        /// raw value, `"fused-rows"` or `"blocked-gemv"`); nil for a multinomial
        /// model and in files written before it was recorded.
        public var binaryPass: String?

        /// A training record.
        public init(configuration: TrainingConfiguration, backend: String, threads: Int?, standardized: Bool,
                    dataSource: String, rows: Int, iterations: Int, converged: Bool, stopReason: StopReason,
                    finalObjective: Double, gradientNorm: Double, seconds: Double, blasCore: String? = nil,
                    binaryPass: String? = nil) {
            self.configuration = configuration
            self.backend = backend
            self.threads = threads
            self.standardized = standardized
            self.dataSource = dataSource
            self.rows = rows
            self.iterations = iterations
            self.converged = converged
            self.stopReason = stopReason
            self.finalObjective = finalObjective
            self.gradientNorm = gradientNorm
            self.seconds = seconds
            self.blasCore = blasCore
            self.binaryPass = binaryPass
        }
    }

    /// Scores of the model on one set of rows.
    public struct Scores: Sendable, Codable, Equatable {
        /// Rows scored.
        public var rows: Int
        /// Fraction predicted correctly.
        public var accuracy: Double
        /// Mean cross-entropy (natural log), as scikit-learn's `log_loss`.
        public var logLoss: Double
        /// The training objective's formula on these rows (loss + penalty).
        public var objective: Double

        /// Scores.
        public init(rows: Int, accuracy: Double, logLoss: Double, objective: Double) {
            self.rows = rows
            self.accuracy = accuracy
            self.logLoss = logLoss
            self.objective = objective
        }
    }

    /// Scores on the training rows and, when there were any, the held-out rows.
    public struct Metrics: Sendable, Codable, Equatable {
        /// On the training rows.
        public var train: Scores
        /// On the test rows (a split or a separate file), if any.
        public var test: Scores?

        /// Metrics.
        public init(train: Scores, test: Scores?) {
            self.train = train
            self.test = test
        }
    }

    /// Always ``formatName``.
    public var format: String
    /// The format version the file was written in.
    public var formatVersion: Int
    /// The ``EngineVersion`` that wrote it.
    public var engineVersion: String
    /// When it was written (ISO 8601, UTC).
    public var createdAt: String
    /// The precision it was trained in (`float` or `double`).
    public var precision: String
    /// The class names; index c is class c.
    public var classNames: [String]
    /// The feature names, one per weight column.
    public var featureNames: [String]
    /// The CSV column the labels came from, when they came from a CSV file.
    public var labelColumn: String?
    /// The scaling applied to raw rows before the weights.
    public var scaler: FeatureScaler
    /// The missing-value fill applied to raw rows before the scaler, when the
    /// model was trained with imputation (absent in older files and otherwise).
    public var imputer: MissingValueImputer?
    /// The weights, k′ rows of d values (on scaled features).
    public var weights: [[Double]]
    /// The bias of each of the k′ outputs.
    public var bias: [Double]
    /// How it was trained.
    public var training: Training
    /// How well it did.
    public var metrics: Metrics?
    /// The training data's per-feature statistics, in original units.
    public var trainingStatistics: TrainingStatistics
    /// Where the drift monitor's reference sample is stored (a sidecar file
    /// beside this one) and its shape and checksum; nil in files written before
    /// monitoring existed, or without `--output`.
    public var referenceSample: ReferenceSampleFile?
    /// How image files become feature rows, when the model was trained on an
    /// image folder (absent in older files and for tabular data).
    public var imagePreprocessing: ImagePreprocessing?

    /// A model file for a fitted model.
    ///
    /// - Parameters:
    ///   - model: the weights, bias and names.
    ///   - scaler: the scaling fitted on the training rows (`.none` if none).
    ///   - labelColumn: the CSV column the labels came from, if any.
    ///   - training: how the model was trained.
    ///   - metrics: its scores on the training and held-out rows, if computed.
    ///   - trainingStatistics: the training rows' per-feature statistics, in
    ///     original units.
    ///   - imputer: the missing-value fill fitted on the training rows, if any.
    ///   - createdAt: the creation time (now by default).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public init<T: LogitScalar>(model: LogisticModel<T>, scaler: FeatureScaler, labelColumn: String? = nil,
                                training: Training, metrics: Metrics?, trainingStatistics: TrainingStatistics,
                                imputer: MissingValueImputer? = nil, createdAt: Date = Date()) {
        self.imputer = imputer
        format = Self.formatName
        formatVersion = Self.currentFormatVersion
        engineVersion = EngineVersion.current
        self.createdAt = createdAt.formatted(.iso8601)
        precision = T.precisionName
        classNames = model.classNames
        featureNames = model.featureNames
        self.labelColumn = labelColumn
        self.scaler = scaler
        weights = (0..<model.weights.rows).map { model.weights.row($0).map { Double($0) } }
        bias = model.bias.map { Double($0) }
        self.training = training
        self.metrics = metrics
        self.trainingStatistics = trainingStatistics
    }

    /// The number of features, d.
    public var featureCount: Int { featureNames.count }

    /// The model in precision `T` (either precision loads a file of either).
    ///
    /// - Throws: ``ModelFileError`` when the shapes do not agree.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func model<T: LogitScalar>(as _: T.Type = T.self) throws(ModelFileError) -> LogisticModel<T> {
        try validate(file: nil)
        do {
            let matrix = try Matrix<T>(rows: weights.count, columns: featureCount,
                                       elements: weights.flatMap { $0.map { T($0) } })
            return try LogisticModel(weights: matrix, bias: bias.map { T($0) }, classNames: classNames,
                                     featureNames: featureNames)
        } catch {
            throw ModelFileError("invalid model: \(error)")
        }
    }

    /// Checks that data with `count` feature columns fits the model.
    ///
    /// - Parameters:
    ///   - count: the number of feature columns in the data.
    ///   - source: the data's name, for the message.
    /// - Throws: ``ModelFileError`` naming both counts and the model's features.
    public func checkFeatureCount(_ count: Int, source: String) throws(ModelFileError) {
        guard count == featureCount else {
            throw ModelFileError("the model has \(featureCount) features (\(featureNames.joined(separator: ", "))) but \(source) has \(count)")
        }
    }

    /// The JSON text of the file (pretty-printed, keys sorted, UTF-8).
    public func encoded() throws(ModelFileError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        do {
            return try encoder.encode(self)
        } catch {
            throw ModelFileError("cannot encode the model: \(error)")
        }
    }

    /// Writes the file to `path` (atomically: a reader never sees half a file).
    ///
    /// - Throws: ``ModelFileError`` naming the path.
    public func write(to path: String) throws(ModelFileError) {
        let data = try encoded()
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFileError("cannot write the model file: \(Self.fileProblem(error, path: path, writing: true))", file: path)
        }
    }

    /// Reads and checks the model file at `path`.
    ///
    /// - Throws: ``ModelFileError`` naming the path: unreadable, not JSON, not a
    ///   logit model, a newer format version, missing or mistyped fields, or
    ///   shapes that disagree.
    @available(*, deprecated, renamed: "read(from:)")
    public static func read(path: String) throws(ModelFileError) -> ModelFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelFileError("cannot read the model file: \(fileProblem(error, path: path, writing: false))", file: path)
        }
        return try decode(data, file: path)
    }

    /// Decodes and checks a model file's bytes; errors name `file`.
    public static func decode(_ data: Data, file: String) throws(ModelFileError) -> ModelFile {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                        nan: "nan")
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            if let syntax = jsonSyntaxError(in: Array(data)) {
                throw ModelFileError("not a logit model file: not valid JSON at \(syntax)", file: file)
            }
            throw ModelFileError("not a logit model file: \(describe(error))", file: file)
        }
        guard header.format == formatName else {
            throw ModelFileError("not a logit model file: format is \(header.format.map { "'\($0)'" } ?? "missing"), expected '\(formatName)'",
                                 file: file)
        }
        guard let version = header.formatVersion else {
            throw ModelFileError("the model file has no formatVersion", file: file)
        }
        guard version >= 1, version <= currentFormatVersion else {
            let readable = currentFormatVersion == 1 ? "format version 1" : "format versions 1 to \(currentFormatVersion)"
            throw ModelFileError("model format version \(version) (written by engine \(header.engineVersion ?? "unknown")) is not supported: engine \(EngineVersion.current) reads \(readable)",
                                 file: file)
        }
        let model: ModelFile
        do {
            model = try decoder.decode(ModelFile.self, from: data)
        } catch {
            throw ModelFileError("invalid model file: \(describe(error))", file: file)
        }
        try model.validate(file: file)
        return model
    }

    /// Checks that the parts fit together.
    func validate(file: String?) throws(ModelFileError) {
        func fail(_ message: String) -> ModelFileError { ModelFileError("invalid model: " + message, file: file) }
        let k = classNames.count, d = featureCount
        guard k >= 2 else { throw fail("\(k) class names; a model needs at least 2") }
        guard Set(classNames).count == k else { throw fail("the class names repeat: \(classNames)") }
        let outputs = k == 2 ? 1 : k
        guard weights.count == outputs else {
            throw fail("\(k) classes need \(outputs) weight row\(outputs == 1 ? "" : "s"), the file has \(weights.count)")
        }
        if let bad = weights.firstIndex(where: { $0.count != d }) {
            throw fail("weight row \(bad) has \(weights[bad].count) values for \(d) feature names")
        }
        guard bias.count == outputs else { throw fail("\(bias.count) biases for \(outputs) weight rows") }
        guard weights.allSatisfy({ $0.allSatisfy(\.isFinite) }), bias.allSatisfy(\.isFinite) else {
            throw fail("the weights or biases hold NaN or infinity")
        }
        if let imputer, imputer.featureCount != d {
            throw fail("the imputer was fitted on \(imputer.featureCount) features but the model has \(d)")
        }
        if let images = imagePreprocessing {
            guard images.width >= 1, images.height >= 1, images.resize == ImagePreprocessing.areaBilinear else {
                throw fail("image preprocessing \(images.width)×\(images.height) with resize '\(images.resize)': sides must be ≥ 1 and the resize '\(ImagePreprocessing.areaBilinear)'")
            }
            guard images.featureCount == d else {
                throw fail("the image preprocessing (\(images.width)×\(images.height) \(images.color.rawValue)) gives \(images.featureCount) features but the model has \(d)")
            }
        }
        if let scaled = scaler.featureCount, scaled != d {
            throw fail("the scaler was fitted on \(scaled) features but the model has \(d)")
        }
        guard trainingStatistics.features.count == d else {
            throw fail("training statistics for \(trainingStatistics.features.count) features, the model has \(d)")
        }
    }

    /// The fields read before the rest, to check the format and version.
    private struct Header: Decodable {
        var format: String?
        var formatVersion: Int?
        var engineVersion: String?
    }

    /// A decoding error in words, with the path of the field at fault.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at '\(keys.joined(separator: "."))'"
        }
        guard let error = error as? DecodingError else { return reason(error) }
        switch error {
        case let .keyNotFound(key, context):
            return "missing field '\(key.stringValue)'\(path(context))"
        case let .typeMismatch(type, context):
            _ = type
            return "wrong type\(path(context)): \(context.debugDescription)"
        case let .valueNotFound(type, context):
            return "missing \(type) value\(path(context))"
        case let .dataCorrupted(context):
            let underlying = context.underlyingError.map { ": \(reason($0))" } ?? ""
            return "\(context.debugDescription)\(path(context))\(underlying)"
        @unknown default:
            return "\(error)"
        }
    }

    /// The most readable description of a Foundation error: the POSIX reason
    /// when there is one, otherwise words for the common `NSCocoaErrorDomain`
    /// codes (never "The operation could not be completed. (… error 256.)").
    public static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "no space left on the device"
            case 4: return "no such file or folder"  // NSFileNoSuchFileError
            case 256: return "cannot be read (a folder, a special file, or an I/O error)"  // NSFileReadUnknownError
            case 258, 514: return "invalid file name"  // NSFileRead/WriteInvalidFileNameError
            case 259: return "the contents are not in a readable format"  // NSFileReadCorruptFileError
            case 261, 517: return "the text is not in the expected encoding"  // inapplicable string encoding
            case 512: return "cannot be written (a folder, a missing folder, or an I/O error)"  // NSFileWriteUnknownError
            case 516: return "a file with that name already exists"  // NSFileWriteFileExistsError
            case 642: return "the file system is read-only"  // NSFileWriteVolumeReadOnlyError
            default: return "file operation failed (Foundation error \(nsError.code))"
            }
        }
        return nsError.localizedDescription
    }
}
