/// e^x over a buffer of non-positive values, eight or sixteen lanes at a time:
/// what the training link needs (e^−|z| for every score of a block of rows),
/// without a libm call per row.
///
/// Range reduction x = k·ln 2 + r, |r| ≤ ln 2 / 2, with ln 2 split in a high
/// part exact in k·ln2ₕᵢ and a low part (Cody–Waite); e^r by the rational
/// Padé form of Cephes' `exp` for `Double` (1.4 ε largest relative error
/// against glibc's `exp` over 2·10⁶ points of [−708, 0]) and by the
/// degree-7 Taylor polynomial for `Float` (truncation below 6e-9 relative);
/// 2^k is built in the exponent bits. The result is within about 2 ulp of
/// the correctly rounded e^x for x ≥ −708 (`Double`) or x ≥ −87 (`Float`);
/// below that it is 0 (a probability that small is 0 in the link anyway).
/// NaN stays NaN.
package enum VectorExponential {
    /// Replaces every x (≤ 0) in `values` by e^x.
    ///
    /// - Precondition: every value is ≤ 0 or NaN.
    /// - Complexity: O(n), vectorized.
    // Exported specializations: called from Logit's specialized training
    // link, the generic entry point otherwise ran unspecialized there (a
    // metadata lookup per block, 2% of a Raisin fit).
    @inlinable
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    package static func expNonPositive<T: LogitScalar>(_ values: UnsafeMutableBufferPointer<T>) {
        if T.self == Double.self {
            let v = UnsafeMutableRawBufferPointer(values).bindMemory(to: Double.self)
            VectorMap.apply(v, exp8)
        } else {
            let v = UnsafeMutableRawBufferPointer(values).bindMemory(to: Float.self)
            VectorMap.apply(v, exp16)
        }
    }

    @inlinable
    static func exp8(_ input: SIMD8<Double>) -> SIMD8<Double> {
        typealias V = SIMD8<Double>
        let tiny = input .< V(repeating: -708)
        let x = input.replacing(with: V(repeating: -708), where: tiny)
        let (t, px, qx) = padeTerms8(x)
        let p = 1 + 2 * (px / (qx - px))
        return (p * powerOfTwo8(t)).replacing(with: V(repeating: 0), where: tiny)
    }

    /// The reduction and Cephes' Padé terms of e^x for −708 ≤ x ≤ 0, shared by
    /// ``exp8(_:)`` and ``VectorLogistic/sigmoid8(_:)``: x = k·ln 2 + r with
    /// |r| ≤ ln 2 / 2 (Cody–Waite, ln 2 split so that k·ln2ₕᵢ is exact), and
    /// e^r = 1 + 2r·P(r²)/(Q(r²) − r·P(r²)) = (Q + rP)/(Q − rP), the Padé form
    /// (relative error below 1.5 ε on that range): ten multiply-adds in two
    /// short chains rather than a degree-13 polynomial's 26 operations.
    /// Returns t = x/ln 2 + 1.5·2^52 (k in its low bits, for ``powerOfTwo8(_:)``),
    /// p = r·P(r²) and q = Q(r²).
    @inlinable @inline(__always)
    static func padeTerms8(_ x: SIMD8<Double>) -> (t: SIMD8<Double>, p: SIMD8<Double>, q: SIMD8<Double>) {
        typealias V = SIMD8<Double>
        // k = round(x / ln 2) by the 1.5·2^52 trick (an add, not a libm rint per
        // lane at the baseline x86-64 target); t also holds k in its low bits.
        let t = x * V(repeating: 1.4426950408889634) + V(repeating: 6755399441055744.0)
        let k = t - V(repeating: 6755399441055744.0)
        // ln 2 = 0x1.62e42fee00000p-1 + 0x1.a39ef35793c76p-33: k·hi is exact for |k| < 2^11.
        let r = (x - k * V(repeating: 0.6931471803691238)) - k * V(repeating: 1.9082149292705877e-10)
        let r2 = r * r
        let px = r * ((V(repeating: 1.26177193074810590878e-4) * r2 + V(repeating: 3.02994407707441961300e-2)) * r2
            + V(repeating: 9.99999999999999999910e-1))
        let qx = ((V(repeating: 3.00198505138664455042e-6) * r2 + V(repeating: 2.52448340349684104192e-3)) * r2
            + V(repeating: 2.27265548208155028766e-1)) * r2 + V(repeating: 2.00000000000000000009e0)
        return (t, px, qx)
    }

    /// 2^k from t = k + 1.5·2^52 (``padeTerms8(_:)``): k's low mantissa bits
    /// shifted into the exponent field.
    @inlinable @inline(__always)
    static func powerOfTwo8(_ t: SIMD8<Double>) -> SIMD8<Double> {
        let bits = unsafeBitCast(t, to: SIMD8<UInt64>.self)
        return unsafeBitCast((bits &+ SIMD8<UInt64>(repeating: 1023)) &<< SIMD8<UInt64>(repeating: 52), to: SIMD8<Double>.self)
    }

    @inlinable
    static func exp16(_ input: SIMD16<Float>) -> SIMD16<Float> {
        typealias V = SIMD16<Float>
        let tiny = input .< V(repeating: -87)
        let x = input.replacing(with: V(repeating: -87), where: tiny)
        let t = x * V(repeating: 1.44269504) + V(repeating: 12582912.0)
        let k = t - V(repeating: 12582912.0)
        // ln 2 = 0x1.62e4p-1 + 0x1.7f7d1cp-20 (Cody–Waite split for Float).
        let r = (x - k * V(repeating: 0.693145751953125)) - k * V(repeating: 1.428606765330187e-06)
        var p = V(repeating: 1.0 / 5040)
        p = p * r + V(repeating: 1.0 / 720)
        p = p * r + V(repeating: 1.0 / 120)
        p = p * r + V(repeating: 1.0 / 24)
        p = p * r + V(repeating: 1.0 / 6)
        p = p * r + V(repeating: 0.5)
        p = p * r + V(repeating: 1)
        p = p * r + V(repeating: 1)
        let bits = unsafeBitCast(t, to: SIMD16<UInt32>.self)
        let scale = unsafeBitCast((bits &+ SIMD16<UInt32>(repeating: 127)) &<< SIMD16<UInt32>(repeating: 23), to: V.self)
        return (p * scale).replacing(with: V(repeating: 0), where: tiny)
    }
}
