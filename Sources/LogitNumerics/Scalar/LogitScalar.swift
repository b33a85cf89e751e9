import RealModule

/// The floating-point types the engine computes in: `Float` and `Double`.
///
/// Every matrix, backend operation and model in the package is generic over a
/// `LogitScalar`. The protocol adds to the standard library's floating-point
/// protocols the elementary functions of swift-numerics (`Real`: `exp`, `log`,
/// `log(onePlus:)`, …) and the SIMD vector type the pure-Swift kernels accumulate
/// in.
///
/// Only `Float` and `Double` conform, and only they are supported: the BLAS
/// backend maps them to the `s` and `d` routines of CBLAS and LAPACKE.
public protocol LogitScalar: BinaryFloatingPoint, Real, SIMDScalar, Sendable, Codable,
    LosslessStringConvertible
where Self.RawSignificand: FixedWidthInteger {
    /// The SIMD vector the pure-Swift kernels keep their partial sums in:
    /// 64 bytes wide, one AVX-512 register (four SSE registers at the default target).
    associatedtype Accumulator: SIMD where Accumulator.Scalar == Self

    /// A short name of the precision, as used in model files and on the command
    /// line: `"float"` or `"double"`.
    static var precisionName: String { get }
}

extension Float: LogitScalar {
    public typealias Accumulator = SIMD16<Float>
    public static var precisionName: String { "float" }
}

extension Double: LogitScalar {
    public typealias Accumulator = SIMD8<Double>
    public static var precisionName: String { "double" }
}

extension LogitScalar {
    /// The unit roundoff u = ε/2: the largest relative error of one correctly
    /// rounded operation (2⁻²⁴ for `Float`, 2⁻⁵³ for `Double`).
    ///
    /// Error bounds in the tests are stated in multiples of it, for example the
    /// classic bound for a sum of `n` terms, `n·u·Σ|xᵢ|`.
    @inlinable
    public static var unitRoundoff: Self { ulpOfOne / 2 }
}
