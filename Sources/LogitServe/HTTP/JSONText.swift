#if Service
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
}
#endif
