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

    /// Bound: 4 ulp relative: the Padé form's ten rounded steps, its division
    /// and the scaling; 1.4 ulp measured in NumPy over 2·10⁶ points of
    /// [−708, 0], so the bound leaves room without hiding a wrong coefficient
    /// (a coefficient off by 10⁻⁷ of itself gives over 10⁶ ulp).
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

/// The vectorized log(1 + x) of the training loss against the C library's
/// `log1p` (glibc's is within 1 ulp): an independent reference.
struct VectorLogarithmTests {
    /// [0, 1] densely, the reduction's boundary (1 + x = √2), tiny values
    /// where 1 + x rounds to 1, and the ends.
    static let inputs: [Double] = (0...100_000).map { Double($0) / 100_000 }
        + [0.41421356237309503, 0.4142135623730951, 0.41421356237309515, 1e-300, 1e-20, 1e-17, 1.1e-16, 2.3e-16, 1e-8, 1]

    /// Bound: 4 ulp relative (series truncation below 1e-18; the rest is the
    /// rounding of the division, eleven Horner steps and the final sums).
    @Test func doubleMatchesTheCLibrary() {
        var values = Self.inputs
        values.withUnsafeMutableBufferPointer { VectorLogarithm.log1pUnit($0) }
        var worst = 0.0
        for (x, y) in zip(Self.inputs, values) where x > 0 { worst = max(worst, abs(y - log1p(x)) / log1p(x)) }
        #expect(worst <= 4 * Double.ulpOfOne, "largest relative error \(worst)")
        var edges: [Double] = [0, .nan, 1, 0]
        edges.withUnsafeMutableBufferPointer { VectorLogarithm.log1pUnit($0) }
        #expect(edges[0] == 0 && edges[1].isNaN && edges[3] == 0)
    }

    /// Bound: 4 ulp of Float relative, against Float(log1p(Double(x))).
    @Test func floatMatchesTheCLibrary() {
        let inputs = Self.inputs.map { Float($0) }
        var values = inputs
        values.withUnsafeMutableBufferPointer { VectorLogarithm.log1pUnit($0) }
        var worst: Float = 0
        for (x, y) in zip(inputs, values) where x > 0 {
            let want = Float(log1p(Double(x)))
            worst = max(worst, abs(y - want) / want)
        }
        #expect(worst <= 4 * Float.ulpOfOne, "largest relative error \(worst)")
    }
}
