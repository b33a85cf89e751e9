import RealModule

/// A small, fast, seedable random number generator (xoshiro256**, seeded
/// through SplitMix64) whose sequence is the same on every machine and in every
/// Swift version, unlike `SystemRandomNumberGenerator`.
///
/// The tests, the synthetic data generator and the shuffles of stochastic
/// solvers use it, so the same seed gives the same data and the same model.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is determined by `seed`.
    public init(seed: UInt64) {
        var s = seed
        func splitMix() -> UInt64 {
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    /// A uniform value in [0, 1) with 53 random bits, identical on every platform
    /// (the standard library's `Double.random(in:using:)` does not promise that).
    @inlinable
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform value in `range` (lower bound included, upper excluded).
    @inlinable
    public mutating func nextUniform(in range: Range<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitInterval()
    }

    /// A standard normal value (Box–Muller on two unit-interval draws).
    public mutating func nextGaussian() -> Double {
        var u = nextUnitInterval()
        while u == 0 { u = nextUnitInterval() }
        let v = nextUnitInterval()
        return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
    }

    /// A uniform integer in `0..<bound` without modulo bias (Lemire's method).
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound \(bound) must be positive")
        let b = UInt64(bound)
        var product = next().multipliedFullWidth(by: b)
        if product.low < b {
            let threshold = (0 &- b) % b
            while product.low < threshold { product = next().multipliedFullWidth(by: b) }
        }
        return Int(product.high)
    }

    /// Shuffles `values` in place (Fisher–Yates with ``nextIndex(below:)``), the
    /// same permutation for the same seed everywhere.
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ values: inout C)
    where C.Index == Int {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            values.swapAt(values.startIndex + i, values.startIndex + j)
        }
    }

    public static func == (a: SeededGenerator, b: SeededGenerator) -> Bool {
        a.state == b.state
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0); hasher.combine(state.1); hasher.combine(state.2); hasher.combine(state.3)
    }

    @inlinable
    func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
