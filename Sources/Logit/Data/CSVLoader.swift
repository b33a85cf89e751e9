import LogitNumerics

/// Loads a labelled data set from CSV text: a header row of column names, then
/// one row per sample.
///
/// One column holds the labels (by name, default the last column); every other
/// column is a numeric feature, and the feature names are the header's names in
/// file order. ``featureColumns`` selects the features (in the order given)
/// and ``excludedColumns`` leaves columns out (identifiers, free text): columns
/// that are not features are never parsed, so they may hold anything. The labels become class indices with ``LabelEncoder``'s rule:
/// if every label is an integer, the classes are the distinct integers sorted
/// numerically; otherwise the distinct strings sorted lexicographically by code
/// point. This is scikit-learn's `LabelEncoder` order, so for the Raisin data
/// Besni = 0 and Kecimen = 1.
///
/// Format (RFC 4180): fields separated by ``delimiter`` (default `,`); quoted
/// fields may hold delimiters, line breaks and doubled quotes; lines end in LF
/// or CRLF (a lone CR is accepted too); the last line's line break is optional;
/// blank lines at the end are ignored; a leading UTF-8 byte order mark is
/// skipped. Numbers are decimal (`12`, `-0.5`, `1e-3`, `.5`; spaces or tabs
/// around them allowed), parsed from bytes and correctly rounded to the target
/// precision.
///
/// A binary file (Parquet, Arrow, ZIP/xlsx, gzip, HDF5, SQLite, .npy, …) is
/// recognized by its first bytes and refused with a message saying what it is
/// and what to convert it to (see ``BinaryFormat``).
///
/// Every problem is a thrown ``DataError`` naming the file (or the `source`
/// given for a string), the 1-based line and the 1-based column (field index),
/// with the column's name in the message: an empty file, a header with no rows,
/// a row with the wrong number of fields (expected and found), a cell that is
/// empty, not a number (the text is quoted), NaN or infinite, or out of the
/// precision's range, a label column that does not exist (the columns are
/// listed), duplicate column names, a blank line in the middle of the data, a
/// malformed quoted field, and fewer than two classes.
///
/// - Complexity: one pass over the bytes; memory is the matrix (n × d scalars)
///   plus one small label per row. A file is memory-mapped, not read into memory.
public struct CSVLoader: Sendable {
    /// The name of the label column, or nil for the last column.
    public var labelColumn: String?
    /// The field separator: one ASCII character other than `"`, CR and LF.
    public var delimiter: Unicode.Scalar
    /// The feature columns, by name and in this order; nil: every column but
    /// the label and the excluded ones, in file order.
    public var featureColumns: [String]?
    /// Columns that are neither features nor the label (an identifier, free
    /// text): skipped without being parsed.
    public var excludedColumns: [String]
    /// What a missing feature value is: an empty cell, or one of
    /// ``missingValueMarkers`` (`NA`, `N/A`, `NaN`, `null`, …).
    public var missingValues: MissingValues = .error

    /// How the loader treats a missing feature value.
    public enum MissingValues: Sendable, Hashable {
        /// A located error naming the file, line, column and text (the default).
        case error
        /// NaN in the matrix, to be filled by a ``MissingValueImputer`` fitted
        /// on the training rows (training itself refuses NaN).
        case markAsNaN
    }

    /// The cell texts read as missing with ``MissingValues/markAsNaN`` (compared
    /// case-insensitively, blanks trimmed), besides an empty cell: pandas'
    /// default NA markers that are not numbers.
    public static let missingValueMarkers: Set<String> = ["na", "n/a", "nan", "-nan", "null", "none", "#n/a", "<na>", "?"]

