/// σ(z) = 1/(1 + e^−z) over a buffer, eight or sixteen lanes at a time: the
/// probability of every score of a block of rows, which is all the binary
/// training link needs in the epochs that compute no loss.
///
/// With e = e^−|z| from the same reduction as ``VectorExponential``,
/// σ = 1/(1 + e) for z ≥ 0 and e/(1 + e) below (no cancellation either
/// way). For `Double`, e is Cephes' Padé form s·N/D (s = 2^k, N = Q + P,
/// D = Q − P), so σ = D/(D + s·N) or s·N/(D + s·N): **one division per lane
/// instead of two** (the exponential's and the probability's), the
/// division being the slowest instruction of the link at the baseline
/// x86-64 target. Within about 4 ulp of σ for every finite z (checked
/// against the C library's `long double` exponential); exactly 0 or 1 where
/// e^−|z| underflows; NaN stays NaN.
package enum VectorLogistic {
    /// Replaces every z in `values` by σ(z).
    ///
    /// - Complexity: O(n), vectorized; no allocation.
    @inlinable
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    package static func sigmoid<T: LogitScalar>(_ values: UnsafeMutableBufferPointer<T>) {
        if T.self == Double.self {
            VectorMap.apply(UnsafeMutableRawBufferPointer(values).bindMemory(to: Double.self), sigmoid8)
        } else {
            VectorMap.apply(UnsafeMutableRawBufferPointer(values).bindMemory(to: Float.self), sigmoid16)
        }
    }

    /// σ of eight doubles, with one division (see the type's comment).
    @inlinable @inline(__always)
    package static func sigmoid8(_ z: SIMD8<Double>) -> SIMD8<Double> {
        typealias V = SIMD8<Double>
        // −|z|: z with its sign bit set.
        let x = unsafeBitCast(unsafeBitCast(z, to: SIMD8<UInt64>.self) | SIMD8<UInt64>(repeating: 1 << 63), to: V.self)
        let tiny = x .< V(repeating: -708)
        let xc = x.replacing(with: V(repeating: -708), where: tiny)
        // The reduction of VectorExponential.exp8: k = round(x / ln 2), r = x − k·ln 2.
        let t = xc * V(repeating: 1.4426950408889634) + V(repeating: 6755399441055744.0)
        let k = t - V(repeating: 6755399441055744.0)
        let r = (xc - k * V(repeating: 0.6931471803691238)) - k * V(repeating: 1.9082149292705877e-10)
        let r2 = r * r
        let px = r * ((V(repeating: 1.26177193074810590878e-4) * r2 + V(repeating: 3.02994407707441961300e-2)) * r2
            + V(repeating: 9.99999999999999999910e-1))
        let qx = ((V(repeating: 3.00198505138664455042e-6) * r2 + V(repeating: 2.52448340349684104192e-3)) * r2
            + V(repeating: 2.27265548208155028766e-1)) * r2 + V(repeating: 2.00000000000000000009e0)
        // e^r = (Q + P)/(Q − P), so e^−|z| = s·N/D with s = 2^k (0 where it underflows):
        // t = k + 1.5·2^52 holds k in its low mantissa bits, shifted into the exponent field.
        let bits = unsafeBitCast(t, to: SIMD8<UInt64>.self)
        let power: V = unsafeBitCast((bits &+ SIMD8<UInt64>(repeating: 1023)) &<< SIMD8<UInt64>(repeating: 52), to: V.self)
        let s: V = power.replacing(with: V(), where: tiny)
        let sn: V = s * (qx + px)
        let d: V = qx - px
        let numerator: V = d.replacing(with: sn, where: z .< V())
        return numerator / (d + sn)
    }

    /// σ of sixteen floats: e^−|z| by ``VectorExponential``'s `Float` form,
    /// then one division.
    @inlinable @inline(__always)
    package static func sigmoid16(_ z: SIMD16<Float>) -> SIMD16<Float> {
        let x = unsafeBitCast(unsafeBitCast(z, to: SIMD16<UInt32>.self) | SIMD16<UInt32>(repeating: 1 << 31),
                              to: SIMD16<Float>.self)
        let e: SIMD16<Float> = VectorExponential.exp16(x)
        let numerator = e.replacing(with: 1, where: z .>= SIMD16<Float>())
        return numerator / (e + 1)
    }
}
