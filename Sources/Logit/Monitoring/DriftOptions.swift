/// Per-run choices of a drift report: the method and threshold of each feature
/// (Evidently's defaults unless overridden) and the share of drifted features
/// that makes the data set drifted.
public struct DriftOptions: Sendable, Equatable {
    /// One method for every feature, instead of Evidently's choice per feature.
    public var method: DriftMethod?
    /// Methods for named features (takes precedence over ``method``).
    public var featureMethods: [String: DriftMethod]
    /// One threshold for every feature, instead of each method's default.
    public var threshold: Double?
    /// Thresholds for named features (takes precedence over ``threshold``).
    public var featureThresholds: [String: Double]
    /// The data set drifts when at least this share of features drift (default 0.5).
    public var driftShare: Double
    /// The method for the predicted-probability drift (nil: Evidently's choice).
    public var predictionMethod: DriftMethod?

    /// Options; the defaults reproduce Evidently's `DataDriftPreset`.
    public init(method: DriftMethod? = nil, featureMethods: [String: DriftMethod] = [:], threshold: Double? = nil,
                featureThresholds: [String: Double] = [:], driftShare: Double = 0.5,
                predictionMethod: DriftMethod? = nil) {
        self.method = method
        self.featureMethods = featureMethods
        self.threshold = threshold
        self.featureThresholds = featureThresholds
        self.driftShare = driftShare
        self.predictionMethod = predictionMethod
    }
}
