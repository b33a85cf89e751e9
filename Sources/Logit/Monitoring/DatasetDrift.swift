/// Whether the data set as a whole drifted: Evidently's rule, the share of
/// drifted features ≥ the drift share.
public struct DatasetDrift: Sendable, Equatable, Codable {
    /// share_drifted ≥ drift_share.
    public var driftDetected: Bool
    /// Drifted features / features.
    public var shareDrifted: Double
    /// The share that counts as drift (default 0.5).
    public var driftShare: Double
    /// How many features drifted.
    public var driftedFeatures: Int
    /// How many features were tested.
    public var features: Int

    enum CodingKeys: String, CodingKey {
        case driftDetected = "drift_detected", shareDrifted = "share_drifted", driftShare = "drift_share"
        case driftedFeatures = "drifted_features", features
    }

    /// The verdict over `results`.
    public init(_ results: [FeatureDrift], driftShare: Double) {
        features = results.count
        driftedFeatures = results.filter(\.driftDetected).count
        shareDrifted = features == 0 ? 0 : Double(driftedFeatures) / Double(features)
        self.driftShare = driftShare
        driftDetected = features > 0 && shareDrifted >= driftShare
    }
}
