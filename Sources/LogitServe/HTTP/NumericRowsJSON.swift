#if Service
import Foundation

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

        /// A finite JSON number (RFC 8259 grammar), correctly rounded by strtod.
        mutating func number() -> Double? {
            skipSpace()
            let start = i
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { return nil }
            if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while i < bytes.count, isDigit(bytes[i]) { i += 1 } }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard i < bytes.count, isDigit(bytes[i]) else { return nil }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard i < bytes.count, isDigit(bytes[i]) else { return nil }
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            }
            let length = i - start
            guard length <= 64 else { return nil }
            // strtod needs a terminated copy; the token is at most 64 bytes
            let value = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double in
                for k in 0..<length { buffer[k] = CChar(bitPattern: bytes[start + k]) }
                buffer[length] = 0
                return strtod(buffer.baseAddress!, nil)
            }
            return value.isFinite ? value : nil
        }

        private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

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
