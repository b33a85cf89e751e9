#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LogitNumerics
import Testing

/// The vectorized e^x of the training link against the C library's `exp`
/// (glibc's is correctly rounded to within 1 ulp): an independent reference.
struct VectorExponentialTests {
    /// Values from 0 down to `low`, dense near 0 (where the link's exponentials
    /// live) and spread over the whole range, with the range-reduction
    /// boundaries (multiples of ln 2 / 2) and odd lengths (vector tails).
    static func inputs(low: Double, count: Int) -> [Double] {
        var values = (0..<count).map { -Double($0) / Double(count - 1) * -low }
        values += (0..<200).map { -Double($0) * 0.34657359027997264 }.filter { $0 >= low }
        values += [-1e-300, -1e-10, -0.5, -1, -2, -10, low]
        return values
    }

    /// Bound: 4 ulp relative (the polynomial's truncation is below 0.1 ulp; the
    /// rest is the rounding of 13 Horner steps on |r| ≤ 0.35 and of the scaling).
    @Test func doubleMatchesTheCLibrary() {
        var values = Self.inputs(low: -708, count: 100_003)
        let expected = values.map { exp($0) }
        values.withUnsafeMutableBufferPointer { VectorExponential.expNonPositive($0) }
        var worst = 0.0
        for (got, want) in zip(values, expected) {
            worst = max(worst, abs(got - want) / want)
        }
        #expect(worst <= 4 * Double.ulpOfOne, "largest relative error \(worst)")
    }

    /// Bound: 4 ulp of Float relative, against Float(exp(Double(x))).
    @Test func floatMatchesTheCLibrary() {
        var values = Self.inputs(low: -87, count: 100_003).map { Float($0) }
        let expected = values.map { Float(exp(Double($0))) }
        values.withUnsafeMutableBufferPointer { VectorExponential.expNonPositive($0) }
        var worst: Float = 0
        for (got, want) in zip(values, expected) {
            worst = max(worst, abs(got - want) / want)
        }
        #expect(worst <= 4 * Float.ulpOfOne, "largest relative error \(worst)")
    }

    /// Below the normal range the result is 0, and NaN stays NaN.
    @Test func underflowAndNaN() {
        var values: [Double] = [-709, -800, -Double.infinity, .nan, 0]
        values.withUnsafeMutableBufferPointer { VectorExponential.expNonPositive($0) }
        #expect(values[0] == 0 && values[1] == 0 && values[2] == 0 && values[3].isNaN && values[4] == 1)
        var floats: [Float] = [-88, -Float.infinity, .nan, 0]
        floats.withUnsafeMutableBufferPointer { VectorExponential.expNonPositive($0) }
        #expect(floats[0] == 0 && floats[1] == 0 && floats[2].isNaN && floats[3] == 1)
    }
}
