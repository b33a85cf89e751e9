#if Service
/// Writes JSON text into memory the caller has sized beforehand (a response
/// buffer's free space): one capacity check per write and no buffer
/// bookkeeping, where `ByteBuffer`'s own writes check capacity, uniqueness
/// and (for a buffer captured by a closure) exclusivity per call, about a
/// quarter of a 100-row prediction's time.
///
/// A write past `capacity` stops the process (a sizing bug, never input):
/// callers size with ``doubleBytes`` and ``wholeNumberBytes``.
struct JSONCursor {
    /// The most bytes ``write(_:)-(Double)`` writes: `-2.2250738585072014e-308` is 24; `null` is 4.
    static let doubleBytes = 24
    /// The most bytes ``write(_:)-(UInt64)`` writes (`UInt64.max` has 20 digits).
    static let wholeNumberBytes = 20

    let base: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Bytes written so far.
    private(set) var count = 0

    init(_ memory: UnsafeMutableRawBufferPointer) {
        base = memory.baseAddress!.assumingMemoryBound(to: UInt8.self)
        capacity = memory.count
    }

    /// Raw bytes (already JSON: punctuation, a quoted key).
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        precondition(count + bytes.count <= capacity, "JSONCursor: response sized too small")
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// ASCII punctuation or a fixed key.
    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { write($0) }
    }

    /// A whole number in decimal.
    mutating func write(_ value: UInt64) {
        precondition(count + Self.wholeNumberBytes <= capacity, "JSONCursor: response sized too small")
        var digits = 1, rest = value / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var v = value
        for i in stride(from: count + digits - 1, through: count, by: -1) {
            base[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
        count += digits
    }

    /// A finite number in Swift's shortest round-trip form (`description`);
    /// `null` for NaN or infinity, which JSON cannot hold.
    mutating func write(_ value: Double) {
        guard value.isFinite else { return write("null") }
        precondition(count + Self.doubleBytes <= capacity, "JSONCursor: response sized too small")
        var capture = DigitCapture(base: base + count, capacity: Self.doubleBytes)
        value.write(to: &capture)
        count += capture.count
    }

    /// Collects the ASCII `Double.write(to:)` produces straight into the cursor's memory.
    private struct DigitCapture: TextOutputStream {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        /// What `Double.write(to:)` calls with its digits (the standard
        /// library's default would make a `String` of them first).
        mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
            let n = min(bytes.count, capacity - count)
            guard let source = bytes.baseAddress, n > 0 else { return }
            (base + count).update(from: source, count: n)
            count += n
        }

        mutating func write(_ string: String) {
            for byte in string.utf8 where count < capacity {
                base[count] = byte
                count += 1
            }
        }
    }
}
#endif
