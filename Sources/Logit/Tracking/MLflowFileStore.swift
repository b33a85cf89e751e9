import Foundation

/// Records runs in MLflow's file-store layout and reads them back, so that
/// MLflow's own client (`mlflow.MlflowClient("file:///…/mlruns")`, with
/// `MLFLOW_ALLOW_FILE_STORE=true` in recent versions) lists and reads them:
///
///     mlruns/
///       .trash/
///       0/                          experiment "Default"
///         meta.yaml                 artifact_location, experiment_id, name, …
///         <run id>/
///           meta.yaml               run_id, run_name, status, start/end time, …
///           params/<key>            the value
///           metrics/<key>           lines "timestamp value step"
///           tags/<key>              the value (mlflow.runName, …)
///           artifacts/              files, e.g. model.json
///
/// The store is plain files: writers create folders and write whole files,
/// so concurrent runs in one store do not interfere.
public struct MLflowFileStore: Sendable {
    /// The experiment every store has: id `0`, name `Default`.
    public static let defaultExperimentName = "Default"
    /// Folders inside an experiment that are not runs.
    static let reservedExperimentFolders: Set<String> = ["tags", "datasets", "traces", "models"]

    /// The store's root folder (absolute).
    public let root: String

    /// A store rooted at `root` (relative paths are taken from the current directory).
    public init(root: String) {
        let url = URL(fileURLWithPath: root).standardizedFileURL
        var path = url.path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.root = path
    }

    // MARK: Writing

    /// The id of the experiment named `name`, creating it (and the store) if
    /// needed: `Default` is id `0`, others get a fresh integer id as MLflow does.
    ///
    /// - Throws: ``TrackingError`` when the folders cannot be created.
    public func experimentID(named name: String = MLflowFileStore.defaultExperimentName) throws(TrackingError) -> String {
        try ensureRoot()
        for experiment in try experiments() where experiment.name == name { return experiment.id }
        var id = "0"
        if name != Self.defaultExperimentName || FileManager.default.fileExists(atPath: root + "/0") {
            repeat {
                id = String(UInt64.random(in: 100_000_000_000_000_000..<1_000_000_000_000_000_000))
            } while FileManager.default.fileExists(atPath: root + "/" + id)
        }
        let folder = root + "/" + id
        try createDirectory(folder)
        let now = Self.nowMilliseconds
        try write(MLflowYAML.write([
            ("artifact_location", .string(Self.fileURI(folder))),
            ("creation_time", .integer(now)),
            ("experiment_id", .string(id)),
            ("last_update_time", .integer(now)),
            ("lifecycle_stage", .string("active")),
            ("name", .string(name)),
        ]), to: folder + "/meta.yaml")
        return id
    }

    /// Starts a run in the experiment named `experiment` (created if needed),
    /// with status `RUNNING`; its `mlflow.runName`, `mlflow.user` and
    /// `mlflow.source.*` tags are set.
    ///
    /// - Parameters:
    ///   - experiment: the experiment's name.
    ///   - name: the run name (default: `logit-` and the run id's first 8 digits).
    /// - Throws: ``TrackingError`` when the folders cannot be created.
    public func startRun(experiment: String = MLflowFileStore.defaultExperimentName,
                         name: String? = nil) throws(TrackingError) -> MLflowRun {
        let experimentID = try experimentID(named: experiment)
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let runName = name ?? "logit-" + id.prefix(8)
        let run = MLflowRun(id: id, name: runName, experimentID: experimentID,
                            directory: root + "/" + experimentID + "/" + id, startTime: Self.nowMilliseconds)
        for folder in ["", "/params", "/metrics", "/tags", "/artifacts"] { try createDirectory(run.directory + folder) }
        try run.writeMeta(status: .running, endTime: nil)
        try run.setTag("mlflow.runName", runName)
        try run.setTag("mlflow.user", Self.userName)
        try run.setTag("mlflow.source.type", "LOCAL")
        try run.setTag("mlflow.source.name", "logit")
        return run
    }

    // MARK: Reading

    /// An experiment in the store.
    public struct Experiment: Sendable, Equatable {
        /// Its id (the folder name).
        public var id: String
        /// Its name.
        public var name: String
        /// Its folder.
        public var directory: String
    }

