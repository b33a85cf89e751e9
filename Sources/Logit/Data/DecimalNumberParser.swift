import LogitNumerics

/// Parses a decimal number from bytes, correctly rounded to `Float` or
/// `Double`, without building a `String` in the common case.
///
/// Grammar (surrounding spaces and tabs allowed):
/// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`.
/// Hexadecimal floats, `nan` and `inf` are not numbers here; `nan`/`inf` are
/// reported as ``Result/nonFinite`` so the caller can say so.
///
/// Fast path (Clinger): a significand of at most 19 digits below 2⁵³ and a
/// power of ten within ±22 are both exact in `Double`, so one multiplication or
/// division gives the correctly rounded `Double`. For `Float` that `Double` is
/// rounded again, which is still correct unless the `Double` lies exactly
/// halfway between two floats (then the slow path decides): rounding is
/// monotonic and every float midpoint is a `Double`, so the exact value and its
/// `Double` rounding lie on the same side of every midpoint they differ from. Everything else goes
/// to the standard library's locale-independent `Double(_:)` / `Float(_:)`.
enum DecimalNumberParser {
    /// The outcome of parsing one field.
    enum Result<T> {
        /// A finite value, correctly rounded.
        case value(T)
        /// Only spaces and tabs, or nothing.
        case empty
        /// `nan`, `inf` or `infinity` (any case, optional sign).
        case nonFinite
        /// A valid decimal whose magnitude is too large for `T`.
        case outOfRange
        /// A nonzero number too small for `T` even as a subnormal (e.g.
        /// `1e-400` for Double): it would silently read as 0.
        case underflow
        /// Not a decimal number.
        case invalid
    }

    /// What scanning a decimal found: its sign, up to 19 significant digits and
    /// the power of ten they are scaled by.
    struct Scan {
        var negative = false
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        /// A non-zero digit beyond the 19th was dropped: the significand is not exact.
        var truncated = false
        var sawDigit = false
        /// False for an `e` with no digits after it (`1e`, `2e+`).
        var exponentValid = true

        /// Takes up to eight digits at `p` at once (moving `p` past them) and
        /// returns how many, once the significand has begun and has room for
        /// eight more of its 19 and eight bytes are left; nil otherwise: then
        /// the byte loop takes the next byte (leading zeros, the first digit,
        /// digits past the 19th, the last bytes of the buffer).
        @inline(__always)
        mutating func eightDigits(_ p: inout UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>) -> Int? {
            guard mantissa != 0, digits <= 11, limit - p >= 8 else { return nil }
            let n = _DecimalDigits.append(p, to: &mantissa)
            digits += n
            p += n
            return n
        }
    }

    /// Scans `[+-]? digits [. digits] ([eE] [+-]? digits)?` from `p` up to
    /// `limit`, stopping at the first byte that cannot continue it, and leaves
    /// `p` there. Without any significand digit it stops before an exponent.
    @inline(__always)
    static func scan(_ p: inout UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>) -> Scan {
        var s = Scan()
        if p < limit && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
            s.negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        while p < limit {
            if let n = s.eightDigits(&p, limit) {
                if n < 8 { break }
                continue
            }
            let d = p.pointee &- 48
            if d > 9 { break }
            s.sawDigit = true
            if s.mantissa == 0 && d == 0 {
                // leading zero
            } else if s.digits < 19 {
                s.mantissa = s.mantissa &* 10 &+ UInt64(d)
                s.digits += 1
            } else {
                s.exponent += 1
                if d != 0 { s.truncated = true }
            }
            p += 1
        }
        if p < limit && p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < limit {
                if let n = s.eightDigits(&p, limit) {
                    s.exponent -= n
                    if n < 8 { break }
                    continue
                }
                let d = p.pointee &- 48
                if d > 9 { break }
                s.sawDigit = true
                if s.mantissa == 0 && d == 0 {
                    s.exponent -= 1
                } else if s.digits < 19 {
                    s.mantissa = s.mantissa &* 10 &+ UInt64(d)
                    s.digits += 1
                    s.exponent -= 1
                } else if d != 0 {
                    s.truncated = true
                }
                p += 1
            }
        }
        guard s.sawDigit else { return s }
        if p < limit && (p.pointee | 0x20) == UInt8(ascii: "e") {
            p += 1
            var exponentNegative = false
            if p < limit && (p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+")) {
                exponentNegative = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            var written = 0, sawExponentDigit = false
            while p < limit {
                let d = p.pointee &- 48
                if d > 9 { break }
                sawExponentDigit = true
                if written < 1_000_000 { written = written * 10 + Int(d) }
                p += 1
            }
            s.exponentValid = sawExponentDigit
            s.exponent += exponentNegative ? -written : written
        }
        return s
    }

