import Foundation
import Logit
import LogitNumerics

/// Reading rows to predict from a file or standard input (`--data`).
extension FeatureRows {
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

}
