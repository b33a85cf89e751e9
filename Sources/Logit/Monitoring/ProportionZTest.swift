import Foundation

/// Evidently's `z` drift test for features with at most two values: the
/// two-proportion z-test of the share of rows not equal to the smallest value,
/// p = 2·(1 − Φ(|z|)) with the pooled proportion; 1 when both samples hold the
/// same single value.
public enum ProportionZTest {
    /// The two-sided p-value for two ascending, non-empty samples.
    public static func pValue(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        if a.first == a.last && b.first == b.last && a.first == b.first { return 1 }
        let key = Swift.min(a.first!, b.first!)
        let n1 = Double(a.count), n2 = Double(b.count)
        let p1 = Double(a.count - a.prefix(while: { $0 == key }).count) / n1
        let p2 = Double(b.count - b.prefix(while: { $0 == key }).count) / n2
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        let z = (p1 - p2) / (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        return 2 * (1 - normalCDF(abs(z)))
    }

    /// Φ(x), as Cephes' `ndtr`: ½ + ½·erf(x/√2) near 0, ½·erfc(−x/√2) beyond.
    static func normalCDF(_ x: Double) -> Double {
        let y = x * 0.5.squareRoot()
        if abs(y) < 0.5.squareRoot() { return 0.5 + 0.5 * erf(y) }
        return y > 0 ? 1 - 0.5 * erfc(y) : 0.5 * erfc(-y)
    }
}
