/// A statistical test or distance that decides whether a feature drifted,
/// named as in Evidently (`ks`, `wasserstein`, `chisquare`, `jensenshannon`,
/// `psi`, `z`).
public enum DriftMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Two-sample Kolmogorov–Smirnov p-value; drift when p ≤ threshold.
    case kolmogorovSmirnov = "ks"
    /// First Wasserstein distance divided by the reference's population
    /// standard deviation (at least 0.001); drift when ≥ threshold.
    case wasserstein = "wasserstein"
    /// Pearson's chi-squared test of the current counts against the
    /// reference's proportions; drift when p < threshold.
    case chiSquared = "chisquare"
    /// Jensen–Shannon distance (natural log) of the value or bin frequencies;
    /// drift when ≥ threshold.
    case jensenShannon = "jensenshannon"
    /// Population stability index over Sturges bins of the combined data (or
    /// the distinct values), zeros filled as Evidently does; drift when ≥ threshold.
    case populationStability = "psi"
    /// Two-proportion z-test for features with at most two values; drift when p < threshold.
    case proportionZ = "z"

    /// Evidently's default threshold: 0.05 for the tests (p-values), 0.1 for
    /// the distances and PSI.
    public var defaultThreshold: Double {
        switch self {
        case .kolmogorovSmirnov, .chiSquared, .proportionZ: 0.05
        case .wasserstein, .jensenShannon, .populationStability: 0.1
        }
    }

    /// Whether the score is a p-value (small means drift) rather than a distance.
    public var scoreIsPValue: Bool {
        switch self {
        case .kolmogorovSmirnov, .chiSquared, .proportionZ: true
        case .wasserstein, .jensenShannon, .populationStability: false
        }
    }

    /// Whether `score` means drift at `threshold`, with Evidently's comparison
    /// for each method (`≤` for KS, `<` for chi-squared and z, `≥` for the distances).
    public func isDrift(score: Double, threshold: Double) -> Bool {
        switch self {
        case .kolmogorovSmirnov: score <= threshold
        case .chiSquared, .proportionZ: score < threshold
        case .wasserstein, .jensenShannon, .populationStability: score >= threshold
        }
    }

    /// Evidently's default choice for a numerical feature: with a reference of
    /// at most 1000 rows, KS when the combined data has more than 5 distinct
    /// values, else chi-squared (3–5 values) or the z-test (≤ 2); with a larger
    /// reference, the normed Wasserstein distance above 5 distinct values and
    /// Jensen–Shannon otherwise.
    ///
    /// - Parameters:
    ///   - referenceRows: the reference's row count.
    ///   - distinctValues: distinct values in reference and current together.
    public static func evidentlyDefault(referenceRows: Int, distinctValues: Int) -> DriftMethod {
        if referenceRows <= 1000 {
            if distinctValues <= 5 { return distinctValues > 2 ? .chiSquared : .proportionZ }
            return .kolmogorovSmirnov
        }
        return distinctValues <= 5 ? .jensenShannon : .wasserstein
    }
}
