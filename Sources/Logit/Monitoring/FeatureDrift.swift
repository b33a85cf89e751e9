/// The drift result of one column, in Evidently's result shape
/// (`column`, `method`, `threshold`, `score`, `drift_detected`).
public struct FeatureDrift: Sendable, Equatable, Codable {
    /// The column (feature name, or `prediction` for the predicted probability).
    public var column: String
    /// The method used.
    public var method: DriftMethod
    /// The threshold the score was compared with.
    public var threshold: Double
    /// The p-value or distance.
    public var score: Double
    /// Whether the column drifted.
    public var driftDetected: Bool
    /// For PSI, the usual reading of the score (< 0.1 stable, 0.1–0.25
    /// moderate, ≥ 0.25 significant); nil for the other methods.
    public var band: PopulationStabilityIndex.Band? {
        method == .populationStability ? PopulationStabilityIndex.Band(score) : nil
    }

    enum CodingKeys: String, CodingKey {
        case column, method, threshold, score, band
        case driftDetected = "drift_detected"
    }

    /// Decodes a result (the band is derived, not read).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(column: c.decode(String.self, forKey: .column), method: c.decode(DriftMethod.self, forKey: .method),
                      threshold: c.decode(Double.self, forKey: .threshold), score: c.decode(Double.self, forKey: .score),
                      driftDetected: c.decode(Bool.self, forKey: .driftDetected))
    }

    /// Encodes Evidently's fields, and `band` for PSI.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(column, forKey: .column)
        try c.encode(method, forKey: .method)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(score, forKey: .score)
        try c.encode(driftDetected, forKey: .driftDetected)
        try c.encodeIfPresent(band, forKey: .band)
    }

    /// A column's result.
    public init(column: String, method: DriftMethod, threshold: Double, score: Double, driftDetected: Bool) {
        self.column = column
        self.method = method
        self.threshold = threshold
        self.score = score
        self.driftDetected = driftDetected
    }

    /// Tests one column: `reference` and `current` must be ascending and non-empty.
    ///
    /// - Parameters:
    ///   - method: the method, or nil for Evidently's default for these samples.
    ///   - threshold: the threshold, or nil for the method's default.
    /// - Complexity: O(n + m) beyond the sorting the caller did (KS exact: see
    ///   ``KolmogorovSmirnovTest``).
    public init(column: String, sortedReference reference: [Double], sortedCurrent current: [Double],
                method: DriftMethod? = nil, threshold: Double? = nil) {
        let chosen = method ?? DriftMethod.evidentlyDefault(
            referenceRows: reference.count, distinctValues: SortedSample.distinctCount(reference, current))
        let score: Double = switch chosen {
        case .kolmogorovSmirnov: KolmogorovSmirnovTest.test(sortedReference: reference, sortedCurrent: current).pValue
        case .wasserstein: WassersteinDistance.normedScore(sortedReference: reference, sortedCurrent: current)
        case .chiSquared: ChiSquaredTest.pValue(sortedReference: reference, sortedCurrent: current)
        case .jensenShannon: JensenShannonDistance.score(sortedReference: reference, sortedCurrent: current)
        case .populationStability: PopulationStabilityIndex.score(sortedReference: reference, sortedCurrent: current)
        case .proportionZ: ProportionZTest.pValue(sortedReference: reference, sortedCurrent: current)
        }
        let t = threshold ?? chosen.defaultThreshold
        self.init(column: column, method: chosen, threshold: t, score: score,
                  driftDetected: chosen.isDrift(score: score, threshold: t))
    }
}
