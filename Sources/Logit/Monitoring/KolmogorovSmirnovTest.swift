import Foundation

/// The two-sample Kolmogorov–Smirnov test (two-sided), as SciPy's
/// `ks_2samp(method='auto')` computes it: the statistic D = sup |F₁ − F₂| of
/// the empirical CDFs, and its p-value from the exact null distribution when
/// both samples have at most 10000 values (Hodges' lattice-path count in
/// Viehmann's stable 1 − p form; the equal-size case by the reflection
/// formula), or from the one-sample Kolmogorov distribution with
/// n = round(n₁n₂/(n₁+n₂)) otherwise (``KolmogorovDistribution``).
public enum KolmogorovSmirnovTest {
    /// The largest sample size for which the exact distribution is used.
    public static let maxExactSize = 10000

    /// The statistic and p-value.
    public struct Result: Sendable, Equatable {
        /// D, in [0, 1].
        public var statistic: Double
        /// The two-sided p-value.
        public var pValue: Double
        /// Whether the exact distribution gave the p-value.
        public var exact: Bool
    }

    /// Tests two ascending, non-empty samples.
    ///
    /// - Complexity: O(n₁ + n₂) for D; the exact p-value costs O(max(n₁, n₂)·w)
    ///   for a band of width w ≈ D·min(n₁, n₂).
    public static func test(sortedReference a: [Double], sortedCurrent b: [Double]) -> Result {
        let n1 = a.count, n2 = b.count
        precondition(n1 > 0 && n2 > 0, "KS needs non-empty samples")
        var i = 0, j = 0
        var maxDiff = -Double.infinity, minDiff = Double.infinity
        let inv1 = Double(n1), inv2 = Double(n2)
        while i < n1 || j < n2 {
            let v = j >= n2 ? a[i] : (i >= n1 ? b[j] : Swift.min(a[i], b[j]))
            while i < n1 && a[i] <= v { i += 1 }
            while j < n2 && b[j] <= v { j += 1 }
            let diff = Double(i) / inv1 - Double(j) / inv2
            if diff > maxDiff { maxDiff = diff }
            if diff < minDiff { minDiff = diff }
        }
        let minS = Swift.min(Swift.max(-minDiff, 0), 1)
        var d = minS > maxDiff ? minS : maxDiff
        let g = gcd(n1, n2)
        if Swift.max(n1, n2) <= maxExactSize {
            let lcm = (n1 / g) * n2
            let h = Int((d * Double(lcm)).rounded(.toNearestOrEven))
            d = Double(h) / Double(lcm)
            if h == 0 { return Result(statistic: d, pValue: 1, exact: true) }
            let p = n1 == n2 ? probabilityOutsideSquare(n: n1, h: h) : outerProbabilityInside(m: n1, n: n2, g: g, h: h)
            if p.isFinite && p >= 0 && p <= 1 { return Result(statistic: d, pValue: p, exact: true) }
        }
        let m = Double(Swift.max(n1, n2)), n = Double(Swift.min(n1, n2))
        let en = (m * n / (m + n)).rounded(.toNearestOrEven)
        let p = KolmogorovDistribution.survival(n: Int(en), x: d)
        return Result(statistic: d, pValue: Swift.min(Swift.max(p, 0), 1), exact: false)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// P(D ≥ h/n) for two samples of n: 2·Σₖ (−1)^(k−1)·C(2n, n−kh)/C(2n, n),
    /// summed from the largest k as a product recursion (no large binomials).
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var term = 1.0
            for j in 0..<h {
                term = Double(n - k * h - j) * term / Double(n + k * h + j + 1)
            }
            p = term * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// The share of lattice paths from (0, 0) to (m, n) that leave the band
    /// |x/m − y/n| < h/lcm(m, n): one column of the path-count table at a
    /// time, over the band only, each entry holding the share of paths to it
    /// that have left (1 outside the band), so no count ever overflows.
    static func outerProbabilityInside(m mIn: Int, n nIn: Int, g: Int, h: Int) -> Double {
        let m = Swift.max(mIn, nIn), n = Swift.min(mIn, nIn)
        let mg = m / g, ng = n / g
        var minj = 0
        var maxj = Swift.min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var currentLength = maxj - minj
        let length = Swift.min(2 * maxj + 2, n + 1)
        var column = [Double](repeating: 1, count: length)
        for k in minj..<maxj { column[k] = 0 }
        for i in 1...m {
            let lastMin = minj, lastLength = currentLength
            minj = Swift.min(Swift.max(Int((Double(ng * i - h) / Double(mg)).rounded(.down)) + 1, 0), n)
            maxj = Swift.min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxj <= minj { return 1 }
            var value = minj == 0 ? 0.0 : 1.0
            for jj in 0..<(maxj - minj) {
                let j = jj + minj
                value = (column[jj + minj - lastMin] * Double(i) + value * Double(j)) / Double(i + j)
                column[jj] = value
            }
            currentLength = maxj - minj
            if lastLength > currentLength {
                for k in (maxj - minj)..<Swift.min(maxj - minj + lastLength - currentLength, length) { column[k] = 1 }
            }
        }
        return column[maxj - minj - 1]
    }
}
