/// One version of a registered model, as read from its `version-N/meta.yaml`
/// and tags in MLflow's file-store registry layout.
public struct RegisteredModelVersion: Sendable, Equatable {
    /// The registered model's name.
    public var name: String
    /// The version number (1, 2, …).
    public var version: Int
    /// When it was registered (milliseconds since 1970).
    public var creationTimestamp: Int64
    /// Where the model came from (a `runs:/ID/…` URI or the registered file's `file://` URI).
    public var source: String
    /// The tracked run it came from, if any.
    public var runID: String?
    /// MLflow's stage (`None`, or `Deleted_Internal` for a deleted version).
    public var stage: String
    /// The aliases pointing to it.
    public var aliases: [String]
    /// Its tags (file name → contents).
    public var tags: [String: String]
    /// The folder holding its artifacts (model file, card, ONNX, MLmodel).
    public var artifactsDirectory: String
    /// Why it cannot be used (deleted, missing model file, checksum mismatch),
    /// or nil when it can.
    public var problem: String?

    /// The model file's path.
    public var modelPath: String { artifactsDirectory + "/" + ModelRegistry.modelFileName }
}
