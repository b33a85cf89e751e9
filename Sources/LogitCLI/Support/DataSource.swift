import Foundation
import Logit
import LogitNumerics

/// Where a labelled data set comes from: the embedded Raisin data, a CSV file
/// (or standard input, `-`), or a .npy feature matrix with a .npy label file.
enum DataSource: Sendable, CustomStringConvertible {
    case raisin
    case csv(path: String, labelColumn: String?)
    case npy(features: String, labels: String)

    /// Whether `path` names a .npy file (by its extension).
    static func isNPY(path: String) -> Bool { path.lowercased().hasSuffix(".npy") }

    /// A short name: `raisin`, or the path(s).
    var name: String {
        switch self {
        case .raisin: "raisin"
        case let .csv(path, _): path == "-" ? "<stdin>" : path
        case let .npy(features, labels): "\(features) (labels \(labels))"
        }
    }

    var description: String {
        switch self {
        case .raisin: "Raisin (embedded)"
        default: name
        }
    }

    /// The CSV label column, when the labels come from one.
    var labelColumn: String? {
        switch self {
        case .raisin: "Class"
        case let .csv(_, column): column
        case .npy: nil
        }
    }

    /// Loads the data in precision `T`.
    ///
    /// - Throws: `DataError` naming the file, line and column.
    func load<T: LogitScalar>(as _: T.Type) throws -> Dataset<T> {
        switch self {
        case .raisin:
            return try Dataset<T>.raisin()
        case let .csv(path, column):
            try Self.checkReadable(path)
            if path == "-" {
                let bytes = StandardInput.readAll()
                return try bytes.withUnsafeBytes { buffer in
                    try CSVLoader(labelColumn: column).load(bytes: buffer, source: "<stdin>", as: T.self)
                }
            }
            return try CSVLoader(labelColumn: column).load(path: path, as: T.self)
        case let .npy(features, labels):
            try Self.checkReadable(features)
            try Self.checkReadable(labels)
            // Memory-mapped when the file holds C-order values of precision T:
            // training and scoring read it in place and release its pages as they go.
            return try NPYLoader.loadDataset(features: features, labels: labels, as: T.self, memoryMap: true)
        }
    }

    /// Throws a one-line error naming `path` when it is missing or a folder.
    static func checkReadable(_ path: String) throws {
        guard path != "-" else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError("no such file", file: path)
        }
        guard !isDirectory.boolValue else { throw DataError("is a folder, not a data file", file: path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw DataError("permission denied", file: path) }
    }
}

/// Standard input, read whole.
enum StandardInput {
    static func readAll() -> Data { FileHandle.standardInput.readDataToEndOfFile() }
}
