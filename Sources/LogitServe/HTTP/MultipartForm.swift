#if Service
/// The parts of a `multipart/form-data` body (RFC 7578): each part's field
/// name, file name and bytes. Enough of the format for image uploads (browser
/// forms, `curl -F`): the boundary from the Content-Type, part headers
/// `Content-Disposition` and `Content-Type`; no nested multiparts.
///
/// Malformed bodies throw ``ServeError`` 400 naming what is wrong, never trap.
/// - Complexity: O(body size) (one forward scan for the delimiters).
struct MultipartForm: Sendable {
    /// One part of the form.
    struct Part: Sendable {
        /// The field name (`name=` of Content-Disposition).
        var name: String
        /// The file name (`filename=`), when the part is a file.
        var filename: String?
        /// The part's Content-Type, when given.
        var contentType: String?
        /// The part's bytes.
        var bytes: [UInt8]
    }

    /// The parts, in body order.
    var parts: [Part]

    /// Parses `body` sent with `contentType` (which carries the boundary).
    init(body: [UInt8], contentType: String) throws(ServeError) {
        guard let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.utf8.count <= 200 else {
            throw ServeError.badRequest("multipart/form-data without a boundary parameter in its Content-Type")
        }
        let delimiter = Array("--\(boundary)".utf8)
        guard var position = Self.find(delimiter, in: body, from: 0) else {
            throw ServeError.badRequest("multipart body: the boundary '\(boundary)' never appears")
        }
        parts = []
        let separator = Array("\r\n--\(boundary)".utf8)
        while true {
            position += delimiter.count
            // "--" after a delimiter closes the body
            if body.count >= position + 2 && body[position] == UInt8(ascii: "-") && body[position + 1] == UInt8(ascii: "-") { break }
            guard let lineEnd = Self.find([13, 10], in: body, from: position) else {
                throw ServeError.badRequest("multipart body: part \(parts.count + 1) ends before its headers")
            }
            let headersStart = lineEnd + 2
            guard let headersEnd = Self.find([13, 10, 13, 10], in: body, from: headersStart) else {
                throw ServeError.badRequest("multipart body: part \(parts.count + 1) has no blank line after its headers")
            }
            let contentStart = headersEnd + 4
            guard let next = Self.find(separator, in: body, from: headersEnd + 2) else {
                throw ServeError.badRequest("multipart body: part \(parts.count + 1) is not closed by the boundary (truncated upload?)")
            }
            let headerText = String(decoding: body[headersStart..<headersEnd], as: UTF8.self)
            var part = Part(name: "", filename: nil, contentType: nil, bytes: Array(body[min(contentStart, next)..<next]))
            for line in headerText.split(separator: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let field = line[..<colon].lowercased()
                let value = String(line[line.index(after: colon)...].trimmingSpaces)
                if field == "content-disposition" {
                    part.name = Self.parameter("name", in: value) ?? ""
                    part.filename = Self.parameter("filename", in: value)
                } else if field == "content-type" {
                    part.contentType = value
                }
            }
            parts.append(part)
            position = next + 2  // at the "--boundary" of the next delimiter
        }
    }

    /// The value of `name=value` or `name="value"` in a header value.
    static func parameter(_ name: String, in header: String) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingSpaces.lowercased() == name else { continue }
            var value = String(pair[1].trimmingSpaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// The first index ≥ `start` where `needle` occurs in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
#endif