    /// A loader taking the labels from `labelColumn` (nil: the last column).
    ///
    /// - Parameters:
    ///   - labelColumn: the label column's name (nil: the last column).
    ///   - delimiter: the field separator (`,`; `\t` for TSV, `;`).
    ///   - featureColumns: the features to read, in order (nil: all the others).
    ///   - excludedColumns: columns to skip.
    public init(labelColumn: String? = nil, delimiter: Unicode.Scalar = ",", featureColumns: [String]? = nil,
                excludedColumns: [String] = []) {
        self.labelColumn = labelColumn
        self.delimiter = delimiter
        self.featureColumns = featureColumns
        self.excludedColumns = excludedColumns
    }

    /// Loads the CSV file at `path`.
    ///
    /// - Throws: ``DataError`` naming `path` (see the type's documentation).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func load<T: LogitScalar>(path: String, as _: T.Type = T.self) throws(DataError) -> Dataset<T> {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(DataError) -> Dataset<T> in
            try load(bytes: file.bytes, source: path, as: T.self)
        }
    }

    /// Loads CSV text held in a string; errors name `source`.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public func load<T: LogitScalar>(csv text: String, source: String = "<string>",
                                     as _: T.Type = T.self) throws(DataError) -> Dataset<T> {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(DataError) -> Dataset<T> in
                try load(bytes: UnsafeRawBufferPointer(buffer), source: source, as: T.self)
            }
        }
        return try result.get()
    }

    /// Loads CSV bytes (UTF-8); errors name `source`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    public func load<T: LogitScalar>(bytes: UnsafeRawBufferPointer, source: String,
                                     as _: T.Type = T.self) throws(DataError) -> Dataset<T> {
        guard delimiter.isASCII, delimiter != "\"", delimiter != "\n", delimiter != "\r" else {
            throw DataError("the delimiter must be one ASCII character other than a quote or a line break, not \(delimiter.debugDescription)",
                            file: source)
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw DataError("empty file: a header row of column names is required", file: source)
        }
        if let format = BinaryFormat.detect(bytes) {
            throw DataError("this is \(format.advice)", file: source)
        }
        var reader = CSVRecordReader(bytes: base.assumingMemoryBound(to: UInt8.self), count: bytes.count,
                                     delimiter: UInt8(ascii: delimiter), source: source)
        guard try reader.nextRecord() else {
            throw DataError("empty file: a header row of column names is required", file: source)
        }
        let names = reader.fields.map { reader.text(of: $0) }
        for (j, field) in reader.fields.enumerated()
        where String(validating: reader.buffer(of: field), as: UTF8.self) == nil {
            throw DataError("the column name \(DataError.quote(names[j])) is not valid UTF-8 text (save the file as UTF-8)",
                            file: source, line: reader.recordLine, column: j + 1)
        }
        let headerLine = reader.recordLine
        let labelIndex = try findLabelColumn(names, source: source, line: headerLine)
        let (target, featureNames) = try featureTargets(names, labelIndex: labelIndex, source: source, line: headerLine)
        let columns = names.count, d = featureNames.count

        var storage = RowStorage<T>(columns: d, capacity: reader.estimatedRemainingLines())
        var rowLabelIDs = [Int]()
        var rowLines = [Int]()
        var distinctLines = [Int]()
        var labelIDs = [[UInt8]: Int]()
        var distinctLabels = [[UInt8]]()
        var lastLabel = [UInt8](), lastLabelID = -1

        /// The id of a raw label (in order of first appearance).
        func labelID(_ text: UnsafeBufferPointer<UInt8>, line: Int) throws(DataError) -> Int {
            if lastLabelID >= 0 && text.elementsEqual(lastLabel) { return lastLabelID }
            guard text.contains(where: { $0 != 0x20 && $0 != 0x09 }) else {
                throw DataError("empty label in column \(DataError.quote(names[labelIndex]))", file: source, line: line,
                                column: labelIndex + 1)
            }
            let key = Array(text)
            let id: Int
            if let known = labelIDs[key] {
                id = known
            } else {
                id = distinctLabels.count
                labelIDs[key] = id
                distinctLabels.append(key)
                distinctLines.append(line)
            }
            lastLabel = key
            lastLabelID = id
            return id
        }

        let input = base.assumingMemoryBound(to: UInt8.self)
        while reader.position < bytes.count {
            let row = storage.appendRow()
            // Fast path: an unquoted record of plain decimals, read in one pass.
            if let fast = target.withUnsafeBufferPointer({ targets in
                CSVLoader.fastRecord(input, bytes.count, from: reader.position, into: row, columns: columns,
                                     labelIndex: labelIndex, targets: targets, delimiter: reader.delimiter)
            }) {
                rowLabelIDs.append(try labelID(UnsafeBufferPointer(start: input + fast.labelStart, count: fast.labelCount),
                                               line: reader.line))
                rowLines.append(reader.line)
                reader.skip(to: fast.end, lines: fast.lineBreaks)
                continue
            }
            // General path: quoting, spaces, slow-path numbers, blank lines and every error.
            guard try reader.nextRecord() else {
                storage.removeLastRow()
                break
            }
            let fieldCount = reader.fields.count
            guard fieldCount == columns else {
                throw DataError("expected \(columns) fields, as in the header, but found \(fieldCount)",
                                file: source, line: reader.recordLine,
                                column: fieldCount < columns ? fieldCount + 1 : columns + 1)
            }
            for j in 0..<columns where target[j] >= 0 {
                let field = reader.fields[j]
                switch DecimalNumberParser.parse(reader.start(of: field), field.count, as: T.self) {
                case .value(let value):
                    row[target[j]] = value
                case .empty where missingValues == .markAsNaN:
                    row[target[j]] = .nan
                case .empty:
                    throw cellError("empty cell", field, j, names, source)
                case .nonFinite where missingValues == .markAsNaN && Self.isMissingMarker(reader.text(of: field)),
                     .invalid where missingValues == .markAsNaN && Self.isMissingMarker(reader.text(of: field)):
                    row[target[j]] = .nan
                case .nonFinite:
                    throw cellError("\(DataError.quote(reader.text(of: field))) is not a finite number (NaN and infinity are not allowed)",
                                    field, j, names, source)
                case .outOfRange:
                    throw cellError("\(DataError.quote(reader.text(of: field))) is out of the range of \(T.self)", field, j, names, source)
                case .underflow:
                    throw cellError("\(DataError.quote(reader.text(of: field))) is too small for \(T.self) (below its smallest value \(T.leastNonzeroMagnitude), it would silently read as 0; write 0 if 0 is meant)",
                                    field, j, names, source)
                case .invalid:
                    throw cellError("\(DataError.quote(reader.text(of: field))) is not a number", field, j, names, source)
                }
            }
            let labelField = reader.fields[labelIndex]
            rowLabelIDs.append(try labelID(reader.buffer(of: labelField), line: labelField.line))
            rowLines.append(reader.recordLine)
        }
        guard storage.rows > 0 else {
            throw DataError("the file has a header but no data rows", file: source, line: headerLine + 1)
        }
        // Class names must be text: bytes that are not UTF-8 would silently become U+FFFD.
        for (id, raw) in distinctLabels.enumerated() where String(validating: raw, as: UTF8.self) == nil {
            throw DataError("the label \(DataError.quote(String(decoding: raw, as: UTF8.self))) in column \(DataError.quote(names[labelIndex])) is not valid UTF-8 text (save the file as UTF-8)",
                            file: source, line: distinctLines[id], column: labelIndex + 1)
        }
        let (classOfID, classNames) = LabelEncoder.order(distinct: distinctLabels)
        guard classNames.count >= 2 else {
            throw DataError("label column \(DataError.quote(names[labelIndex])) has only one class, \(DataError.quote(classNames[0])): classification needs at least two",
                            file: source, column: labelIndex + 1)
        }
        var dataset = try Dataset(features: storage.finish(), labels: rowLabelIDs.map { classOfID[$0] },
                                  featureNames: featureNames, classNames: classNames)
        dataset.labelColumn = names[labelIndex]
        dataset.sourceLines = rowLines
        return dataset
    }

    /// The index of the label column, after checking the header.
    private func findLabelColumn(_ names: [String], source: String, line: Int) throws(DataError) -> Int {
        var seen = [String: Int]()
        for (j, name) in names.enumerated() {
            if let first = seen[name] {
                throw DataError("duplicate column name \(DataError.quote(name)) (columns \(first + 1) and \(j + 1))",
                                file: source, line: line, column: j + 1)
            }
            seen[name] = j
        }
        let index: Int
        if let labelColumn {
            guard let found = names.firstIndex(of: labelColumn) else {
                throw DataError("no label column named \(DataError.quote(labelColumn)); the columns are \(names.map(DataError.quote).joined(separator: ", "))",
                                file: source, line: line)
            }
            index = found
        } else {
            index = names.count - 1
        }
        guard names.count >= 2 else {
            throw DataError("the header has only the label column \(DataError.quote(names[index])): at least one feature column is needed",
                            file: source, line: line)
        }
        return index
    }

    /// For each column, where its value goes in a row (−1: the label or a
    /// skipped column), and the feature names in row order, after checking
    /// that every named column exists and none is named twice.
    private func featureTargets(_ names: [String], labelIndex: Int, source: String,
                                line: Int) throws(DataError) -> ([Int], [String]) {
        func check(_ column: String, _ option: String) throws(DataError) -> Int {
            guard let j = names.firstIndex(of: column) else {
                throw DataError("no column named \(DataError.quote(column)) (\(option)); the columns are \(names.map(DataError.quote).joined(separator: ", "))",
                                file: source, line: line)
            }
            if j == labelIndex {
                throw DataError("column \(DataError.quote(column)) is the label column; it cannot also be \(option == "excluded" ? "excluded" : "a feature")",
                                file: source, line: line, column: j + 1)
            }
            return j
        }
        var excluded = Set<Int>()
        for column in excludedColumns { excluded.insert(try check(column, "excluded")) }
        var target = [Int](repeating: -1, count: names.count)
        var featureNames = [String]()
        if let featureColumns {
            for column in featureColumns {
                let j = try check(column, "a feature")
                guard !excluded.contains(j) else {
                    throw DataError("column \(DataError.quote(column)) is both a feature and excluded", file: source, line: line,
                                    column: j + 1)
                }
                guard target[j] < 0 else {
                    throw DataError("feature column \(DataError.quote(column)) is listed twice", file: source, line: line,
                                    column: j + 1)
                }
                target[j] = featureNames.count
                featureNames.append(column)
            }
        } else {
            for j in names.indices where j != labelIndex && !excluded.contains(j) {
                target[j] = featureNames.count
                featureNames.append(names[j])
            }
        }
        guard !featureNames.isEmpty else {
            throw DataError("no feature columns are left (label \(DataError.quote(names[labelIndex])), excluded \(excludedColumns.map(DataError.quote).joined(separator: ", ")))",
                            file: source, line: line)
        }
        return (target, featureNames)
    }

    /// Reads one record of unquoted fields holding plain decimals (see
    /// ``DecimalNumberParser/parsePrefix(_:_:as:)``) straight into `row`.
    /// Returns nil, having consumed nothing, for anything else; the general
    /// path then reads the record again and reports any error.
    @inline(__always)
    private static func fastRecord<T: LogitScalar>(
        _ input: UnsafePointer<UInt8>, _ count: Int, from start: Int, into row: UnsafeMutablePointer<T>,
        columns: Int, labelIndex: Int, targets: UnsafeBufferPointer<Int>, delimiter: UInt8
    ) -> (end: Int, lineBreaks: Int, labelStart: Int, labelCount: Int)? {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let limit = input + count
        var p = input + start
        var labelStart = 0, labelCount = 0
        for j in 0..<columns {
            let target = targets[j]
            if target < 0 {
                // the label, or a skipped column: text up to the delimiter
                let first = p
                if p < limit && p.pointee == UInt8(ascii: "\"") { return nil }
                while p < limit {
                    let c = p.pointee
                    if c == delimiter || c == lf || c == cr { break }
                    p += 1
                }
                if j == labelIndex {
                    labelStart = first - input
                    labelCount = p - first
                }
            } else {
                guard let (value, end) = DecimalNumberParser.parsePrefix(p, limit, as: T.self) else { return nil }
                row[target] = value
                p = end
            }
            if j < columns - 1 {
                guard p < limit && p.pointee == delimiter else { return nil }
                p += 1
            }
        }
        if p == limit { return (p - input, 0, labelStart, labelCount) }
        if p.pointee == lf { return (p + 1 - input, 1, labelStart, labelCount) }
        guard p.pointee == cr else { return nil }
        p += 1
        if p < limit && p.pointee == lf { p += 1 }
        return (p - input, 1, labelStart, labelCount)
    }

    /// Whether `text` is one of ``missingValueMarkers``.
    static func isMissingMarker(_ text: String) -> Bool {
        var trimmed = Substring(text)
        while trimmed.first == " " || trimmed.first == "\t" { trimmed.removeFirst() }
        while trimmed.last == " " || trimmed.last == "\t" { trimmed.removeLast() }
        return missingValueMarkers.contains(trimmed.lowercased())
    }

    private func cellError(_ what: String, _ field: CSVRecordReader.Field, _ column: Int, _ names: [String],
                           _ source: String) -> DataError {
        DataError("\(what) in column \(DataError.quote(names[column]))", file: source, line: field.line, column: column + 1)
    }
}

