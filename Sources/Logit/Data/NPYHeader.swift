/// The header of a NumPy `.npy` file: format version, element type, memory
/// order and shape, and where the data starts.
///
/// Layout (NEP 1): the magic bytes `\x93NUMPY`, a major and a minor version
/// byte, the header length (a little-endian `UInt16` in version 1.0, `UInt32`
/// in 2.0 and 3.0), then the header: a Python dict literal such as
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }` padded with
/// spaces and ending in a newline (ASCII in 1.0 and 2.0, UTF-8 in 3.0). The
/// data follows, `shape.product × element size` bytes.
public struct NPYHeader: Sendable, Hashable {
    /// A `.npy` format version.
    public enum Version: Int, Sendable, Hashable, CaseIterable, Codable {
        /// 1.0: header length in 2 bytes (headers up to 65535 bytes), ASCII.
        case v1 = 1
        /// 2.0: header length in 4 bytes, ASCII.
        case v2 = 2
        /// 3.0: header length in 4 bytes, UTF-8.
        case v3 = 3

        /// Bytes before the header text: magic (6), version (2), length (2 or 4).
        var prefixLength: Int { self == .v1 ? 10 : 12 }
    }

    /// The format version.
    public var version: Version
    /// The element type.
    public var elementType: NPYElementType
    /// Whether the data is in Fortran (column-major) order.
    public var fortranOrder: Bool
    /// The array's shape (empty for a 0-dimensional array).
    public var shape: [Int]
    /// The offset of the first data byte from the start of the file.
    public var dataOffset: Int
    /// The number of elements, the product of `shape`.
    public var elementCount: Int
    /// The number of data bytes, `elementCount × elementType.byteCount`.
    public var dataByteCount: Int { elementCount * elementType.byteCount }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Parses the header at the start of `bytes` and checks that the data that
    /// follows has exactly the size the shape implies.
    ///
    /// - Throws: ``DataError`` naming `file` for bad magic bytes, an unsupported
    ///   version or element type, big-endian data, a truncated or unparsable
    ///   header, a negative or overflowing shape, or a data size mismatch.
    static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws(DataError) -> NPYHeader {
        guard bytes.count >= 8 else {
            throw DataError("truncated .npy header: the file has only \(bytes.count) bytes", file: file)
        }
        guard bytes.prefix(6).elementsEqual(magic) else {
            throw DataError("not a .npy file: it does not start with the magic bytes \\x93NUMPY", file: file)
        }
        let major = bytes[6], minor = bytes[7]
        guard minor == 0, let version = Version(rawValue: Int(major)) else {
            throw DataError("unsupported .npy format version \(major).\(minor) (1.0, 2.0 and 3.0 are supported)", file: file)
        }
        guard bytes.count >= version.prefixLength else {
            throw DataError("truncated .npy header: the file ends inside the header length", file: file)
        }
        let headerLength = version == .v1
            ? Int(UInt16(bytes[8]) | UInt16(bytes[9]) << 8)
            : Int(UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24)
        let dataOffset = version.prefixLength + headerLength
        guard bytes.count >= dataOffset else {
            throw DataError("truncated .npy header: it declares \(headerLength) header bytes but the file has only \(bytes.count - version.prefixLength) after the length field",
                            file: file)
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[version.prefixLength..<dataOffset])
        var parser = PythonLiteralParser(bytes: Array(text), file: file)
        let dict = try parser.parseHeaderDict()

        guard case .string(let descr)? = dict["descr"] else {
            if case .list? = dict["descr"] {
                throw DataError("unsupported dtype: structured arrays (a list 'descr') are not supported", file: file)
            }
            throw DataError("the .npy header has no 'descr' string: \(parser.shownText)", file: file)
        }
        let elementType: NPYElementType
        switch NPYElementType.parse(descr: descr) {
        case .success(let type): elementType = type
        case .failure(.bigEndian):
            throw DataError("big-endian data ('\(descr)') is not supported; convert it with arr.astype(arr.dtype.newbyteorder('<'))",
                            file: file)
        case .failure(.unsupported):
            throw DataError("unsupported dtype '\(descr)' (supported: \(NPYElementType.allCases.map(\.descr).joined(separator: ", ")))",
                            file: file)
        }
        guard case .bool(let fortranOrder)? = dict["fortran_order"] else {
            throw DataError("the .npy header has no 'fortran_order' True/False: \(parser.shownText)", file: file)
        }
        guard case .tuple(let dims)? = dict["shape"] else {
            throw DataError("the .npy header has no 'shape' tuple: \(parser.shownText)", file: file)
        }
        var shape = [Int](), count = 1
        for dim in dims {
            guard case .int(let n) = dim, n >= 0 else {
                throw DataError("the .npy shape must hold non-negative integers: \(parser.shownText)", file: file)
            }
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow else { throw DataError("the .npy shape is too large: \(parser.shownText)", file: file) }
            shape.append(n)
            count = product
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: elementType.byteCount)
        guard !overflow else { throw DataError("the .npy shape \(shape) is too large", file: file) }
        let available = bytes.count - dataOffset
        guard available == byteCount else {
            let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
            throw DataError("data size mismatch: shape \(shapeText) of \(descr) needs \(byteCount) data bytes, the file has \(available)",
                            file: file)
        }
        return NPYHeader(version: version, elementType: elementType, fortranOrder: fortranOrder, shape: shape,
                         dataOffset: dataOffset, elementCount: count)
    }

    /// The header bytes (magic to newline) for C-order data of `shape`, padded
    /// so the data starts on a 64-byte boundary, exactly as NumPy writes them.
    /// `version` nil picks 1.0 when the header fits, 2.0 otherwise.
    static func encode(elementType: NPYElementType, shape: [Int], version: Version?) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        // NumPy leaves room for the first dimension to grow to 21 digits.
        let growth = shape.isEmpty ? 0 : max(0, 21 - String(shape[0]).count)
        let dict = Array("{'descr': '\(elementType.descr)', 'fortran_order': False, 'shape': \(shapeText), }".utf8)
            + [UInt8](repeating: 0x20, count: growth)
        func padded(_ version: Version) -> [UInt8] {
            let unpadded = version.prefixLength + dict.count + 1
            let padding = 64 - unpadded % 64
            return dict + [UInt8](repeating: 0x20, count: padding) + [0x0A]
        }
        let chosen = version ?? (padded(.v1).count <= Int(UInt16.max) ? .v1 : .v2)
        let header = padded(chosen)
        var bytes = magic + [UInt8(chosen.rawValue), 0]
        let length = UInt32(header.count)
        bytes.append(UInt8(length & 0xFF))
        bytes.append(UInt8(length >> 8 & 0xFF))
        if chosen != .v1 {
            bytes.append(UInt8(length >> 16 & 0xFF))
            bytes.append(UInt8(length >> 24 & 0xFF))
        }
        return bytes + header
    }
}

/// A parser for the Python literals of a `.npy` header: a dict with string keys
/// whose values are strings, `True`/`False`/`None`, integers (an old `L` suffix
/// allowed), and tuples or lists of those.
struct PythonLiteralParser {
    /// A parsed literal.
    enum Value: Equatable {
        case string(String), bool(Bool), none, int(Int), tuple([Value]), list([Value])
    }

    let bytes: [UInt8]
    let file: String
    var position = 0
    /// How many tuples/lists enclose the value being parsed.
    private var depth = 0
    /// The deepest nesting accepted. NumPy's own headers nest at most 2 levels
    /// (the shape tuple inside the dict); the bound keeps the recursive descent
    /// from exhausting the stack on a hostile header of thousands of `(`.
    static let maximumDepth = 16

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// The header text for messages, shortened.
    var shownText: String {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSuffix { $0 == " " || $0 == "\n" }
        return text.count > 200 ? String(text.prefix(197)) + "..." : String(text)
    }

    /// Parses the whole header: one dict, then only spaces and newlines.
    mutating func parseHeaderDict() throws(DataError) -> [String: Value] {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { throw fail("expected a dict") }
        position += 1
        var dict = [String: Value]()
        while true {
            skipSpace()
            if peek() == UInt8(ascii: "}") { position += 1; break }
            guard case .string(let key) = try parseValue() else { throw fail("dict keys must be strings") }
            skipSpace()
            guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after key '\(key)'") }
            position += 1
            dict[key] = try parseValue()
            skipSpace()
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            if peek() == UInt8(ascii: "}") { position += 1; break }
            throw fail("expected ',' or '}'")
        }
        skipSpace()
        guard position == bytes.count else { throw fail("unexpected text after the dict") }
        return dict
    }

    private mutating func parseValue() throws(DataError) -> Value {
        skipSpace()
        guard let c = peek() else { throw fail("unexpected end of the header") }
        switch c {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return try parseString(quote: c)
        case UInt8(ascii: "("), UInt8(ascii: "["):
            let close = c == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
            guard depth < Self.maximumDepth else {
                throw fail("tuples and lists nested deeper than \(Self.maximumDepth) levels")
            }
            depth += 1
            defer { depth -= 1 }
            position += 1
            var items = [Value]()
            while true {
                skipSpace()
                if peek() == close { position += 1; break }
                items.append(try parseValue())
                skipSpace()
                if peek() == UInt8(ascii: ",") { position += 1; continue }
                if peek() == close { position += 1; break }
                throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))'")
            }
            return c == UInt8(ascii: "(") ? .tuple(items) : .list(items)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseInteger()
        default:
            for (word, value) in [("True", Value.bool(true)), ("False", .bool(false)), ("None", .none)]
            where bytes[position...].starts(with: word.utf8) {
                position += word.utf8.count
                return value
            }
            throw fail("unexpected character '\(Character(Unicode.Scalar(c)))'")
        }
    }

    private mutating func parseString(quote: UInt8) throws(DataError) -> Value {
        position += 1
        var text = [UInt8]()
        while let c = peek() {
            position += 1
            if c == quote { return .string(String(decoding: text, as: UTF8.self)) }
            if c == UInt8(ascii: "\\") {
                guard let escaped = peek() else { break }
                text.append(escaped)
                position += 1
            } else {
                text.append(c)
            }
        }
        throw fail("unterminated string")
    }

    private mutating func parseInteger() throws(DataError) -> Value {
        var negative = false
        if peek() == UInt8(ascii: "-") { negative = true; position += 1 }
        var value = 0, sawDigit = false
        while let c = peek(), c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            guard !o1 && !o2 else { throw fail("integer too large") }
            value = next
            sawDigit = true
            position += 1
        }
        guard sawDigit else { throw fail("expected digits") }
        if peek() == UInt8(ascii: "L") || peek() == UInt8(ascii: "l") { position += 1 }
        return .int(negative ? -value : value)
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while let c = peek(), c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { position += 1 }
    }

    private func fail(_ why: String) -> DataError {
        DataError("cannot parse the .npy header dict (\(why) at byte \(position)): \(shownText)", file: file)
    }
}

extension String {
    /// The string without the trailing characters matching `predicate`.
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[..<end]
    }
}
