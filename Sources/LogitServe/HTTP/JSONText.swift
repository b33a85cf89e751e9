#if Service
import NIOCore

/// Hand-written JSON for the hot responses (predictions): keys in a fixed
/// order (class order, not a dictionary's), no intermediate objects.
enum JSONText {
    /// `text` as a JSON string literal (quotes, backslashes and control
    /// characters escaped).
    static func string(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A finite number as JSON (Swift's shortest round-trip form); `null`
    /// for NaN or infinity, which JSON cannot hold.
    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    /// ``number(_:)`` written straight into a response buffer: Swift's
    /// shortest round-trip digits (`Double.write(to:)`) straight into the
    /// buffer's free space, no intermediate `String`; `null` for NaN or infinity.
    static func write(_ value: Double, to buffer: inout ByteBuffer) {
        guard value.isFinite else {
            buffer.writeStaticString("null")
            return
        }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: DigitCapture.capacity) { free in
            var capture = DigitCapture(base: free.baseAddress!.assumingMemoryBound(to: UInt8.self))
            value.write(to: &capture)
            return capture.count
        }
    }

    /// Collects the ASCII a number writes (at most 24 bytes for a Double,
    /// e.g. `-2.2250738585072014e-308`) into caller-provided memory.
    private struct DigitCapture: TextOutputStream {
        static let capacity = 40
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        init(base: UnsafeMutablePointer<UInt8>) { self.base = base }

        /// What `Double.write(to:)` calls with its digits (the standard
        /// library's default would make a `String` of them first).
        mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
            for byte in bytes where count < Self.capacity {
                base[count] = byte
                count += 1
            }
        }

        mutating func write(_ string: String) {
            for byte in string.utf8 where count < Self.capacity {
                base[count] = byte
                count += 1
            }
        }
    }

    /// A whole number in decimal, without a `String`.
    static func write(_ value: UInt64, to buffer: inout ByteBuffer) {
        var digits = 1, rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: digits) { free in
            var v = value
            for i in stride(from: digits - 1, through: 0, by: -1) {
                free[i] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
            }
            return digits
        }
    }
}
#endif
