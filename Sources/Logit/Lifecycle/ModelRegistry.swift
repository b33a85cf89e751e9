import Foundation

/// A model registry in MLflow's own file-store layout, beside the runs of a
/// tracking folder, so `MlflowClient("file:///…/mlruns")` lists the registered
/// models, versions, tags and aliases and resolves `models:/NAME@ALIAS`:
///
///     mlruns/models/
///       .registry.lock                 flock(2) lock taken by every writer
///       NAME/
///         meta.yaml                    name, creation/last-updated timestamps, description
///         tags/<key>                   registered-model tags (alias history: logit.alias_history.<alias>)
///         aliases/<alias>              the version number it points to
///         version-N/
///           meta.yaml                  name, version, source, run_id, storage_location, current_stage, status, …
///           tags/<key>                 logit.model_checksum (FNV-1a of model.json), logit.source_path, …
///           model/                     the artifacts: model.json (+ its reference sample), and what the caller adds
///
/// A version is assembled in a hidden temporary folder and renamed into place
/// under the lock, so concurrent `register` calls get distinct version numbers
/// and a reader never sees half a version. A deleted version (MLflow's stage
/// `Deleted_Internal`, or a missing folder) or one whose model file is missing
/// or does not match its checksum is reported, never followed.
public struct ModelRegistry: Sendable {
    /// The model file's name inside a version's artifact folder.
    public static let modelFileName = "model.json"
    /// The artifact folder's name inside `version-N`.
    public static let artifactFolderName = "model"
    /// The tag prefix keeping each alias's past targets (comma-separated, oldest first).
    public static let aliasHistoryTagPrefix = "logit.alias_history."
    /// The version tag holding the model file's checksum.
    public static let checksumTag = "logit.model_checksum"
    /// MLflow's stage of a deleted version.
    public static let deletedStage = "Deleted_Internal"

    /// The tracking folder (absolute).
    public let trackingRoot: String

    /// The registry of the tracking folder `trackingDirectory` (relative paths
    /// are taken from the current directory).
    public init(trackingDirectory: String) {
        trackingRoot = MLflowFileStore(root: trackingDirectory).root
    }

    /// `trackingRoot/models`.
    public var modelsDirectory: String { trackingRoot + "/models" }

    // MARK: Writing

