import Foundation
import Logit
import LogitNumerics

/// Rows to predict: the model's features, read by name from a CSV file (any
/// order, extra columns such as the label ignored) or a .npy matrix, from a
/// file or standard input (`-`, CSV or .npy detected by its first bytes).
struct FeatureRows<T: LogitScalar> {
    /// The features, in the model's column order.
    var features: Matrix<T>
    /// The label text of each row, when the CSV has the label column.
    var labels: [String]?
    /// The input's name for messages.
    var source: String
    /// The line of each row in a CSV file (nil for .npy).
    var lines: [Int]?
    /// The identifier of each row, from the `--id-column` of a CSV file.
    var ids: [String]? = nil

    /// Reads the rows at `path` (`-`: standard input).
    ///
    /// - Parameters:
    ///   - path: the CSV or .npy file, or `-` for standard input.
    ///   - featureNames: the model's features.
    ///   - labelColumn: the label column's name, read when present.
    /// - Throws: `DataError` naming the file, line, column and column name.
    ///   - delimiter: the CSV field separator (nil: tab for `.tsv`, else `,`).
    ///   - idColumn: a CSV column whose text is kept per row (``ids``).
    ///   - missingAsNaN: read empty and `NA`-like cells as NaN (the model imputes them).
    static func read(path: String, featureNames: [String], labelColumn: String?, delimiter: Unicode.Scalar? = nil,
                     idColumn: String? = nil, missingAsNaN: Bool = false) throws -> FeatureRows {
        let source = path == "-" ? "<stdin>" : path
        if idColumn != nil && DataSource.isNPY(path: path) {
            throw CLIError("--id-column names a CSV column, but --data \(path) is .npy")
        }
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(StandardInput.readAll())
        } else {
            try DataSource.checkReadable(path)
            if DataSource.isNPY(path: path) {
                return try npy(path: path, featureNames: featureNames)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DataError("cannot read the file", file: path)
            }
            bytes = Array(data)
        }
        if bytes.starts(with: [0x93] + Array("NUMPY".utf8)) {
            // Parsed in memory: no temporary file to leave behind, and messages say <stdin>.
            let matrix = try bytes.withUnsafeBytes { buffer throws(DataError) in
                try NPYLoader.loadMatrix(bytes: buffer, source: source, as: T.self)
            }
            return try checked(matrix, featureNames: featureNames, source: source)
        }
        if let format = BinaryFormat.detect(bytes) {
            throw DataError("this is \(format.advice)", file: source)
        }
        return try csv(bytes: bytes, source: source, featureNames: featureNames, labelColumn: labelColumn,
                       delimiter: CSVOptions(delimiter: delimiter).delimiter(for: path), idColumn: idColumn,
                       missingAsNaN: missingAsNaN)
    }

    static func npy(path: String, featureNames: [String]) throws -> FeatureRows {
        try checked(try NPYLoader.loadMatrix(path: path, as: T.self, memoryMap: false), featureNames: featureNames,
                    source: path)
    }

    /// A .npy matrix as rows to predict, after checking its width and that every value is finite.
    static func checked(_ matrix: Matrix<T>, featureNames: [String], source: String) throws -> FeatureRows {
        guard matrix.columns == featureNames.count else {
            throw DataError("the model has \(featureNames.count) features (\(featureNames.map { MessageText.shortened($0, to: 60) }.joined(separator: ", "))) but the matrix has \(matrix.columns) columns (shape \(matrix.shapeDescription))",
                            file: source)
        }
        if let (row, column) = NPYLoader.firstNonFinite(matrix) {
            throw DataError("row \(row), column \(column) (\(MessageText.shortened(featureNames[column], to: 60))) is \(matrix[row, column]): features must be finite (rows and columns counted from 0)",
                            file: source)
        }
        return FeatureRows(features: matrix, labels: nil, source: source, lines: nil)
    }

    static func csv(bytes: [UInt8], source: String, featureNames: [String], labelColumn: String?,
                    delimiter: Unicode.Scalar = ",", idColumn: String? = nil,
                    missingAsNaN: Bool = false) throws -> FeatureRows {
        let table = try CSVTable(bytes: bytes, source: source, delimiter: delimiter)
        var idIndex: Int?
        if let idColumn {
            guard let found = table.header.firstIndex(of: idColumn) else {
                throw DataError("no id column named '\(idColumn)'; the columns are \(table.header.map { "'\($0)'" }.joined(separator: ", "))",
                                file: source, line: table.headerLine)
            }
            idIndex = found
        }
        let columns = try DataAlignment.columnIndices(available: table.header, wanted: featureNames, source: source)
        let labelIndex = labelColumn.flatMap { table.header.firstIndex(of: $0) }
        guard !table.records.isEmpty else {
            throw DataError("the file has a header but no data rows", file: source, line: table.headerLine + 1)
        }
        let d = featureNames.count
        var values = [T]()
        values.reserveCapacity(table.records.count * d)
        var labels = labelIndex.map { _ in [String]() }
        for record in table.records {
            guard record.fields.count == table.header.count else {
                throw DataError("expected \(table.header.count) fields, as in the header, but found \(record.fields.count)",
                                file: source, line: record.line,
                                column: min(record.fields.count, table.header.count) + 1)
            }
            for j in columns {
                let text = record.fields[j].trimmingCharacters(in: .whitespaces)
                let shown = MessageText.shortened(text, to: 60)
                let where_ = "in column '\(MessageText.shortened(table.header[j], to: 60))'"
                if missingAsNaN && (text.isEmpty || CSVLoader.missingValueMarkers.contains(text.lowercased())) {
                    values.append(.nan)
                    continue
                }
                guard !text.isEmpty else {
                    throw DataError("empty cell \(where_)", file: source, line: record.line, column: j + 1)
                }
                guard let value = Double(text) else {
                    throw DataError("'\(shown)' is not a number \(where_)", file: source, line: record.line, column: j + 1)
                }
                guard T(value) != 0 || !text.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { ("1"..."9").contains($0) }) else {
                    throw DataError("'\(shown)' is too small for \(T.self): it is not 0 but would read as 0 \(where_)",
                                    file: source, line: record.line, column: j + 1)
                }
                guard value.isFinite, T(value).isFinite else {
                    throw DataError("'\(shown)' is not a finite number \(where_)", file: source, line: record.line,
                                    column: j + 1)
                }
                values.append(T(value))
            }
            if let labelIndex { labels?.append(record.fields[labelIndex]) }
        }
        let matrix = try Matrix(rows: table.records.count, columns: d, elements: values)
        return FeatureRows(features: matrix, labels: labels, source: source, lines: table.records.map(\.line),
                           ids: idIndex.map { j in table.records.map { $0.fields[j] } })
    }
}
