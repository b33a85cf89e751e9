/// A run read back from an MLflow file store: its identity, times, status,
/// parameters, latest metric values and tags, and where its artifacts are.
public struct MLflowRunRecord: Sendable, Equatable {
    /// The run id (32 hexadecimal digits for runs MLflow or logit made).
    public var id: String
    /// The experiment's id.
    public var experimentID: String
    /// The experiment's name.
    public var experimentName: String
    /// The run name (`mlflow.runName`).
    public var name: String
    /// The status.
    public var status: MLflowRunStatus
    /// Start time, milliseconds since 1970.
    public var startTime: Int64
    /// End time, milliseconds since 1970, once finished.
    public var endTime: Int64?
    /// Parameters by key.
    public var params: [String: String]
    /// The latest value of each metric (highest step, then latest timestamp), as MLflow reports it.
    public var metrics: [String: Double]
    /// Tags by key.
    public var tags: [String: String]
    /// The run's folder.
    public var directory: String

    /// The run's `artifacts` folder.
    public var artifactsDirectory: String { directory + "/artifacts" }
}