    /// Registers a copy of the model file at `modelPath` (and its reference
    /// sample sidecar) as the next version of `name`, creating the registered
    /// model if needed.
    ///
    /// - Parameters:
    ///   - modelPath: the model file (read and checked first).
    ///   - name: the registered model's name (no `/`, `%`, `@`, not starting with `.`).
    ///   - runID: the tracked run it came from, if any (recorded as `run_id`,
    ///     source `runs:/ID/<model file name>`).
    ///   - artifacts: more files to store beside the model file (name → bytes),
    ///     such as the card, the ONNX file and MLflow's `MLmodel`.
    ///   - description: the version's description.
    /// - Returns: the new version.
    /// - Throws: ``TrackingError`` for a bad name, an unreadable model file, or
    ///   a store that cannot be written; ``ModelFileError`` rethrown as its text.
    public func register(modelPath: String, name: String, runID: String? = nil, artifacts: [String: Data] = [:],
                         description: String? = nil) throws(TrackingError) -> RegisteredModelVersion {
        try Self.validateName(name)
        let modelData: Data
        do {
            modelData = try Data(contentsOf: URL(fileURLWithPath: modelPath))
            _ = try ModelFile.decode(modelData, file: modelPath)
        } catch let error as ModelFileError {
            throw TrackingError("cannot register: \(error)")
        } catch {
            throw TrackingError("cannot register: cannot read the model file: \(ModelFile.reason(error))", path: modelPath)
        }
        let model = try? ModelFile.decode(modelData, file: modelPath)
        var files = artifacts
        files[Self.modelFileName] = modelData
        if let sidecar = model?.referenceSample?.file {
            let sidecarPath = URL(fileURLWithPath: modelPath).deletingLastPathComponent().appendingPathComponent(sidecar).path
            if let bytes = try? Data(contentsOf: URL(fileURLWithPath: sidecarPath)) { files[sidecar] = bytes }
        }
        let checksum = modelData.withUnsafeBytes { ReferenceSampleFile.checksum($0) }
        let absoluteSource = URL(fileURLWithPath: modelPath).standardizedFileURL
        let source = runID.map { "runs:/\($0)/" + absoluteSource.lastPathComponent } ?? absoluteSource.absoluteString

        try createDirectory(modelsDirectory)
        return try RegistryLock.withLock(modelsDirectory + "/.registry.lock") { () throws(TrackingError) -> RegisteredModelVersion in
            let modelDirectory = modelsDirectory + "/" + name
            let now = MLflowFileStore.nowMilliseconds
            if !FileManager.default.fileExists(atPath: modelDirectory + "/meta.yaml") {
                try createDirectory(modelDirectory)
                try writeModelMeta(name: name, created: now, updated: now)
            }
            let version = (try versionNumbers(modelDirectory: modelDirectory).max() ?? 0) + 1
            let finalDirectory = modelDirectory + "/version-\(version)"
            let temporary = modelDirectory + "/.tmp-version-\(UUID().uuidString)"
            let artifactDirectory = temporary + "/" + Self.artifactFolderName
            try createDirectory(artifactDirectory)
            try createDirectory(temporary + "/tags")
            do throws(TrackingError) {
                for (file, bytes) in files.sorted(by: { $0.key < $1.key }) {
                    try write(bytes, to: artifactDirectory + "/" + file)
                }
                let storage = MLflowFileStore.fileURI(finalDirectory + "/" + Self.artifactFolderName)
                try write(Data(MLflowYAML.write([
                    ("aliases", .emptyList),
                    ("creation_timestamp", .integer(now)),
                    ("current_stage", .string("None")),
                    ("description", description.map { .string($0) } ?? .null),
                    ("last_updated_timestamp", .integer(now)),
                    ("name", .string(name)),
                    ("run_id", runID.map { .string($0) } ?? .null),
                    ("run_link", .null),
                    ("source", .string(source)),
                    ("status", .string("READY")),
                    ("status_message", .null),
                    ("storage_location", .string(storage)),
                    ("user_id", .null),
                    ("version", .integer(Int64(version))),
                ]).utf8), to: temporary + "/meta.yaml")
                try write(Data(checksum.utf8), to: temporary + "/tags/" + Self.checksumTag)
                try write(Data(absoluteSource.path.utf8), to: temporary + "/tags/logit.source_path")
                if let model {
                    try write(Data(model.engineVersion.utf8), to: temporary + "/tags/logit.engine_version")
                }
                // the version appears whole or not at all
                guard rename(temporary, finalDirectory) == 0 else {
                    throw TrackingError("cannot create version \(version): \(String(cString: strerror(errno)))", path: finalDirectory)
                }
            } catch {
                try? FileManager.default.removeItem(atPath: temporary)
                throw error
            }
            try touch(name: name, at: now)
            return try readVersion(name: name, version: version)
        }
    }

    /// Points `alias` of `name` at `version`, appending it to the alias's history.
    ///
    /// - Throws: ``TrackingError`` when the model or version does not exist, the
    ///   version is deleted or corrupt, or the alias is not a valid MLflow alias.
    public func setAlias(_ alias: String, name: String, version: Int) throws(TrackingError) {
        try Self.validateName(name)
        try Self.validateAlias(alias)
        try RegistryLock.withLock(modelsDirectory + "/.registry.lock") { () throws(TrackingError) in
            let target = try readVersion(name: name, version: version)
            if let problem = target.problem {
                throw TrackingError("cannot point \(alias) at version \(version) of \(name): \(problem)")
            }
            var history = aliasHistory(name: name, alias: alias)
            if history.last != version { history.append(version) }
            try write(Data(history.map(String.init).joined(separator: ",").utf8),
                      to: modelsDirectory + "/" + name + "/tags/" + Self.aliasHistoryTagPrefix + alias, makeFolder: true)
            try write(Data(String(version).utf8), to: modelsDirectory + "/" + name + "/aliases/" + alias, makeFolder: true)
            try touch(name: name, at: MLflowFileStore.nowMilliseconds)
        }
    }