    /// The active experiments (a store that does not exist has none).
    ///
    /// - Throws: ``TrackingError`` when the root exists but is not a readable folder.
    public func experiments() throws(TrackingError) -> [Experiment] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw TrackingError("not a folder (expected an MLflow tracking store)", path: root) }
        return try Self.subfolders(of: root).compactMap { id -> Experiment? in
            guard !id.hasPrefix("."), id != "models",
                  let meta = try? String(contentsOfFile: root + "/" + id + "/meta.yaml", encoding: .utf8) else { return nil }
            let values = MLflowYAML.read(meta)
            guard (values["lifecycle_stage"] ?? "active") != "deleted" else { return nil }
            return Experiment(id: id, name: (values["name"] ?? nil) ?? id, directory: root + "/" + id)
        }.sorted { $0.id < $1.id }
    }

    /// Every active run of every active experiment, newest first (by start
    /// time, then id).
    ///
    /// - Throws: ``TrackingError`` when the root exists but is not a readable folder.
    public func runs() throws(TrackingError) -> [MLflowRunRecord] {
        var records = [MLflowRunRecord]()
        for experiment in try experiments() {
            for id in try Self.subfolders(of: experiment.directory) where !Self.reservedExperimentFolders.contains(id) {
                if let record = try? readRun(directory: experiment.directory + "/" + id, experiment: experiment),
                   record.id == id {
                    records.append(record)
                }
            }
        }
        return records.sorted { $0.startTime != $1.startTime ? $0.startTime > $1.startTime : $0.id > $1.id }
    }

    /// The run with id `id` (or the one run whose id starts with `id`, at
    /// least 6 digits long).
    ///
    /// - Throws: ``TrackingError`` when there is no such run or the prefix is ambiguous.
    public func run(id: String) throws(TrackingError) -> MLflowRunRecord {
        let all = try runs()
        if let exact = all.first(where: { $0.id == id }) { return exact }
        let matches = id.count >= 6 ? all.filter { $0.id.hasPrefix(id) } : []
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 {
            throw TrackingError("run id prefix '\(id)' matches \(matches.count) runs: \(matches.map(\.id).joined(separator: ", "))",
                                path: root)
        }
        throw TrackingError("no run with id '\(id)' (\(all.count) run\(all.count == 1 ? "" : "s") recorded; `logit runs` lists them)",
                            path: root)
    }

    /// Every value logged for metric `key` of run `id`, in file order.
    ///
    /// - Throws: ``TrackingError`` when the run or the metric does not exist or a line is malformed.
    public func metricHistory(runID id: String, key: String) throws(TrackingError) -> [MLflowMetricPoint] {
        let record = try run(id: id)
        let path = record.directory + "/metrics/" + key
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw TrackingError("run \(record.id) has no metric '\(key)'", path: path)
        }
        var points = [MLflowMetricPoint]()
        for (number, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
            guard let point = MLflowMetricPoint(line: line) else {
                throw TrackingError("line \(number + 1) is not 'timestamp value step': '\(line)'", path: path)
            }
            points.append(point)
        }
        return points
    }

    func readRun(directory: String, experiment: Experiment) throws -> MLflowRunRecord? {
        let meta = MLflowYAML.read(try String(contentsOfFile: directory + "/meta.yaml", encoding: .utf8))
        func value(_ key: String) -> String? { meta[key] ?? nil }
        guard let id = value("run_id") ?? value("run_uuid"), (value("lifecycle_stage") ?? "active") != "deleted" else {
            return nil
        }
        let tags = Self.files(in: directory + "/tags")
        var metrics = [String: Double]()
        for (key, text) in Self.files(in: directory + "/metrics") {
            let points = text.split(separator: "\n").compactMap { MLflowMetricPoint(line: $0) }
            if let latest = points.max(by: { ($0.step, $0.timestamp) < ($1.step, $1.timestamp) }) { metrics[key] = latest.value }
        }
        return MLflowRunRecord(
            id: id, experimentID: experiment.id, experimentName: experiment.name,
            name: value("run_name") ?? tags["mlflow.runName"] ?? "",
            status: value("status").flatMap { Int($0) }.flatMap(MLflowRunStatus.init(rawValue:)) ?? .running,
            startTime: value("start_time").flatMap { Int64($0) } ?? 0,
            endTime: value("end_time").flatMap { Int64($0) },
            params: Self.files(in: directory + "/params"), metrics: metrics, tags: tags, directory: directory)
    }

    // MARK: Files

    /// The contents of every file under `folder` (recursively: keys may hold
    /// `/`), keyed by relative path.
    static func files(in folder: String) -> [String: String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [:] }
        var result = [String: String]()
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               let text = try? String(contentsOfFile: path, encoding: .utf8) {
                result[relative] = text
            }
        }
        return result
    }

    /// The names of the folders directly inside `folder` (the run store's and
    /// the model registry's listing).
    static func subfolders(of folder: String) throws(TrackingError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw TrackingError("cannot list the folder: \(ModelFile.reason(error))", path: folder)
        }
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    private func ensureRoot() throws(TrackingError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw TrackingError("not a folder (expected an MLflow tracking store)", path: root)
        }
        try createDirectory(root)
        try createDirectory(root + "/.trash")
    }

    func createDirectory(_ path: String) throws(TrackingError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TrackingError("cannot create the folder: \(ModelFile.reason(error))", path: path)
        }
    }

    func write(_ text: String, to path: String) throws(TrackingError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw TrackingError("cannot write: \(ModelFile.reason(error))", path: path)
        }
    }

    /// The user recorded with a run: `USER`, else the account name.
    static var userName: String {
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return NSUserName()
    }

    /// `file://` and the absolute, percent-encoded path.
    static func fileURI(_ path: String) -> String { URL(fileURLWithPath: path, isDirectory: false).absoluteString }

    /// The current time in milliseconds since 1970, as MLflow stores times.
    public static var nowMilliseconds: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
