#if Service
import Foundation
import Logit
import LogitImages
import LogitNumerics

/// A model loaded, validated and ready to serve: its file, a scorer (always
/// computing in Double), its version, the explanation of its weights, and its
/// drift monitor (when the model has a reference sample).
///
/// Immutable (the monitor is itself thread-safe): requests take the current
/// `LoadedModel` once and use it to the end, so a reload never changes the
/// model under a request.
public final class LoadedModel: Sendable {
    /// Where it came from.
    public let reference: ModelReference
    /// The model file.
    public let file: ModelFile
    /// Scores raw rows.
    public let scorer: ModelScorer<Double>
    /// The first 12 hex digits of the model file's SHA-256.
    public let version: String
    /// The weights per feature, for `explain=true`.
    let explanation: Explanation
    /// The live window of predicted rows against the reference sample (nil:
    /// the model has no reference sample; monitoring answers 409).
    public let monitor: DriftMonitor?
    /// Why there is no monitor, when there is none.
    public let monitorUnavailable: String?
    /// When it was loaded.
    public let loadedAt: Date
    /// Classifies image bytes (nil: the model was trained on a matrix, not
    /// on images; `/v1/predict/image` answers 409).
    public let imageClassifier: ImageClassifier<Double>?
    /// Recent image answers by content hash (`/v1/predict/image`).
    let imageCache: PredictionCache
    /// The class names as JSON keys, for the prediction responses.
    let classKeys: JSONKeyTable
    /// `{"model_version":"…","predictions":[`: how every prediction response starts.
    let predictionsPrefix: String

    /// Loads the model named by `specification` (a path or run, see
    /// ``ModelReference``), validates it (it decodes, its weights form a model,
    /// a row of training means scores to finite probabilities) and opens its
    /// drift window.
    ///
    /// - Parameters:
    ///   - window: the most rows in the drift window.
    ///   - maxAge: the oldest a window row may be, in seconds (nil: no limit).
    /// - Throws: ``ServingError``, ``ModelFileError`` or ``DataError`` naming the file.
    ///   - imageLimits: the limits on uploaded images (an image model only).
    ///   - imageCacheEntries: the most image answers cached (0: none).
    public convenience init(specification: String, trackingDirectory: String, window: Int = 10_000,
                maxAge: Double? = nil, imageLimits: ImageLimits = .standard, imageCacheEntries: Int = 1024) throws {
        let reference = try ModelReference(specification, trackingDirectory: trackingDirectory)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: reference.path))
        } catch {
            throw ModelFileError("cannot read the model file: \(ModelFile.reason(error))", file: reference.path)
        }
        let file = try ModelFile.decode(data, file: reference.path)
        try self.init(reference: reference, file: file, version: String(data.withUnsafeBytes { SHA256.hex($0) }.prefix(12)),
                      window: window, maxAge: maxAge, imageLimits: imageLimits, imageCacheEntries: imageCacheEntries)
    }

    /// A model already decoded (`version` names it in responses).
    ///
    /// - Throws: ``ModelFileError`` or ``DataError`` when it does not validate.
    public init(reference: ModelReference, file: ModelFile, version: String, window: Int = 10_000,
                maxAge: Double? = nil, imageLimits: ImageLimits = .standard, imageCacheEntries: Int = 1024) throws {
        self.reference = reference
        self.file = file
        self.version = version
        scorer = try ModelScorer<Double>(file)
        classKeys = JSONKeyTable(file.classNames)
        predictionsPrefix = "{\"model_version\":" + JSONText.string(version) + ",\"predictions\":["
        explanation = try Explanation(file: file, path: URL(fileURLWithPath: reference.path).lastPathComponent)
        // a probe: the training means must score to finite probabilities, or the model is unusable
        let means = file.trainingStatistics.features.map(\.mean)
        if means.count == file.featureCount, means.allSatisfy(\.isFinite) {
            let probe = try scorer.score(try Matrix(rows: 1, columns: means.count, elements: means))
            guard probe.probabilities.elements.allSatisfy(\.isFinite) else {
                throw ModelFileError("the model gives non-finite probabilities for its training means: its weights are unusable",
                                     file: reference.path)
            }
        }
        if file.referenceSample != nil {
            var sample = try file.loadReferenceSample(modelPath: reference.path)
            if sample.probabilities.isEmpty {
                // prediction drift needs the model's probabilities on the reference rows
                let rows = try Matrix(rows: sample.rows, columns: sample.featureCount, elements: sample.values)
                sample.probabilities = try scorer.score(rows).probabilities.elements
            }
            monitor = try DriftMonitor(reference: sample, capacity: window, maxAge: maxAge)
            monitorUnavailable = nil
        } else {
            monitor = nil
            monitorUnavailable = "the model has no reference sample, so drift cannot be measured; retrain it with `logit train --output` to get one"
        }
        imageClassifier = file.imagePreprocessing == nil ? nil : try ImageClassifier<Double>(file: file, limits: imageLimits)
        imageCache = PredictionCache(capacity: imageCacheEntries)
        loadedAt = Date()
    }

    /// The model's name: its file name, or its run.
    public var name: String {
        if let run = reference.runID { return "run \(run)" }
        return URL(fileURLWithPath: reference.path).lastPathComponent
    }
}
#endif
