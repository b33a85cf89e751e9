import Foundation
import RealModule

/// The survival function P(Dₙ ≥ x) of the one-sample two-sided Kolmogorov
/// statistic, following the case split of Simard and L'Ecuyer (2011) that
/// SciPy's `kstwo.sf` uses: Ruben–Gambino's closed forms at the ends, twice
/// the exact one-sided Smirnov tail (Birnbaum–Tingey sum) when n·x² is large
/// or x ≥ 0.5, 1 − the exact CDF by Marsaglia, Tsang and Wang's matrix power
/// (Durbin's matrix) for small n·x² (n ≤ 140) or n·x^1.5 ≤ 1.4, and 1 − the
/// Pelz–Good asymptotic CDF otherwise.
///
/// SciPy uses Pomeranz's recursion for n ≤ 140 and 0.754693 < n·x² ≤ 4; this
/// uses the Durbin matrix there too: both are exact, so they agree to rounding.
public enum KolmogorovDistribution {
    /// P(Dₙ ≥ x).
    public static func survival(n: Int, x: Double) -> Double {
        guard n > 0 else { return .nan }
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * x
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let logProb = Double.logGamma(nd + 1) - nd * log(nd) + nd * log(2 * t - 1)
            return 1 - exp(logProb)
        }
        if t >= nd - 1 { return 2 * pow(1 - x, nd) }
        if x >= 0.5 { return clip(2 * smirnov(n: n, x: x)) }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared > 4 { return clip(2 * smirnov(n: n, x: x)) }
            return clip(1 - durbinMatrixCDF(n: n, x: x))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * smirnov(n: n, x: x)) }
        if n <= 100_000 && nd * pow(x, 1.5) <= 1.4 { return clip(1 - durbinMatrixCDF(n: n, x: x)) }
        return clip(1 - pelzGoodCDF(n: n, x: x))
    }

    private static func clip(_ p: Double) -> Double { Swift.min(Swift.max(p, 0), 1) }

    /// The one-sided tail P(Dₙ⁺ ≥ x) by the Birnbaum–Tingey sum
    /// x·Σⱼ C(n, j)·(1 − x − j/n)^(n−j)·(x + j/n)^(j−1), j = 0…⌊n(1 − x)⌋,
    /// each term in logarithms (no overflow for large n).
    public static func smirnov(n: Int, x: Double) -> Double {
        if x >= 1 { return 0 }
        if x <= 0 { return 1 }
        let nd = Double(n)
        let last = Int((nd * (1 - x)).rounded(.down))
        let logFactN = Double.logGamma(nd + 1)
        var sum = 0.0
        for j in 0...last {
            let jd = Double(j)
            let a = 1 - x - jd / nd
            guard a > 0 || j == n else { continue }
            let b = x + jd / nd
            var logTerm = logFactN - Double.logGamma(jd + 1) - Double.logGamma(nd - jd + 1) + (jd - 1) * log(b)
            if n - j > 0 { logTerm += (nd - jd) * log(a) }
            sum += exp(logTerm)
        }
        return x * sum
    }

    /// Pelz and Good's (1976) asymptotic expansion of P(Dₙ ≤ x) in powers of
    /// 1/√n, four terms (as in SciPy's `_kolmogn_PelzGood`).
    static func pelzGoodCDF(n: Int, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let sqrt2pi = (2 * Double.pi).squareRoot()
        let z = Double(n).squareRoot() * x
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * pow(z, 8)
        var k0 = 0.0, k1 = 0.0, k2 = 0.0, k3 = 0.0
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let m = Double(2 * k - 1)
                let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
                let qPower = pow(q, Double(8 * k))
                k0 = k0 * qPower + 1
                k1 = k1 * qPower + (k1a + k1b * m2)
                k2 = k2 * qPower + (k2a + k2b * m2 + k2c * m4)
                k3 = k3 * qPower + (k3a + k3b * m2 + k3c * m4 + k3d * m6)
            }
        }
        k0 = k0 * q * sqrt2pi / z
        k1 = k1 * q * sqrt2pi / (6 * z4)
        k2 = k2 * q * sqrt2pi / (72 * pow(z, 7))
        k3 = k3 * q * sqrt2pi / (6480 * pow(z, 10))
        q = exp(-pi2 / 2 / z2)
        var extra2 = 0.0, extra3 = 0.0
        let sqrt3z = 3.0.squareRoot() * z
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let kd = Double(k), k2d = kd * kd
                let qp = pow(q, k2d)
                extra2 += k2d * qp
                let kpi = Double.pi * kd
                extra3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2d * qp
            }
        }
        k2 += extra2 * pi2 * sqrt2pi / (-36 * z3)
        k3 += extra3 * pi2 * sqrt2pi / (216 * z6)
        let rn = Double(n).squareRoot()
        return k0 + k1 / rn + k2 / Double(n) + k3 / (Double(n) * rn)
    }

    /// P(Dₙ < x) exactly, by Marsaglia, Tsang and Wang (2003): with
    /// k = ⌈n·x⌉ and h = k − n·x, the (k, k) entry of Hⁿ for their
    /// (2k − 1)-square matrix H, times n!/nⁿ. Powers by repeated squaring,
    /// rescaled by 2¹²⁸ when large (the exponent kept apart).
    ///
    /// - Complexity: O(k³ log n).
    static func durbinMatrixCDF(n: Int, x: Double) -> Double {
        if x >= 1 { return 1 }
        let nd = Double(n) * x
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m), w = [Double](repeating: 0, count: m)
        var factor = 1.0
        for j in 1...m {
            w[j - 1] = factor
            factor /= Double(j)
            v[j - 1] = (1 - pow(h, Double(j))) * factor
        }
        let tt = pow(Swift.max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1 + tt) * factor
        var hMatrix = [Double](repeating: 0, count: m * m)
        for i in 1..<Swift.max(m, 1) {
            for r in (i - 1)..<m { hMatrix[r * m + i] = w[r - i + 1] }
        }
        for r in 0..<m { hMatrix[r * m] = v[r] }
        for c in 0..<m { hMatrix[(m - 1) * m + c] = v[m - 1 - c] }
        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        let big = 0x1p128, small = 0x1p-128
        var exponent = 0, hExponent = 0
        var remaining = n
        var scratch = [Double](repeating: 0, count: m * m)
        func multiply(_ a: [Double], _ b: [Double], into c: inout [Double]) {
            for i in 0..<m {
                for j in 0..<m { c[i * m + j] = 0 }
                for l in 0..<m {
                    let ail = a[i * m + l]
                    if ail == 0 { continue }
                    for j in 0..<m { c[i * m + j] += ail * b[l * m + j] }
                }
            }
        }
        while remaining > 0 {
            if remaining % 2 == 1 {
                multiply(power, hMatrix, into: &scratch)
                swap(&power, &scratch)
                exponent += hExponent
            }
            multiply(hMatrix, hMatrix, into: &scratch)
            swap(&hMatrix, &scratch)
            hExponent *= 2
            if abs(hMatrix[(k - 1) * m + (k - 1)]) > big {
                for i in hMatrix.indices { hMatrix[i] /= big }
                hExponent += 128
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < small {
                p *= big
                exponent -= 128
            }
        }
        return exponent == 0 ? p : scalbn(p, exponent)
    }
}

