import Foundation
import LogitNumerics

/// Rows to predict: the model's features, read by name from a CSV file (any
/// order, extra columns such as the label ignored) or a .npy matrix, from a
/// file or standard input (`-`, CSV or .npy detected by its first bytes), or
/// a service request's `text/csv` body.
///
/// Memory: the rows read, n·d values (callers bound n: a file the user gave,
/// or a request under the body limit).
public struct FeatureRows<T: LogitScalar>: Sendable {
    /// The features, in the model's column order.
    public var features: Matrix<T>
    /// The label text of each row, when the CSV has the label column.
    public var labels: [String]?
    /// The input's name for messages.
    public var source: String
    /// The line of each row in a CSV file (nil for .npy).
    public var lines: [Int]?
    /// The identifier of each row, from the `--id-column` of a CSV file.
    public var ids: [String]? = nil

    /// Rows with their source, labels, lines and ids.
    public init(features: Matrix<T>, labels: [String]?, source: String, lines: [Int]?, ids: [String]? = nil) {
        self.features = features
        self.labels = labels
        self.source = source
        self.lines = lines
        self.ids = ids
    }

    /// A .npy matrix as rows to predict, after checking its width and that every value is finite.
    ///
    /// - Throws: `DataError` naming `source`, the row and the column.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func checked(_ matrix: Matrix<T>, featureNames: [String], source: String) throws -> FeatureRows {
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

    /// CSV rows (a header naming the columns, then one record per row) with
    /// the model's `featureNames` picked by name, in the model's order.
    ///
    /// - Parameters:
    ///   - labelColumn: the label column's name, read when present.
    ///   - idColumn: a column whose text is kept per row (``ids``).
    ///   - missingAsNaN: read empty and `NA`-like cells as NaN (the model imputes them).
    /// - Throws: `DataError` naming `source`, the line, the column and its name.
    /// - Complexity: O(bytes).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func csv(bytes: [UInt8], source: String, featureNames: [String], labelColumn: String?,
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
