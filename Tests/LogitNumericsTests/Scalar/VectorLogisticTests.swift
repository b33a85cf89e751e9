#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogitNumerics
import Testing

/// The vectorized σ(z) of the training link against σ computed in the C
/// library's `long double` (x87, 64-bit mantissa: its own error is about
/// 2⁻⁶³, far below the bound), an independent reference.
struct VectorLogisticTests {
    /// Scores over the range a link sees and beyond: dense on [−40, 40], the
    /// range-reduction boundaries, both signs of tiny values, and the ends
    /// where e^−|z| underflows; an odd count (a vector tail).
    static let inputs: [Double] = (0...200_001).map { -40 + 80 * Double($0) / 200_001 }
        + (0..<400).map { Double($0 - 200) * 0.34657359027997264 }
        + [0, -0.0, 1e-300, -1e-300, 1e-10, -1e-10, 36.7, -36.7, 700, -700, 707.9, -707.9]

    #if arch(x86_64) && canImport(Glibc)
    static func reference(_ z: Double) -> Double {
        Double(1 / (1 + expl(-Float80(z))))
    }

    /// Bound: 4 ulp relative: the reduction, the Padé form's rounded steps,
    /// the sum D + s·N and the one division (measured: at most 2.3 ulp here).
    /// A Padé coefficient off by 10⁻⁷ of itself gives about 10⁶ ulp.
    @Test func doubleMatchesLongDouble() {
        var values = Self.inputs
        values.withUnsafeMutableBufferPointer { VectorLogistic.sigmoid($0) }
        var worst = 0.0, at = 0.0
        for (z, p) in zip(Self.inputs, values) {
            let want = Self.reference(z)
            let error = abs(p - want) / want
            if error > worst { (worst, at) = (error, z) }
        }
        #expect(worst <= 4 * Double.ulpOfOne, "largest relative error \(worst / Double.ulpOfOne) ulp at z = \(at)")
    }

    /// Bound: 4 ulp of Float relative (the degree-7 polynomial's truncation
    /// below 6e-9, its rounding, and the division).
    @Test func floatMatchesLongDouble() {
        let inputs = Self.inputs.map { Float($0) }.filter { abs($0) < 80 }
        var values = inputs
        values.withUnsafeMutableBufferPointer { VectorLogistic.sigmoid($0) }
        var worst: Float = 0
        for (z, p) in zip(inputs, values) {
            let want = Float(Self.reference(Double(z)))
            worst = max(worst, abs(p - want) / want)
        }
        #expect(worst <= 4 * Float.ulpOfOne, "largest relative error \(worst / Float.ulpOfOne) ulp")
    }
    #endif

    /// Where e^−|z| underflows σ is exactly 0 or 1; σ(0) = 1/2; NaN stays NaN.
    @Test func endsAndNaN() {
        var values: [Double] = [-709, -800, -.infinity, 709, 800, .infinity, 0, .nan]
        values.withUnsafeMutableBufferPointer { VectorLogistic.sigmoid($0) }
        #expect(Array(values.prefix(7)) == [0, 0, 0, 1, 1, 1, 0.5] && values[7].isNaN, "\(values)")
        var floats: [Float] = [-88, -.infinity, 88, .infinity, 0, .nan]
        floats.withUnsafeMutableBufferPointer { VectorLogistic.sigmoid($0) }
        #expect(Array(floats.prefix(5)) == [0, 0, 1, 1, 0.5] && floats[5].isNaN, "\(floats)")
    }
}
