import Foundation

/// CSV text split into records of fields (RFC 4180: quoted fields may hold
/// commas, line breaks and doubled quotes; LF, CRLF or CR line ends; a leading
/// byte order mark is skipped; blank lines are skipped), each record with the
/// line it starts on. Used for rows to predict, which need not have labels
/// (`logit predict` files and `text/csv` request bodies of the service).
///
/// Memory: the whole text as fields; callers bound the input (the service by
/// its body limit).
public struct CSVTable: Sendable {
    /// One record and the 1-based line it starts on.
    public struct Record: Sendable {
        /// The 1-based line the record starts on.
        public var line: Int
        /// The record's fields, unquoted.
        public var fields: [String]
    }

    /// The header's column names.
    public var header: [String]
    /// The line of the header.
    public var headerLine: Int
    /// The data records.
    public var records: [Record]

    /// Parses `bytes` with fields separated by `delimiter` (ASCII); errors name `source`.
    ///
    /// - Throws: `DataError` for an empty input or an unterminated quoted field.
    /// - Complexity: O(bytes).
    public init(bytes: [UInt8], source: String, delimiter: Unicode.Scalar = ",") throws {
        let separator = UInt8(truncatingIfNeeded: delimiter.value)
        var records = [Record]()
        var fields = [String]()
        var field = [UInt8]()
        var line = 1, recordLine = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var fieldStarted = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].allSatisfy { $0 == " " || $0 == "\t" }
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") && !fieldStarted && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                // Quoted field.
                field.removeAll(keepingCapacity: true)
                let startLine = line
                i += 1
                var closed = false
                while i < bytes.count {
                    let q = bytes[i]
                    if q == UInt8(ascii: "\"") {
                        if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                            field.append(q)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if q == 0x0A || (q == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
                    field.append(q)
                    i += 1
                }
                guard closed else {
                    throw DataError("a quoted field is not closed", file: source, line: startLine, column: fields.count + 1)
                }
                fieldStarted = true
                continue
            }
            switch c {
            case separator:
                endField()
            case 0x0A, 0x0D:
                endRecord()
                if c == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                line += 1
                recordLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let first = records.first else {
            throw DataError("empty file: a header row of column names is required", file: source)
        }
        header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        headerLine = first.line
        self.records = Array(records.dropFirst())
    }
}
