import Logit
import LogitNumerics

/// Classifies image bytes with a model trained on an image folder: the API
/// for callers holding bytes (an HTTP upload, a message queue), not files.
///
/// Each image is validated (``ImageLimits``), decoded, preprocessed exactly as
/// at training time (the model file's ``ImagePreprocessing``), scaled by the
/// model's fitted scaler and scored. Thread-safe (a value type of immutable
/// parts); a batch is decoded on ``ImageFeatureLoader/threads`` threads.
public struct ImageClassifier<T: LogitScalar>: Sendable {
    /// One image's answer.
    public struct Prediction: Sendable, Equatable {
        /// The predicted class's index.
        public var label: Int
        /// Its name.
        public var className: String
        /// One probability per class, in class order.
        public var probabilities: [T]
    }

    /// The model file (with its preprocessing).
    public let file: ModelFile
    /// The fitted model.
    public var model: LogisticModel<T> { scorer.model }
    /// The model and the backend it scores with, made once (``ModelScorer/defaultBackend``):
    /// not per call, which read the environment and sysfs and set OpenBLAS's thread count.
    private let scorer: ModelScorer<T>
    /// The preprocessing of the model file.
    public let preprocessing: ImagePreprocessing
    /// The limits in force.
    public let limits: ImageLimits

    /// A classifier for `file`.
    ///
    /// - Throws: ``ImageError`` (path `model`) when the model was not trained
    ///   on images, `ModelFileError` when its shapes disagree.
    public init(file: ModelFile, limits: ImageLimits = .standard) throws {
        guard let preprocessing = file.imagePreprocessing else {
            throw ImageError(path: "model", reason: "the model was not trained on images (it has no image preprocessing); train it with --images")
        }
        guard preprocessing.featureCount == file.featureCount else {
            throw ImageError(path: "model", reason: "the image preprocessing gives \(preprocessing.featureCount) features but the model has \(file.featureCount)")
        }
        self.file = file
        scorer = try ModelScorer<T>(file)
        self.preprocessing = preprocessing
        self.limits = limits
    }

    /// The validated, preprocessed feature row of one image (before the
    /// model's scaler: values in [0, 1]); errors name `name`.
    public func featureRow(bytes: [UInt8], name: String) throws(ImageError) -> [T] {
        let image = try ImageDecoder(limits: limits, jpegLuma: preprocessing.color == .gray).decode(bytes: bytes, path: name)
        return ImagePreprocessor(preprocessing).features(of: image).map { T($0) }
    }

    /// The feature rows of a batch, each a row or the reason it was refused.
    public func featureRows(_ images: [(bytes: [UInt8], name: String)]) -> [Result<[T], ImageError>] {
        images.map { image in Result { () throws(ImageError) in try featureRow(bytes: image.bytes, name: image.name) } }
    }

    /// Scores raw feature rows (scaler applied here).
    public func predict(rows: [[T]]) throws -> [Prediction] {
        guard !rows.isEmpty else { return [] }
        let matrix = try Matrix<T>(rows)
        let scaled = try file.scaler.transform(matrix)
        let probabilities = try model.predictProbabilities(scaled, backend: scorer.defaultBackend)
        return (0..<rows.count).map { i in
            let p = probabilities.row(i)
            let label = p.indices.max { p[$0] < p[$1] } ?? 0
            return Prediction(label: label, className: file.classNames[label], probabilities: p)
        }
    }

    /// Classifies one image; errors name `name`.
    public func classify(bytes: [UInt8], name: String) throws -> Prediction {
        try predict(rows: [try featureRow(bytes: bytes, name: name)])[0]
    }

    /// Classifies a batch: a prediction or the reason each image was refused.
    public func classify(_ images: [(bytes: [UInt8], name: String)]) throws -> [Result<Prediction, ImageError>] {
        let rows = featureRows(images)
        let good = rows.compactMap { try? $0.get() }
        var predictions = try predict(rows: good).makeIterator()
        return rows.map { row in row.map { _ in predictions.next()! } }
    }
}