    /// Moves `alias` of `name` back to the version it pointed to before its
    /// current one.
    ///
    /// - Returns: the versions it moved from and to.
    /// - Throws: ``TrackingError`` when the alias has no earlier target, or the
    ///   earlier target is deleted or corrupt (named).
    @discardableResult
    public func rollback(alias: String, name: String) throws(TrackingError) -> (from: Int, to: Int) {
        try Self.validateName(name)
        try Self.validateAlias(alias)
        return try RegistryLock.withLock(modelsDirectory + "/.registry.lock") { () throws(TrackingError) -> (from: Int, to: Int) in
            guard let current = try aliases(name: name)[alias] else {
                throw TrackingError("\(name) has no alias '\(alias)' to roll back", path: modelsDirectory + "/" + name)
            }
            var history = aliasHistory(name: name, alias: alias)
            if history.last != current { history.append(current) }  // set by another tool: current is the newest
            guard history.count >= 2 else {
                throw TrackingError("cannot roll back \(name)@\(alias): it has pointed only to version \(current); there is no earlier target")
            }
            history.removeLast()
            let previous = history[history.count - 1]
            let target = try readVersion(name: name, version: previous)
            if let problem = target.problem {
                throw TrackingError("cannot roll back \(name)@\(alias) to version \(previous): \(problem)")
            }
            try write(Data(history.map(String.init).joined(separator: ",").utf8),
                      to: modelsDirectory + "/" + name + "/tags/" + Self.aliasHistoryTagPrefix + alias, makeFolder: true)
            try write(Data(String(previous).utf8), to: modelsDirectory + "/" + name + "/aliases/" + alias, makeFolder: true)
            try touch(name: name, at: MLflowFileStore.nowMilliseconds)
            return (current, previous)
        }
    }

    // MARK: Reading

