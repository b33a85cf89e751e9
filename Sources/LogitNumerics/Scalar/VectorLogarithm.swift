/// log(1 + x) for x in [0, 1], eight or sixteen lanes at a time: the loss of
/// the training link needs log(1 + e^−|z|) for every score of a block, and a
/// libm `log1p` per row was the largest single cost of a small L-BFGS fit.
///
/// With u = 1 + x (rounded) and u = m·2^k, m in (√½, √2]: log m = 2·atanh(s),
/// s = (m − 1)/(m + 1), |s| ≤ 0.172, by its odd series (terms to s²³ for
/// `Double`, s¹¹ for `Float`: truncation below 1e-18 and 1e-10 relative);
/// log u = k·ln 2 + log m with ln 2 split in two (Cody–Waite); then the
/// rounding of 1 + x is put back: log(1 + x) = log u − ((u − 1) − x)/u, where
/// u − 1 is exact. Within a few ulp of the correctly rounded result on [0, 1].
package enum VectorLogarithm {
    /// Replaces every x (in [0, 1]) in `values` by log(1 + x).
    ///
    /// - Precondition: every value is in [0, 1] or NaN.
    /// - Complexity: O(n), vectorized.
    // Exported specializations: called from Logit's specialized training
    // link, the generic entry point otherwise ran unspecialized there (a
    // metadata lookup per block, 2% of a Raisin fit).
    @inlinable
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    package static func log1pUnit<T: LogitScalar>(_ values: UnsafeMutableBufferPointer<T>) {
        if T.self == Double.self {
            let v = UnsafeMutableRawBufferPointer(values).bindMemory(to: Double.self)
            VectorMap.apply(v, log1p8)
        } else {
            let v = UnsafeMutableRawBufferPointer(values).bindMemory(to: Float.self)
            VectorMap.apply(v, log1p16)
        }
    }

    @inlinable
    static func log1p8(_ x: SIMD8<Double>) -> SIMD8<Double> {
        typealias V = SIMD8<Double>
        let u = 1 + x
        let high = u .> V(repeating: 1.4142135623730951)
        let m = u.replacing(with: u * 0.5, where: high)
        let k = V(repeating: 0).replacing(with: 1, where: high)
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var p = V(repeating: 1.0 / 23)
        p = p * s2 + V(repeating: 1.0 / 21)
        p = p * s2 + V(repeating: 1.0 / 19)
        p = p * s2 + V(repeating: 1.0 / 17)
        p = p * s2 + V(repeating: 1.0 / 15)
        p = p * s2 + V(repeating: 1.0 / 13)
        p = p * s2 + V(repeating: 1.0 / 11)
        p = p * s2 + V(repeating: 1.0 / 9)
        p = p * s2 + V(repeating: 1.0 / 7)
        p = p * s2 + V(repeating: 1.0 / 5)
        p = p * s2 + V(repeating: 1.0 / 3)
        // log m = 2s + 2s·s²·p, the leading term kept apart (it carries the precision).
        let logM = 2 * s + (2 * s) * (s2 * p)
        // ln 2 = 0x1.62e42fee00000p-1 + 0x1.a39ef35793c76p-33.
        let logU = (k * 0.6931471803691238 + logM) + k * 1.9082149292705877e-10
        return logU - ((u - 1) - x) / u
    }

    @inlinable
    static func log1p16(_ x: SIMD16<Float>) -> SIMD16<Float> {
        typealias V = SIMD16<Float>
        let u = 1 + x
        let high = u .> V(repeating: 1.41421356)
        let m = u.replacing(with: u * 0.5, where: high)
        let k = V(repeating: 0).replacing(with: 1, where: high)
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var p = V(repeating: 1.0 / 11)
        p = p * s2 + V(repeating: 1.0 / 9)
        p = p * s2 + V(repeating: 1.0 / 7)
        p = p * s2 + V(repeating: 1.0 / 5)
        p = p * s2 + V(repeating: 1.0 / 3)
        let logM = 2 * s + (2 * s) * (s2 * p)
        // ln 2 = 0x1.62e4p-1 + 0x1.7f7d1cp-20.
        let logU = (k * 0.693145751953125 + logM) + k * 1.428606765330187e-06
        return logU - ((u - 1) - x) / u
    }
}
