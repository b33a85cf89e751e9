import Foundation

/// Evidently's `jensenshannon` drift score: SciPy's Jensen–Shannon distance
/// (natural logarithm) √((KL(p‖m) + KL(q‖m))/2), m = (p + q)/2, between the
/// reference's and the current sample's value or bin shares (``BinnedFrequencies``,
/// no zero fill).
public enum JensenShannonDistance {
    /// The distance for two ascending, non-empty samples, in [0, √ln 2].
    public static func score(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        let (p0, q0) = BinnedFrequencies.shares(sortedReference: a, sortedCurrent: b, fillZeros: false)
        return distance(p0, q0)
    }

    /// The distance between two frequency vectors (each normalized to sum 1 first).
    public static func distance(_ p0: [Double], _ q0: [Double]) -> Double {
        let sp = p0.reduce(0, +), sq = q0.reduce(0, +)
        var left = 0.0, right = 0.0
        for (pi, qi) in zip(p0, q0) {
            let p = pi / sp, q = qi / sq
            let m = (p + q) / 2
            if p > 0 { left += p * log(p / m) }
            if q > 0 { right += q * log(q / m) }
        }
        return ((left + right) / 2).squareRoot()
    }
}
