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
        // e^−|z| = s·N/D: s = 2^k (0 where it underflows), N = Q + P, D = Q − P.
        let (t, px, qx) = VectorExponential.padeTerms8(x.replacing(with: V(repeating: -708), where: tiny))
        let s: V = VectorExponential.powerOfTwo8(t).replacing(with: V(), where: tiny)
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
