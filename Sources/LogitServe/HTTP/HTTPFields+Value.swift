#if Service
import HTTPTypes

/// Header reads on the request path without Foundation and without the
/// generic join of `HTTPFields.subscript` (whose lazy-map metadata lookups and
/// `NSString` trimming were about 8% of a 1-row prediction's time).
extension HTTPFields {
    /// The field's value as `self[name]` gives it (a repeated field's values
    /// joined by ", "), reading a single field directly.
    func value(_ name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            if found != nil { return self[name] }
            found = field.value
        }
        return found
    }

    /// The media type of a `Content-Type` value: what comes before any `;`,
    /// without surrounding spaces or tabs, in ASCII lowercase
    /// (`"Text/CSV; charset=utf-8"` → `"text/csv"`).
    static func mediaType(_ contentType: String) -> String {
        // The usual value (already a bare lowercase type) is returned as it is, not rebuilt.
        if !contentType.utf8.contains(where: { $0 == 0x3B || $0 == 0x20 || $0 == 0x09 || ($0 >= 0x41 && $0 <= 0x5A) }) {
            return contentType
        }
        let type = contentType[..<(contentType.firstIndex(of: ";") ?? contentType.endIndex)]
        return String(decoding: type.trimmingSpaces.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

extension Substring {
    /// Without leading and trailing ASCII spaces and tabs (the optional
    /// whitespace of HTTP field values).
    var trimmingSpaces: Substring {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
              let last = utf8.lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
#endif
