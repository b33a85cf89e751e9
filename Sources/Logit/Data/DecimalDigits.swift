/// Decimal digits read eight bytes at a time (SWAR: SIMD within a register)
/// and Clinger's exact fast path, for the package's number parsers: the CSV
/// loader's `DecimalNumberParser` and the service's JSON row reader. A number
/// in a data file or a request has 5–12 digits; a loop over bytes pays a load,
/// a compare and a branch per digit, this one a handful of integer operations
/// per eight.
///
/// Not API (underscored, outside the versioning promise): public only so that
/// its `@inlinable` bodies inline into the package's other modules, which
/// `package` declarations did not (a call per eight digits in the service).
public enum _DecimalDigits {
    /// The leading decimal digits of the eight bytes at `p`: how many there
    /// are (0…8, up to the first byte that is not `0`…`9`) and their value.
    ///
    /// - Precondition: eight bytes are readable at `p`. Bytes after the first
    ///   non-digit are read but do not matter.
    /// - Complexity: O(1), no branch on the bytes' values.
    @inlinable @inline(__always)
    public static func prefix(_ p: UnsafePointer<UInt8>) -> (count: Int, value: UInt64) {
        let t = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) ^ 0x3030_3030_3030_3030
        // A byte is a digit iff its high nibble is 0 after the xor and adding 6
        // does not carry into it. A carry out of a byte comes only from a
        // non-digit byte, so it cannot hide the first non-digit, which is all
        // that is needed.
        let nonDigit = (t | (t &+ 0x0606_0606_0606_0606)) & 0xF0F0_F0F0_F0F0_F0F0
        let n = nonDigit == 0 ? 8 : nonDigit.trailingZeroBitCount >> 3
        // The n digits into the high bytes (the zero bytes below them are
        // leading zeros), then pairs, quads and the octet by multiply-shift.
        // A shift by 64 (n = 0) gives 0 in Swift's smart shift.
        var v = t << UInt64(64 - 8 * n)
        v = ((v & 0x0F0F_0F0F_0F0F_0F0F) &* 2561) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
        return (n, v)
    }

    /// Appends the leading digits of the eight bytes at `p` (``prefix(_:)``)
    /// to `mantissa` (mantissa·10ⁿ + their value, wrapping: the caller counts
    /// digits) and returns how many there were, 0…8.
    ///
    /// - Precondition: eight bytes are readable at `p`.
    @inlinable @inline(__always)
    public static func append(_ p: UnsafePointer<UInt8>, to mantissa: inout UInt64) -> Int {
        let (n, value) = prefix(p)
        mantissa = mantissa &* powerOfTen(n) &+ value
        return n
    }

    /// 10ⁿ for n in 0…8: what a mantissa is multiplied by before adding the
    /// value of the next n digits.
    @inlinable @inline(__always)
    public static func powerOfTen(_ n: Int) -> UInt64 {
        // A switch of constants becomes a constant table (LLVM's switch-to-lookup),
        // without a lazy global's once-check.
        switch n {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        default: 100_000_000
        }
    }

    /// mantissa·10^exponent, correctly rounded, when both factors are exact in
    /// a `Double` (mantissa ≤ 2⁵³, |exponent| ≤ 22): one IEEE multiplication
    /// or division (Clinger, "How to read floating point numbers accurately",
    /// 1990). Nil otherwise: the caller parses the text another way.
    @inlinable @inline(__always)
    public static func exactDouble(mantissa: UInt64, exponent: Int) -> Double? {
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(mantissa)
        return exponent < 0 ? m / exactPowersOfTen[-exponent] : m * exactPowersOfTen[exponent]
    }

    /// 10⁰ … 10²², every one exact in a `Double`. A table, not a switch: a
    /// 23-case switch made ``exactDouble(mantissa:exponent:)`` too large to be
    /// inlined into the CSV parser (a call per number, +24% instructions in
    /// `CSVLoader.load`, callgrind).
    @usableFromInline static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
