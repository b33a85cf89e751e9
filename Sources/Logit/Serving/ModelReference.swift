import Foundation

/// Resolves a model reference (`logit --model`, `logit serve --model`, a
/// reload request): a model file's path, `latest` (the newest tracked run
/// that has a model), a run id (or a unique prefix of at least 6 digits), or a
/// run name (`--run-name`; the newest run of that name) in the tracking folder,
/// or a registered model (`models:/NAME/VERSION`, `models:/NAME@ALIAS`, see
/// ``ModelRegistry``).
///
/// This is the one place where a reference becomes a file path: new kinds of
/// reference are added to ``init(_:trackingDirectory:)``.
public struct ModelReference: Sendable, Equatable {
    /// The artifact name of the model file in a tracked run.
    public static let artifactName = "model.json"

    /// The model file's path.
    public var path: String
    /// The run it came from, when it was named by run.
    public var runID: String?

    /// Resolves `specification` against the tracking folder `trackingDirectory`.
    ///
    /// - Throws: ``ServingError`` when nothing matches, naming what was tried
    ///   (for a registered model: the registry's reason), or ``TrackingError``
    ///   when the tracking folder cannot be read.
    public init(_ specification: String, trackingDirectory: String) throws {
        if specification.hasPrefix(ModelURI.prefix) {
            // a registered model: models:/NAME/VERSION or models:/NAME@ALIAS (ModelRegistry.resolve)
            do {
                let url = try ModelRegistry(trackingDirectory: trackingDirectory).resolve(specification)
                self.init(path: url.path, runID: nil)
            } catch {
                throw ServingError("model \(specification): \(error)")
            }
            return
        }
        let store = MLflowFileStore(root: trackingDirectory)
        if specification == "latest" {
            let runs = try store.runs()
            guard let run = runs.first(where: { Self.hasModel($0) }) else {
                throw ServingError("--model latest: no run with a model in \(trackingDirectory) (\(runs.count) run\(runs.count == 1 ? "" : "s")); record one with `logit train --track \(trackingDirectory)`")
            }
            self.init(path: run.artifactsDirectory + "/" + Self.artifactName, runID: run.id)
            return
        }
        if FileManager.default.fileExists(atPath: specification) {
            self.init(path: specification, runID: nil)
            return
        }
        let looksLikeRunID = (6...32).contains(specification.count)
            && specification.allSatisfy { $0.isHexDigit && ($0.isNumber || $0.isLowercase) }
        if looksLikeRunID {
            let run: MLflowRunRecord
            do {
                run = try store.run(id: specification)
            } catch {
                throw ServingError("--model \(specification): no such model file, and \(error)")
            }
            guard Self.hasModel(run) else {
                throw ServingError("--model \(specification): run \(run.id) has no \(Self.artifactName) artifact")
            }
            self.init(path: run.artifactsDirectory + "/" + Self.artifactName, runID: run.id)
            return
        }
        let runs = (try? store.runs()) ?? []
        if let run = runs.first(where: { $0.name == specification }) {
            // runs() is newest first: a reused name means its latest run
            guard Self.hasModel(run) else {
                throw ServingError("--model \(specification): run \(run.id) (named \(specification)) has no \(Self.artifactName) artifact")
            }
            self.init(path: run.artifactsDirectory + "/" + Self.artifactName, runID: run.id)
            return
        }
        throw ServingError("--model \(specification): no such model file (nor 'latest', a run id or a run name in \(trackingDirectory))")
    }

    /// A reference to the model file at `path`, from run `runID` if any.
    public init(path: String, runID: String?) {
        self.path = path
        self.runID = runID
    }

    /// Reads and validates the model file.
    ///
    /// - Throws: ``ModelFileError`` naming the file.
    public func load() throws -> ModelFile { try ModelFile.read(from: path) }

    /// Whether the tracked run has a model artifact.
    public static func hasModel(_ run: MLflowRunRecord) -> Bool {
        FileManager.default.fileExists(atPath: run.artifactsDirectory + "/" + artifactName)
    }
}
