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

    enum CodingKeys: String, CodingKey {
        case column, method, threshold, score
        case driftDetected = "drift_detected"
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
