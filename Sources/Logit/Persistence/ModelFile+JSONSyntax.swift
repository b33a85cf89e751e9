extension ModelFile {
    /// Where the first JSON syntax error in `bytes` is, as "line L, column C:
    /// what", or nil when the bytes are well-formed JSON (RFC 8259).
    ///
    /// Foundation's `JSONDecoder` only says "The given data was not valid
    /// JSON"; this scanner finds the place. It is iterative (an explicit stack
    /// of open brackets, no recursion), so deeply nested hostile input cannot
    /// exhaust the call stack.
    ///
    /// - Complexity: O(n) time, O(nesting depth) memory.
    public static func jsonSyntaxError(in bytes: [UInt8]) -> String? {
        var scanner = JSONSyntaxScanner(bytes: bytes)
        guard let (offset, what) = scanner.firstError() else { return nil }
        var line = 1, column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // count characters, not UTF-8 continuation bytes
                column += 1
            }
        }
        return "line \(line), column \(column): \(what)"
    }
}

/// The state machine behind ``ModelFile/jsonSyntaxError(in:)``.
private struct JSONSyntaxScanner {
    private enum Expect { case value, valueOrClose, keyOrClose, key, colon, commaOrClose, end }

    let bytes: [UInt8]
    private var i = 0
    private var open = [UInt8]()  // `{` or `[` of each enclosing container
    private var expect = Expect.value

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The byte offset and description of the first error, or nil.
    mutating func firstError() -> (Int, String)? {
        while true {
            while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 }
            guard i < bytes.count else {
                return expect == .end ? nil : (i, "the file ends inside the JSON (an unclosed '{', '[' or value)")
            }
            let c = bytes[i]
            switch expect {
            case .end:
                return (i, "unexpected \(shown(c)) after the end of the JSON value")
            case .value, .valueOrClose:
                if expect == .valueOrClose, c == UInt8(ascii: "]") {
                    close()
                    continue
                }
                switch c {
                case UInt8(ascii: "{"): open.append(c); expect = .keyOrClose; i += 1
                case UInt8(ascii: "["): open.append(c); expect = .valueOrClose; i += 1
                case UInt8(ascii: "\""):
                    if let error = scanString() { return error }
                    afterValue()
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let error = scanNumber() { return error }
                    afterValue()
                case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                    let word = c == UInt8(ascii: "t") ? "true" : c == UInt8(ascii: "f") ? "false" : "null"
                    guard bytes[i...].starts(with: word.utf8) else { return (i, "expected a value, found \(shown(c))") }
                    i += word.utf8.count
                    afterValue()
                default:
                    return (i, "expected a value, found \(shown(c))")
                }
            case .keyOrClose, .key:
                if expect == .keyOrClose, c == UInt8(ascii: "}") {
                    close()
                    continue
                }
                guard c == UInt8(ascii: "\"") else { return (i, "expected a field name in double quotes, found \(shown(c))") }
                if let error = scanString() { return error }
                expect = .colon
            case .colon:
                guard c == UInt8(ascii: ":") else { return (i, "expected ':' after the field name, found \(shown(c))") }
                i += 1
                expect = .value
            case .commaOrClose:
                let isObject = open.last == UInt8(ascii: "{")
                let closing = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if c == UInt8(ascii: ",") {
                    i += 1
                    expect = isObject ? .key : .value
                } else if c == closing {
                    close()
                } else {
                    return (i, "expected ',' or '\(Character(Unicode.Scalar(closing)))', found \(shown(c))")
                }
            }
        }
    }

    private mutating func close() {
        open.removeLast()
        i += 1
        afterValue()
    }

    private mutating func afterValue() { expect = open.isEmpty ? .end : .commaOrClose }

    private mutating func scanString() -> (Int, String)? {
        let start = i
        i += 1
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { i += 1; return nil }
            if c < 0x20 { return (i, "a control character (\(shown(c))) inside a string") }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { break }
                let e = bytes[i + 1]
                if e == UInt8(ascii: "u") {
                    let hex = bytes[min(i + 2, bytes.count)..<min(i + 6, bytes.count)]
                    guard hex.count == 4, hex.allSatisfy({ Character(Unicode.Scalar($0)).isHexDigit }) else {
                        return (i, "a \\u escape needs 4 hex digits")
                    }
                    i += 6
                    continue
                }
                guard "\"\\/bfnrt".utf8.contains(e) else { return (i, "unknown escape \\\(shown(e, quoted: false))") }
                i += 2
                continue
            }
            i += 1
        }
        return (start, "a string that is never closed")
    }

    private mutating func scanNumber() -> (Int, String)? {
        let start = i
        func digits() -> Int {
            let from = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
            return i - from
        }
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard digits() > 0 else { return (start, "a malformed number") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return (start, "a malformed number (no digits after '.')") }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return (start, "a malformed number (no digits in the exponent)") }
        }
        return nil
    }

    /// A byte for a message: printable ASCII in quotes, anything else as hex.
    private func shown(_ c: UInt8, quoted: Bool = true) -> String {
        guard c >= 0x20, c < 0x7F else { return "byte 0x" + String(c, radix: 16, uppercase: true) }
        let text = String(Character(Unicode.Scalar(c)))
        return quoted ? "'\(text)'" : text
    }
}
