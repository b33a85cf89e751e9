import Foundation
import RealModule

/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a),
/// the chi-squared survival function's core: P(χ²ₖ ≥ s) = Q(k/2, s/2).
enum IncompleteGamma {
    /// Q(a, x) for a > 0, x ≥ 0: the power series of P = 1 − Q when x < a + 1,
    /// Legendre's continued fraction (modified Lentz) otherwise; both to
    /// relative precision about 1e-15.
    static func upperRegularized(a: Double, x: Double) -> Double {
        guard a > 0, x >= 0, !x.isNaN else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        let logPrefactor = a * log(x) - x - Double.logGamma(a)
        if x < a + 1 {
            var term = 1 / a, sum = term, ap = a
            for _ in 0..<10000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return 1 - sum * exp(logPrefactor)
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-17 { break }
        }
        return exp(logPrefactor) * h
    }
}