/// Row-major scalars growing one row at a time, in 64-byte aligned memory that
/// becomes a matrix without a copy.
private struct RowStorage<T: LogitScalar> {
    private final class Memory {
        var base: UnsafeMutablePointer<T>
        var capacityRows: Int
        var owned = true
        init(base: UnsafeMutablePointer<T>, capacityRows: Int) {
            self.base = base
            self.capacityRows = capacityRows
        }
        deinit { if owned { UnsafeMutableRawPointer(base).deallocate() } }
    }

    let columns: Int
    private(set) var rows = 0
    private let memory: Memory

    init(columns: Int, capacity: Int) {
        self.columns = columns
        let capacityRows = max(capacity, 1)
        memory = Memory(base: RowStorage.allocate(capacityRows * columns), capacityRows: capacityRows)
    }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<T>.stride, alignment: 64)
            .bindMemory(to: T.self, capacity: max(count, 1))
    }

    /// Room for one more row: the returned pointer addresses its `columns` scalars.
    mutating func appendRow() -> UnsafeMutablePointer<T> {
        if rows == memory.capacityRows {
            let grown = RowStorage.allocate(2 * memory.capacityRows * columns)
            grown.initialize(from: memory.base, count: rows * columns)
            UnsafeMutableRawPointer(memory.base).deallocate()
            memory.base = grown
            memory.capacityRows *= 2
        }
        rows += 1
        return memory.base + (rows - 1) * columns
    }

    /// Forgets the last row appended.
    mutating func removeLastRow() { rows -= 1 }

    /// The rows as a matrix that owns the memory (compacted when much of the
    /// reserved room went unused).
    func finish() -> Matrix<T> {
        var base = memory.base
        if memory.capacityRows - rows > max(16, rows / 8) {
            let exact = RowStorage.allocate(rows * columns)
            exact.initialize(from: base, count: rows * columns)
            UnsafeMutableRawPointer(base).deallocate()
            base = exact
        }
        memory.owned = false
        let address = UInt(bitPattern: base)
        return Matrix(wrapping: base, rows: rows, columns: columns, isWritable: true, release: {
            UnsafeMutableRawPointer(bitPattern: address)?.deallocate()
        })
    }
}
