#if Service
/// Lowercase hexadecimal text of bytes, and back.
enum Hex {
    /// `bytes` as 2·n lowercase hex digits.
    static func encode(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `prefix` and `value` as 8 + 16 lowercase hex digits (big-endian), with no
    /// intermediate array.
    static func encode(_ prefix: UInt32, _ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 24) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { digits in
                for i in 0..<8 { out[i] = digits[Int((prefix >> (28 - 4 * UInt32(i))) & 0xf)] }
                for i in 0..<16 { out[8 + i] = digits[Int((value >> (60 - 4 * UInt64(i))) & 0xf)] }
            }
            return 24
        }
    }

    /// The bytes of `text` (an even number of hex digits), or nil.
    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count / 2)
        var i = 0
        while i < utf8.count {
            guard let high = value(utf8[i]), let low = value(utf8[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }
}
#endif
