#if Service
import Foundation
import Logit

/// A one-pass reader of the common `/v1/predict` body, `{"rows": [[x, …], …]}`
/// with optional `"explain": true|false` and `"threshold": t`: numbers straight
/// into one row-major buffer, no intermediate objects. Foundation's
/// `JSONDecoder` costs about a microsecond per cell through the `Decodable`
/// enums, which made a 100-row request slower than the Flask peer's.
///
/// It returns nil for any other body (rows as objects, strings, nulls, labels,
/// escapes in keys, other keys, a row of the wrong width, non-finite or
/// malformed numbers, too many rows): the general decoder then reads it and
/// words the error, so both paths accept and refuse the same bodies.
/// - Complexity: O(body bytes); allocates the n×d values once.
enum NumericRowsJSON {
    /// What the fast path read.
    struct Parsed {
        var values: [Double]
        var rows: Int
        var explain: Bool?
        var threshold: Double?
    }

    static func parse(_ bytes: UnsafeRawBufferPointer, columns d: Int, maxRows: Int) -> Parsed? {
        var reader = Reader(bytes: bytes)
        var parsed = Parsed(values: [], rows: 0)
        var sawRows = false
        guard reader.consume(UInt8(ascii: "{")) else { return nil }
        if reader.consume(UInt8(ascii: "}")) { return nil }
        repeat {
            guard let key = reader.key() else { return nil }
            guard reader.consume(UInt8(ascii: ":")) else { return nil }
            switch key {
            case "rows":
                guard !sawRows, reader.rows(columns: d, maxRows: maxRows, into: &parsed) else { return nil }
                sawRows = true
            case "explain":
                guard parsed.explain == nil, let value = reader.boolean() else { return nil }
                parsed.explain = value
            case "threshold":
                guard parsed.threshold == nil, let value = reader.number() else { return nil }
                parsed.threshold = value
            default:
                return nil
            }
        } while reader.consume(UInt8(ascii: ","))
        guard reader.consume(UInt8(ascii: "}")), reader.atEnd, sawRows, parsed.rows > 0 else { return nil }
        return parsed
    }

    /// A cursor over the body.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        /// Skips space, then `byte` if it is next.
        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }

        var atEnd: Bool {
            mutating get { skipSpace(); return i == bytes.count }
        }

        /// A plain ASCII key without escapes (nil otherwise: the general path decides).
        mutating func key() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                guard bytes[i] >= 0x20, bytes[i] < 0x80, bytes[i] != UInt8(ascii: "\\") else { return nil }
                i += 1
            }
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        mutating func boolean() -> Bool? {
            skipSpace()
            for (word, value) in [("true", true), ("false", false)] where matches(word) {
                i += word.utf8.count
                return value
            }
            return nil
        }

        private func matches(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count else { return false }
            for k in 0..<w.count where bytes[i + k] != w[k] { return false }
            return true
        }

        /// A finite JSON number (RFC 8259 grammar), correctly rounded.
        ///
        /// Most request numbers have few digits and a small exponent (sensor
        /// readings, pixel values): then the digits make an integer m ≤ 2⁵³,
        /// exact in a Double, and 10^|e| ≤ 10²² is exact, so m·10^e or m/10^−e is
        /// one correctly rounded IEEE operation (Clinger's fast path, "How to
        /// read floating point numbers accurately", 1990). Any other number
        /// goes to strtod (glibc's is correctly rounded, but it costs more
        /// than the rest of reading a row).
        mutating func number() -> Double? {
            skipSpace()
            guard let base = bytes.baseAddress else { return nil }
            // A local cursor over typed bytes: the digit loops then keep it in a
            // register instead of storing `i` back per byte (a 100-row request
            // reads 700 numbers; this was 13% of its time).
            let p = base.assumingMemoryBound(to: UInt8.self), end = bytes.count
            let start = i
            var j = i
            let negative = j < end && p[j] == UInt8(ascii: "-")
            if negative { j += 1 }
            guard j < end, p[j] &- UInt8(ascii: "0") < 10 else { return nil }
            // A leading zero is the whole integer part (JSON has no "01").
            var mantissa: UInt64 = 0, digits = 0, exponent = 0
            if p[j] == UInt8(ascii: "0") {
                j += 1
            } else {
                digits = Self.digitRun(p, &j, end, &mantissa)
            }
            if j < end, p[j] == UInt8(ascii: ".") {
                j += 1
                guard j < end, p[j] &- UInt8(ascii: "0") < 10 else { return nil }
                let fraction = Self.digitRun(p, &j, end, &mantissa)
                digits += fraction
                exponent = -fraction
            }
            if j < end, p[j] | 0x20 == UInt8(ascii: "e") {
                j += 1
                var sign = 1
                if j < end, p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-") {
                    if p[j] == UInt8(ascii: "-") { sign = -1 }
                    j += 1
                }
                guard j < end, p[j] &- UInt8(ascii: "0") < 10 else { return nil }
                var written = 0
                while j < end {
                    let d = p[j] &- UInt8(ascii: "0")
                    if d >= 10 { break }
                    written = min(written * 10 + Int(d), 100_000)
                    j += 1
                }
                exponent += sign * written
            }
            i = j
            let length = j - start
            // At most 19 digits did not overflow the mantissa.
            if digits <= 19, let value = _DecimalDigits.exactDouble(mantissa: mantissa, exponent: exponent) {
                return negative ? -value : value
            }
            guard length <= 64 else { return nil }
            // strtod needs a terminated copy; the token is at most 64 bytes
            let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double in
                for k in 0..<length { buffer[k] = CChar(bitPattern: p[start + k]) }
                buffer[length] = 0
                return strtod(buffer.baseAddress!, nil)
            }
            return value.isFinite ? value : nil
        }

        /// Reads the digits at `p[j...]` (stopping at the first non-digit or at
        /// `end`) into `mantissa` (·10 per digit, wrapping past 19 digits: the
        /// caller checks the count) and returns how many there were: eight
        /// bytes at a time while eight are left (``_DecimalDigits``), then by byte.
        @inline(__always)
        static func digitRun(_ p: UnsafePointer<UInt8>, _ j: inout Int, _ end: Int, _ mantissa: inout UInt64) -> Int {
            var count = 0
            while j + 8 <= end {
                let n = _DecimalDigits.append(p + j, to: &mantissa)
                count += n
                j += n
                if n < 8 { return count }
            }
            while j < end {
                let d = p[j] &- UInt8(ascii: "0")
                if d >= 10 { break }
                mantissa = mantissa &* 10 &+ UInt64(d)
                count += 1
                j += 1
            }
            return count
        }

        /// `[[…], …]`: rows of exactly `d` numbers, at most `maxRows` of them.
        mutating func rows(columns d: Int, maxRows: Int, into parsed: inout Parsed) -> Bool {
            guard consume(UInt8(ascii: "[")) else { return false }
            if consume(UInt8(ascii: "]")) { return false }
            // a row is at least "[x]" and a comma: a bound on the rows from the bytes left
            parsed.values.reserveCapacity(min((bytes.count - i) / 2 + d, maxRows * d))
            repeat {
                guard parsed.rows < maxRows, consume(UInt8(ascii: "[")) else { return false }
                for j in 0..<d {
                    if j > 0 { guard consume(UInt8(ascii: ",")) else { return false } }
                    guard let value = number() else { return false }
                    parsed.values.append(value)
                }
                guard consume(UInt8(ascii: "]")) else { return false }
                parsed.rows += 1
            } while consume(UInt8(ascii: ","))
            return consume(UInt8(ascii: "]"))
        }
    }
}
#endif