    /// The correctly rounded value of an exact significand of at most 2⁵³ times
    /// a power of ten within ±22 (see the type's documentation), or nil when the
    /// scan is outside that range or a `Float` would be rounded twice at a midpoint.
    @inline(__always)
    static func fastPath<T: LogitScalar>(_ s: Scan, as: T.Type) -> T? {
        guard !s.truncated, var value = _DecimalDigits.exactDouble(mantissa: s.mantissa, exponent: s.exponent) else { return nil }
        if s.negative { value = -value }
        if T.self == Double.self { return T(value) }
        // Fast-path values lie in [1e-22, 2⁵³·1e22], where floats are normal
        // and a float's ulp spans the low 29 bits of a double's significand:
        // the double is halfway between two floats exactly when those bits
        // are 1000…0. Only then can rounding twice differ from rounding once.
        guard value.bitPattern & 0x1FFF_FFFF != 0x1000_0000 else { return nil }
        return T(Float(value))
    }

    /// Parses `count` bytes at `start`.
    @inline(__always)
    static func parse<T: LogitScalar>(_ start: UnsafePointer<UInt8>, _ count: Int, as: T.Type) -> Result<T> {
        var first = 0, end = count
        while first < end, start[first] == 0x20 || start[first] == 0x09 { first += 1 }
        while end > first, start[end - 1] == 0x20 || start[end - 1] == 0x09 { end -= 1 }
        if first == end { return .empty }
        var p = start + first
        let s = scan(&p, start + end)
        guard s.sawDigit else { return isNonFinite(start + first, end - first) ? .nonFinite : .invalid }
        guard s.exponentValid, p == start + end else { return .invalid }
        if s.mantissa == 0 && !s.truncated { return .value(s.negative ? -0.0 : 0.0) }
        if let value = fastPath(s, as: T.self) { return .value(value) }
        let result = slowPath(start + first, end - first, as: T.self)
        // The mantissa has a nonzero digit (checked above), so an exact 0 is underflow.
        if case .value(let value) = result, value == 0 { return .underflow }
        return result
    }

    /// Parses a plain decimal at `start` (no surrounding spaces) that ends at
    /// `limit` or at the first byte that cannot continue it, when it takes the
    /// fast path; returns the value and the end of the number. Returns nil for
    /// anything else (no digits, `nan`, an inexact significand, a large
    /// exponent, a Float halfway case), which the caller then parses in full
    /// with ``parse(_:_:as:)``.
    @inline(__always)
    static func parsePrefix<T: LogitScalar>(_ start: UnsafePointer<UInt8>, _ limit: UnsafePointer<UInt8>,
                                            as: T.Type) -> (T, UnsafePointer<UInt8>)? {
        var p = start
        let s = scan(&p, limit)
        guard s.sawDigit, s.exponentValid else { return nil }
        if s.mantissa == 0 && !s.truncated { return (s.negative ? -0.0 : 0.0, p) }
        guard let value = fastPath(s, as: T.self) else { return nil }
        return (value, p)
    }

    /// Parses a validated decimal with the standard library (correctly rounded,
    /// independent of the C locale).
    private static func slowPath<T: LogitScalar>(_ start: UnsafePointer<UInt8>, _ count: Int, as: T.Type) -> Result<T> {
        let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
        let value: T?
        if T.self == Float.self {
            value = Float(text).map { T($0) }
        } else {
            value = Double(text).map { T($0) }
        }
        guard let value else { return .invalid }
        return value.isFinite ? .value(value) : .outOfRange
    }

    /// Whether the bytes spell `nan`, `inf` or `infinity` (any case, optional sign).
    private static func isNonFinite(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        if i < count && (start[i] == UInt8(ascii: "-") || start[i] == UInt8(ascii: "+")) { i += 1 }
        let word = UnsafeBufferPointer(start: start + i, count: count - i).map { $0 | 0x20 }
        return word.elementsEqual("nan".utf8) || word.elementsEqual("inf".utf8)
            || word.elementsEqual("infinity".utf8)
    }
}
