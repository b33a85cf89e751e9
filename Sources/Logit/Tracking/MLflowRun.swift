import Foundation

/// A run being recorded in an ``MLflowFileStore``: parameters, metrics
/// (single values or stepped histories), tags and artifacts, then
/// ``finish(status:)``.
///
/// Keys follow MLflow's rule: letters, digits, `_`, `-`, `.`, ` ` and `/`,
/// no `..` and not starting with `/`. Each write is a whole file, written
/// atomically.
public struct MLflowRun: Sendable {
    /// The run id (32 hexadecimal digits).
    public let id: String
    /// The run name (`mlflow.runName`).
    public let name: String
    /// The experiment's id.
    public let experimentID: String
    /// The run's folder.
    public let directory: String
    /// Start time, milliseconds since 1970.
    public let startTime: Int64

    init(id: String, name: String, experimentID: String, directory: String, startTime: Int64) {
        self.id = id
        self.name = name
        self.experimentID = experimentID
        self.directory = directory
        self.startTime = startTime
    }

    /// The run's `artifacts` folder.
    public var artifactsDirectory: String { directory + "/artifacts" }

    /// Records parameter `key` (a parameter is written once).
    ///
    /// - Throws: ``TrackingError`` for a key MLflow would refuse or a failed write.
    public func logParam(_ key: String, _ value: String) throws(TrackingError) {
        try store.write(value, to: try path("params", key))
    }

    /// Sets tag `key` (overwriting).
    ///
    /// - Throws: ``TrackingError`` for a key MLflow would refuse or a failed write.
    public func setTag(_ key: String, _ value: String) throws(TrackingError) {
        try store.write(value, to: try path("tags", key))
    }

    /// Appends values of metric `key` (a stepped history, or one value at step 0).
    ///
    /// - Throws: ``TrackingError`` for a key MLflow would refuse or a failed write.
    public func logMetric(_ key: String, _ points: [MLflowMetricPoint]) throws(TrackingError) {
        let file = try path("metrics", key)
        let text = points.map { $0.line + "\n" }.joined()
        do {
            if let handle = FileHandle(forWritingAtPath: file) {
                defer { try? handle.close() }
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            }
        } catch {
            throw TrackingError("cannot write: \(ModelFile.reason(error))", path: file)
        }
    }

    /// Logs `value` of metric `key` at `step`, now.
    public func logMetric(_ key: String, _ value: Double, step: Int = 0) throws(TrackingError) {
        try logMetric(key, [MLflowMetricPoint(timestamp: MLflowFileStore.nowMilliseconds, value: value, step: step)])
    }

    /// Writes `data` as artifact `name` (a path relative to `artifacts/`) and returns its path.
    ///
    /// - Throws: ``TrackingError`` for a failed write.
    @discardableResult
    public func logArtifact(_ data: Data, name: String) throws(TrackingError) -> String {
        let target = try path("artifacts", name)
        try store.createDirectory((target as NSString).deletingLastPathComponent)
        do {
            try data.write(to: URL(fileURLWithPath: target), options: .atomic)
        } catch {
            throw TrackingError("cannot write: \(ModelFile.reason(error))", path: target)
        }
        return target
    }

    /// Ends the run: records the status (finished by default) and the end time.
    ///
    /// - Throws: ``TrackingError`` for a failed write.
    public func finish(status: MLflowRunStatus = .finished) throws(TrackingError) {
        try writeMeta(status: status, endTime: MLflowFileStore.nowMilliseconds)
    }

    func writeMeta(status: MLflowRunStatus, endTime: Int64?) throws(TrackingError) {
        try store.write(MLflowYAML.write([
            ("artifact_uri", .string(MLflowFileStore.fileURI(artifactsDirectory))),
            ("end_time", endTime.map { .integer($0) } ?? .null),
            ("entry_point_name", .string("")),
            ("experiment_id", .string(experimentID)),
            ("lifecycle_stage", .string("active")),
            ("run_id", .string(id)),
            ("run_name", .string(name)),
            ("run_uuid", .string(id)),
            ("source_name", .string("")),
            ("source_type", .integer(4)),
            ("source_version", .string("")),
            ("start_time", .integer(startTime)),
            ("status", .integer(Int64(status.rawValue))),
            ("tags", .emptyList),
            ("user_id", .string(MLflowFileStore.userName)),
        ]), to: directory + "/meta.yaml")
    }

    private var store: MLflowFileStore {
        MLflowFileStore(root: ((directory as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent)
    }

    /// The file of `key` in `folder`, after checking the key.
    private func path(_ folder: String, _ key: String) throws(TrackingError) -> String {
        let allowed = key.unicodeScalars.allSatisfy {
            ($0.isASCII && (CharacterSet.alphanumerics.contains($0))) || "_-. /".unicodeScalars.contains($0)
        }
        guard !key.isEmpty, allowed, !key.hasPrefix("/"), !key.split(separator: "/").contains(".."),
              !key.split(separator: "/", omittingEmptySubsequences: false).contains("") else {
            throw TrackingError("invalid \(folder.dropLast(folder == "artifacts" ? 0 : 1)) name '\(key)': use letters, digits, '_', '-', '.', ' ' and '/'",
                                path: directory)
        }
        let target = directory + "/" + folder + "/" + key
        if key.contains("/") && folder != "artifacts" {
            try store.createDirectory((target as NSString).deletingLastPathComponent)
        }
        return target
    }
}
