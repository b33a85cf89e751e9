import Foundation

/// Evidently's `psi` drift score: Σ (rᵢ − cᵢ)·ln(rᵢ/cᵢ) over the reference and
/// current shares of each Sturges bin of the combined data (or each distinct
/// value), zero shares filled (``BinnedFrequencies``). Usual reading: < 0.1 no
/// significant change, 0.1–0.25 moderate, ≥ 0.25 significant.
public enum PopulationStabilityIndex {
    /// The band a PSI value falls in.
    public enum Band: String, Sendable, Codable {
        /// PSI < 0.1.
        case stable
        /// 0.1 ≤ PSI < 0.25.
        case moderate
        /// PSI ≥ 0.25.
        case significant

        /// The band of `psi`.
        public init(_ psi: Double) {
            self = psi < 0.1 ? .stable : (psi < 0.25 ? .moderate : .significant)
        }
    }

    /// The PSI of two ascending, non-empty samples.
    public static func score(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        let (r, c) = BinnedFrequencies.shares(sortedReference: a, sortedCurrent: b, fillZeros: true)
        var total = 0.0
        for (ri, ci) in zip(r, c) { total += (ri - ci) * log(ri / ci) }
        return total
    }
}
