/// Untrusted text (class names, column names, cell contents) made safe to put
/// into an error message or a table: control characters escaped, long text
/// shortened.
public enum MessageText {
    /// `text` with every control character (C0, DEL, C1) written as an escape:
    /// `\n`, `\r`, `\t`, `\0`, or `\u{…}` for the others. Printable text,
    /// including non-ASCII letters, is unchanged.
    ///
    /// - Complexity: O(length of `text`).
    public static func escaped(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default: result += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return result
    }

    /// `text` escaped and, when it has more than `limit` characters, cut to
    /// its first `limit − 3` and `...`.
    ///
    /// - Complexity: O(`limit`): only the start of `text` is looked at, so a
    ///   100,000-character name costs no more than a short one.
    public static func shortened(_ text: some StringProtocol, to limit: Int) -> String {
        let keep = max(limit - 3, 1)
        var end = text.startIndex, count = 0
        while end < text.endIndex, count <= limit {
            end = text.index(after: end)
            count += 1
        }
        if count <= limit { return escaped(text) }
        let head = text[..<text.index(text.startIndex, offsetBy: keep)]
        return escaped(head) + "..."
    }

    /// Whether `scalar` is a control character: U+0000–U+001F, U+007F–U+009F.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }
}
