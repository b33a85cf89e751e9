/// The status of a run, with MLflow's integer codes as stored in `meta.yaml`.
public enum MLflowRunStatus: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Still being recorded.
    case running = 1
    /// Scheduled, not started.
    case scheduled = 2
    /// Finished normally.
    case finished = 3
    /// Failed.
    case failed = 4
    /// Killed.
    case killed = 5

    /// MLflow's name: `RUNNING`, `SCHEDULED`, `FINISHED`, `FAILED` or `KILLED`.
    public var description: String {
        switch self {
        case .running: "RUNNING"
        case .scheduled: "SCHEDULED"
        case .finished: "FINISHED"
        case .failed: "FAILED"
        case .killed: "KILLED"
        }
    }
}