    /// The registered models' names, sorted.
    ///
    /// - Throws: ``TrackingError`` when the models folder exists but cannot be listed.
    public func modelNames() throws(TrackingError) -> [String] {
        guard FileManager.default.fileExists(atPath: modelsDirectory) else { return [] }
        return try MLflowFileStore.subfolders(of: modelsDirectory).filter {
            !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: modelsDirectory + "/" + $0 + "/meta.yaml")
        }.sorted()
    }

    /// Every version of `name`, oldest first, each with its problem if unusable
    /// (deleted, missing or corrupt model file).
    ///
    /// - Throws: ``TrackingError`` when there is no such registered model.
    public func versions(name: String) throws(TrackingError) -> [RegisteredModelVersion] {
        try Self.validateName(name)
        let directory = try modelDirectory(name)
        return try versionNumbers(modelDirectory: directory).sorted().map { v throws(TrackingError) in try readVersion(name: name, version: v) }
    }

    /// The aliases of `name` and the versions they point to.
    public func aliases(name: String) throws(TrackingError) -> [String: Int] {
        let directory = try modelDirectory(name) + "/aliases"
        var result = [String: Int]()
        for (alias, text) in MLflowFileStore.files(in: directory) {
            if let version = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) { result[alias] = version }
        }
        return result
    }

    /// The versions `alias` has pointed to, oldest first (from its history tag).
    public func aliasHistory(name: String, alias: String) -> [Int] {
        let path = modelsDirectory + "/" + name + "/tags/" + Self.aliasHistoryTagPrefix + alias
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The registered model's tags.
    public func tags(name: String) throws(TrackingError) -> [String: String] {
        MLflowFileStore.files(in: try modelDirectory(name) + "/tags")
    }

    /// The usable version a URI names.
    ///
    /// - Throws: ``TrackingError`` when the model, version or alias does not
    ///   exist, or the version is deleted or corrupt.
    public func version(_ uri: ModelURI) throws(TrackingError) -> RegisteredModelVersion {
        try Self.validateName(uri.name)
        let number: Int
        switch uri {
        case let .version(_, version):
            number = version
        case let .alias(name, alias):
            guard let target = try aliases(name: name)[alias] else {
                let known = ((try? aliases(name: name)) ?? [:]).keys.sorted()
                throw TrackingError("\(uri.description): \(name) has no alias '\(alias)' (aliases: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
            }
            number = target
        }
        let found = try readVersion(name: uri.name, version: number)
        if let problem = found.problem {
            throw TrackingError("\(uri.description): version \(number) of \(uri.name) \(problem)")
        }
        return found
    }

    /// Resolves `models:/NAME/VERSION` or `models:/NAME@ALIAS` to the file URL
    /// of the registered model file: what every `--model` option and the
    /// server's reload follow.
    ///
    /// - Throws: ``TrackingError`` when `uri` is not a registry URI, or names a
    ///   model, version or alias that does not exist or cannot be used.
    public func resolve(_ uri: String) throws(TrackingError) -> URL {
        guard let parsed = try ModelURI.parse(uri) else {
            throw TrackingError("'\(uri)' is not a registry URI (models:/NAME/VERSION or models:/NAME@ALIAS)")
        }
        return URL(fileURLWithPath: try version(parsed).modelPath)
    }

    /// Reads version `version` of `name`; its `problem` says why it cannot be
    /// used (it is returned, not thrown, so listings show it).
    ///
    /// - Throws: ``TrackingError`` when the registered model does not exist or
    ///   the version has no folder.
    public func readVersion(name: String, version: Int) throws(TrackingError) -> RegisteredModelVersion {
        let directory = try modelDirectory(name) + "/version-\(version)"
        guard FileManager.default.fileExists(atPath: directory) else {
            let existing = ((try? versionNumbers(modelDirectory: modelsDirectory + "/" + name)) ?? []).sorted()
            throw TrackingError("\(name) has no version \(version) (versions: \(existing.isEmpty ? "none" : existing.map(String.init).joined(separator: ", ")); deleted?)",
                                path: directory)
        }
        let artifacts = directory + "/" + Self.artifactFolderName
        guard let text = try? String(contentsOfFile: directory + "/meta.yaml", encoding: .utf8) else {
            return RegisteredModelVersion(name: name, version: version, creationTimestamp: 0, source: "", runID: nil, stage: "",
                                          aliases: [], tags: [:], artifactsDirectory: artifacts,
                                          problem: "is corrupt: \(directory)/meta.yaml is missing or unreadable")
        }
        let meta = MLflowYAML.read(text)
        func value(_ key: String) -> String? { meta[key] ?? nil }
        let tags = MLflowFileStore.files(in: directory + "/tags")
        let aliases = ((try? self.aliases(name: name)) ?? [:]).filter { $0.value == version }.keys.sorted()
        var problem: String?
        let stage = value("current_stage") ?? "None"
        if stage == Self.deletedStage {
            problem = "is deleted"
        } else if value("version").flatMap({ Int($0) }) != version || value("name") != name {
            problem = "is corrupt: \(directory)/meta.yaml names \(value("name") ?? "no model") version \(value("version") ?? "none")"
        } else if let data = try? Data(contentsOf: URL(fileURLWithPath: artifacts + "/" + Self.modelFileName)) {
            let checksum = data.withUnsafeBytes { ReferenceSampleFile.checksum($0) }
            if let expected = tags[Self.checksumTag], expected.trimmingCharacters(in: .whitespacesAndNewlines) != checksum {
                problem = "is corrupt: \(artifacts)/\(Self.modelFileName) has checksum \(checksum), registered as \(expected)"
            }
        } else {
            problem = "is corrupt: its model file \(artifacts)/\(Self.modelFileName) is missing"
        }
        return RegisteredModelVersion(
            name: name, version: version, creationTimestamp: value("creation_timestamp").flatMap { Int64($0) } ?? 0,
            source: value("source") ?? "", runID: value("run_id"), stage: stage, aliases: aliases, tags: tags,
            artifactsDirectory: artifacts, problem: problem)
    }

    // MARK: Names

    /// Checks a registered model's name as MLflow's file store does (and
    /// refuses `@`, which would make `models:/NAME@ALIAS` ambiguous).
    static func validateName(_ name: String) throws(TrackingError) {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains("%"), !name.contains("@"),
              !name.contains("\\"), !name.contains("\n"), name.count <= 256 else {
            throw TrackingError("invalid registered model name '\(name)': 1 to 256 characters, not starting with '.', without / \\ % @ or line breaks")
        }
    }

    /// Checks an alias as MLflow does: letters, digits, `_` and `-`; not
    /// `latest` nor `v` + digits (reserved for versions).
    static func validateAlias(_ alias: String) throws(TrackingError) {
        let allowed = alias.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        let reserved = alias.lowercased() == "latest"
            || (alias.lowercased().hasPrefix("v") && alias.count > 1 && alias.dropFirst().allSatisfy(\.isNumber))
        guard !alias.isEmpty, alias.count <= 255, allowed, !reserved else {
            throw TrackingError("invalid alias '\(alias)': letters, digits, _ and -, and not 'latest' or v<number> (reserved)")
        }
    }

    // MARK: Files

    private func modelDirectory(_ name: String) throws(TrackingError) -> String {
        let directory = modelsDirectory + "/" + name
        guard FileManager.default.fileExists(atPath: directory + "/meta.yaml") else {
            let known = (try? modelNames()) ?? []
            throw TrackingError("no registered model '\(name)' (registered: \(known.isEmpty ? "none" : known.joined(separator: ", ")))",
                                path: modelsDirectory)
        }
        return directory
    }

    private func versionNumbers(modelDirectory: String) throws(TrackingError) -> [Int] {
        try MLflowFileStore.subfolders(of: modelDirectory).compactMap { folder in
            folder.hasPrefix("version-") ? Int(folder.dropFirst("version-".count)) : nil
        }
    }

    private func writeModelMeta(name: String, created: Int64, updated: Int64) throws(TrackingError) {
        try write(Data(MLflowYAML.write([
            ("creation_timestamp", .integer(created)),
            ("description", .null),
            ("last_updated_timestamp", .integer(updated)),
            ("name", .string(name)),
        ]).utf8), to: modelsDirectory + "/" + name + "/meta.yaml")
    }

    /// Sets the registered model's last-updated time, as MLflow does on every change.
    private func touch(name: String, at time: Int64) throws(TrackingError) {
        let path = modelsDirectory + "/" + name + "/meta.yaml"
        let meta = MLflowYAML.read((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        let created = (meta["creation_timestamp"] ?? nil).flatMap { Int64($0) } ?? time
        try writeModelMeta(name: name, created: created, updated: time)
    }

    private func createDirectory(_ path: String) throws(TrackingError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TrackingError("cannot create the folder: \(ModelFile.reason(error))", path: path)
        }
    }

    /// Writes atomically (temporary file, then rename).
    private func write(_ data: Data, to path: String, makeFolder: Bool = false) throws(TrackingError) {
        if makeFolder { try createDirectory((path as NSString).deletingLastPathComponent) }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TrackingError("cannot write: \(ModelFile.reason(error))", path: path)
        }
    }
}
