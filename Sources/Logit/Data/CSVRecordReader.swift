#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits CSV bytes into records and fields (RFC 4180), without copying
/// unquoted fields.
///
/// - A field starting with `"` is quoted: it may hold delimiters, line breaks
///   and `""` (one literal quote); spaces or tabs may follow the closing quote,
///   then the delimiter or the end of the line must.
/// - A `"` inside an unquoted field is an ordinary character.
/// - Lines end in LF, CRLF or a lone CR; the last line may lack one.
/// - A blank line (nothing, or only spaces and tabs) ends the data when only blank
///   lines follow it; a blank line with data after it is an error.
///
/// Line numbers are 1-based physical lines, so a record with a quoted line break
/// spans two.
struct CSVRecordReader {
    /// One field of the current record.
    struct Field {
        /// Offset of the first byte, in the input or (when `inScratch`) in ``scratch``.
        var start: Int
        /// Length in bytes (quotes removed for quoted fields).
        var count: Int
        /// Whether the bytes are in ``scratch`` (a quoted field, unescaped).
        var inScratch: Bool
        /// The line the field starts on.
        var line: Int
    }

    let bytes: UnsafePointer<UInt8>
    let count: Int
    let delimiter: UInt8
    let source: String
    /// The next byte to read.
    private(set) var position = 0
    /// The line `position` is on.
    private(set) var line = 1
    /// The line the current record starts on.
    private(set) var recordLine = 1
    /// The fields of the current record.
    private(set) var fields: [Field] = []
    /// Unescaped contents of the current record's quoted fields.
    private let scratch = ScratchBytes()

    private static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r"), quote = UInt8(ascii: "\"")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    init(bytes: UnsafePointer<UInt8>, count: Int, delimiter: UInt8, source: String) {
        self.bytes = bytes
        self.count = count
        self.delimiter = delimiter
        self.source = source
        // A UTF-8 byte order mark (as Excel writes) is not part of the first name.
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// Moves past a record that the caller read itself, `lines` line breaks long.
    mutating func skip(to newPosition: Int, lines: Int) {
        position = newPosition
        line += lines
    }

    /// Whether only blank lines (or nothing) remain.
    var isAtEnd: Bool { restIsBlank(from: position) }

    /// The first byte of `field` (its `count` bytes follow), valid until the
    /// next call of ``nextRecord()``.
    @inline(__always)
    func start(of field: Field) -> UnsafePointer<UInt8> {
        field.inScratch ? UnsafePointer(scratch.base + field.start) : bytes + field.start
    }

    /// The bytes of `field`, valid until the next call of ``nextRecord()``.
    func buffer(of field: Field) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: start(of: field), count: field.count)
    }

    /// The text of `field`.
    func text(of field: Field) -> String {
        String(decoding: buffer(of: field), as: UTF8.self)
    }

    /// Reads the next record into ``fields``.
    ///
    /// - Returns: false when no record is left (end of input, or only blank lines).
    /// - Throws: ``DataError`` for a blank line in the middle, an unterminated
    ///   quoted field, or text after a closing quote.
    mutating func nextRecord() throws(DataError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        scratch.count = 0
        if position >= count { return false }
        var q = position
        while q < count, isBlankByte(bytes[q]) { q += 1 }
        if q == count || bytes[q] == Self.lf || bytes[q] == Self.cr {
            if restIsBlank(from: q) { position = count; return false }
            throw DataError("blank line inside the data (only blank lines may follow the last record)",
                            file: source, line: line)
        }
        recordLine = line
        while true {
            let fieldLine = line
            if position < count && bytes[position] == Self.quote {
                try readQuoted(fieldLine: fieldLine)
            } else {
                let start = position
                while position < count {
                    let c = bytes[position]
                    if c == delimiter || c == Self.lf || c == Self.cr { break }
                    position += 1
                }
                fields.append(Field(start: start, count: position - start, inScratch: false, line: fieldLine))
            }
            if position >= count { return true }
            let c = bytes[position]
            position += 1
            if c == delimiter { continue }
            if c == Self.cr && position < count && bytes[position] == Self.lf { position += 1 }
            line += 1
            return true
        }
    }

    /// Reads a quoted field starting at `position` (on the opening quote).
    private mutating func readQuoted(fieldLine: Int) throws(DataError) {
        position += 1
        let start = scratch.count
        while true {
            let remaining = count - position
            let found = remaining > 0 ? memchr(bytes + position, Int32(Self.quote), remaining) : nil
            guard let found else {
                throw DataError("quoted field is never closed (it starts on this line, column \(fields.count + 1))",
                                file: source, line: fieldLine, column: fields.count + 1)
            }
            let end = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes
            scratch.append(bytes + position, end - position)
            line += lineBreaks(from: position, to: end)
            position = end + 1
            if position < count && bytes[position] == Self.quote {
                scratch.append(Self.quote)
                position += 1
                continue
            }
            break
        }
        while position < count && isBlankByte(bytes[position]) { position += 1 }
        if position < count {
            let c = bytes[position]
            if c != delimiter && c != Self.lf && c != Self.cr {
                throw DataError("unexpected character '\(Character(Unicode.Scalar(c)))' after the closing quote of a quoted field",
                                file: source, line: line, column: fields.count + 1)
            }
        }
        fields.append(Field(start: start, count: scratch.count - start, inScratch: true, line: fieldLine))
    }

    /// Line breaks (LF, CRLF, lone CR) in `bytes[from..<to]`.
    private func lineBreaks(from: Int, to: Int) -> Int {
        var n = 0, i = from
        while i < to {
            if bytes[i] == Self.lf {
                n += 1
            } else if bytes[i] == Self.cr && !(i + 1 < count && bytes[i + 1] == Self.lf) {
                n += 1
            }
            i += 1
        }
        return n
    }

    /// Spaces and tabs, unless that byte is the delimiter.
    @inline(__always)
    private func isBlankByte(_ c: UInt8) -> Bool {
        (c == Self.space || c == Self.tab) && c != delimiter
    }

    private func restIsBlank(from start: Int) -> Bool {
        var i = start
        while i < count {
            let c = bytes[i]
            if !(isBlankByte(c) || c == Self.lf || c == Self.cr) { return false }
            i += 1
        }
        return true
    }

    /// An upper-bound guess of the number of lines from `position` on (for
    /// reserving memory): the number of LF bytes plus one, or of CR bytes plus
    /// one in a file without LF.
    func estimatedRemainingLines() -> Int {
        var lines = 0, i = position
        while i < count, let found = memchr(bytes + i, Int32(Self.lf), count - i) {
            lines += 1
            i = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes + 1
        }
        if lines == 0 {
            i = position
            while i < count, let found = memchr(bytes + i, Int32(Self.cr), count - i) {
                lines += 1
                i = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - bytes + 1
            }
        }
        return lines + 1
    }
}

/// Growable bytes at a stable address between growths: the unescaped quoted
/// fields of one record.
private final class ScratchBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init() {
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func append(_ source: UnsafePointer<UInt8>, _ n: Int) {
        reserve(count + n)
        (base + count).update(from: source, count: n)
        count += n
    }

    func append(_ byte: UInt8) {
        reserve(count + 1)
        base[count] = byte
        count += 1
    }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = max(needed, 2 * capacity)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = grown
    }
}
