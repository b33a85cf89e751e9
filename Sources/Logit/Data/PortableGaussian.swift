import LogitNumerics

/// Standard normal draws that are bit-for-bit the same on every machine.
///
/// `SeededGenerator.nextGaussian()` calls the platform's `log` and `cos`, whose
/// last bit may differ between C libraries. This sampler uses Marsaglia's polar
/// method with a logarithm written here in basic IEEE operations (`+ − × ÷`,
/// `squareRoot`), which are correctly rounded everywhere, so the same seed
/// gives the same bits on Linux, macOS and any other platform. (SIMD lanes
/// compute exactly what scalar code would; no fused multiply-add is used.)
///
/// Each accepted pair of uniforms in (−1, 1)² inside the unit circle gives two
/// normals; about 21% of pairs are rejected. Four pairs are accepted, then
/// transformed together, so their long division and square-root latencies
/// overlap; the values come out in draw order.
struct PortableGaussian {
    private var buffer = SIMD8<Double>()
    private var available = 0

    /// The next standard normal value drawn from `generator`.
    @inline(__always)
    mutating func next(using generator: inout SeededGenerator) -> Double {
        if available == 0 { refill(using: &generator) }
        let value = buffer[8 - available]
        available -= 1
        return value
    }

    private mutating func refill(using generator: inout SeededGenerator) {
        var u = SIMD4<Double>(), v = SIMD4<Double>(), s = SIMD4<Double>()
        for k in 0..<4 {
            while true {
                let a = 2 * generator.nextUnitInterval() - 1
                let b = 2 * generator.nextUnitInterval() - 1
                let r = a * a + b * b
                if r < 1 && r != 0 {
                    u[k] = a
                    v[k] = b
                    s[k] = r
                    break
                }
            }
        }
        let factor = (-2 * PortableGaussian.log(s) / s).squareRoot()
        let x = u * factor, y = v * factor
        buffer = SIMD8(x[0], y[0], x[1], y[1], x[2], y[2], x[3], y[3])
        available = 8
    }

    private static let ln2High = 6.93147180369123816490e-01  // ln 2, high 32 bits
    private static let ln2Low = 1.90821492927058770002e-10  // ln 2 − ln2High

    /// The natural logarithm of each lane (positive, finite, normal), within a
    /// few units in the last place, from basic operations only.
    ///
    /// x = m·2ᵉ with m in [√½, √2); log m = 2·atanh(t) with t = (m − 1)/(m + 1),
    /// |t| ≤ 0.1716, from the series 2t·Σ t²ᵏ/(2k + 1), k = 0…11 (the next
    /// term is below 2⁻⁶⁰ of the sum), evaluated in Estrin's scheme.
    @inline(__always)
    static func log(_ x: SIMD4<Double>) -> SIMD4<Double> {
        var e = SIMD4<Double>(), m = SIMD4<Double>()
        for k in 0..<4 {
            let bits = x[k].bitPattern
            e[k] = Double(Int((bits >> 52) & 0x7FF) - 1023)
            m[k] = Double(bitPattern: bits & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000)  // in [1, 2), exact
        }
        let large = m .> SIMD4(repeating: 1.4142135623730951)
        m.replace(with: m / 2, where: large)
        e.replace(with: e + 1, where: large)
        let t = (m - 1) / (m + 1)
        let t2 = t * t, t4 = t2 * t2, t8 = t4 * t4
        let a0 = 1 + t2 * (1.0 / 3), a1 = 1.0 / 5 + t2 * (1.0 / 7), a2 = 1.0 / 9 + t2 * (1.0 / 11)
        let a3 = 1.0 / 13 + t2 * (1.0 / 15), a4 = 1.0 / 17 + t2 * (1.0 / 19), a5 = 1.0 / 21 + t2 * (1.0 / 23)
        let b0 = a0 + t4 * a1, b1 = a2 + t4 * a3, b2 = a4 + t4 * a5
        let series = b0 + t8 * (b1 + t8 * b2)
        return e * ln2High + (2 * t * series + e * ln2Low)
    }

    /// The logarithm of one value (the first lane of ``log(_:)-(SIMD4<Double>)``).
    static func log(_ x: Double) -> Double { log(SIMD4(repeating: x))[0] }
}
