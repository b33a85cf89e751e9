import Foundation
import Logit

/// Resolves `--model`: a model file's path, `latest` (the newest tracked run
/// that has a model), a run id (or a unique prefix of at least 6 digits), or a
/// run name (`--run-name`; the newest run of that name) in the tracking folder,
/// or a registered model (`models:/NAME/VERSION`, `models:/NAME@ALIAS`).
struct ModelReference {
    /// The artifact name of the model file in a tracked run.
    static let artifactName = "model.json"

    /// The model file's path.
    var path: String
    /// The run it came from, when it was named by run.
    var runID: String?

    /// Resolves `specification` against the tracking folder `trackingDirectory`.
    ///
    /// - Throws: ``CLIError`` when nothing matches, naming what was tried.
    init(_ specification: String, trackingDirectory: String) throws {
        if specification.hasPrefix(ModelURI.prefix) {
            // a registered model: models:/NAME/VERSION or models:/NAME@ALIAS (ModelRegistry.resolve)
            do {
                let url = try ModelRegistry(trackingDirectory: trackingDirectory).resolve(specification)
                self.init(path: url.path, runID: nil)
            } catch {
                throw CLIError("--model \(specification): \(error)")
            }
            return
        }
        let store = MLflowFileStore(root: trackingDirectory)
        if specification == "latest" {
            let runs = try store.runs()
            guard let run = runs.first(where: { Self.hasModel($0) }) else {
                throw CLIError("--model latest: no run with a model in \(trackingDirectory) (\(runs.count) run\(runs.count == 1 ? "" : "s")); record one with `logit train --track \(trackingDirectory)`")
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
                throw CLIError("--model \(specification): no such model file, and \(error)")
            }
            guard Self.hasModel(run) else {
                throw CLIError("--model \(specification): run \(run.id) has no \(Self.artifactName) artifact")
            }
            self.init(path: run.artifactsDirectory + "/" + Self.artifactName, runID: run.id)
            return
        }
        let runs = (try? store.runs()) ?? []
        if let run = runs.first(where: { $0.name == specification }) {
            // runs() is newest first: a reused name means its latest run
            guard Self.hasModel(run) else {
                throw CLIError("--model \(specification): run \(run.id) (named \(specification)) has no \(Self.artifactName) artifact")
            }
            self.init(path: run.artifactsDirectory + "/" + Self.artifactName, runID: run.id)
            return
        }
        throw CLIError("--model \(specification): no such model file (nor 'latest', a run id or a run name in \(trackingDirectory))")
    }

    init(path: String, runID: String?) {
        self.path = path
        self.runID = runID
    }

    /// Reads the model file.
    func load() throws -> ModelFile { try ModelFile.read(from: path) }

    static func hasModel(_ run: MLflowRunRecord) -> Bool {
        FileManager.default.fileExists(atPath: run.artifactsDirectory + "/" + artifactName)
    }
}
