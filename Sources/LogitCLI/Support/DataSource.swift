import Foundation
import Logit
import LogitImages
import LogitNumerics

/// How to read a CSV file's columns: `--delimiter`, `--features`, `--drop`, `--id-column`.
struct CSVOptions: Sendable, Equatable {
    /// The field separator (nil: tab for a `.tsv` file, else `,`).
    var delimiter: Unicode.Scalar?
    /// The feature columns, in order (nil: all but the label and the left-out ones).
    var features: [String]?
    /// Columns that are not features (`--drop`).
    var dropped: [String] = []
    /// An identifier column: never a feature; `predict` echoes it.
    var idColumn: String?
    /// Read missing cells (empty, `NA`, `NaN`, …) as NaN, for a model that imputes them.
    var missingAsNaN = false

    /// The delimiter for the file at `path`.
    func delimiter(for path: String) -> Unicode.Scalar {
        delimiter ?? (path.lowercased().hasSuffix(".tsv") ? "\t" : ",")
    }

    /// A loader with these options.
    func loader(labelColumn: String?, path: String) -> CSVLoader {
        var loader = CSVLoader(labelColumn: labelColumn, delimiter: delimiter(for: path), featureColumns: features,
                               excludedColumns: dropped + (idColumn.map { [$0] } ?? []))
        if missingAsNaN { loader.missingValues = .markAsNaN }
        return loader
    }

    /// `--delimiter` text as one character: `tab` or `\t` for a tab, else one ASCII character.
    static func parseDelimiter(_ text: String) throws -> Unicode.Scalar {
        switch text.lowercased() {
        case "tab", "\\t", "\t": return "\t"
        case "comma": return ","
        case "semicolon": return ";"
        default:
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 1, scalars[0].isASCII, scalars[0] != "\"", scalars[0] != "\n", scalars[0] != "\r" else {
                throw CLIError("--delimiter \(text): give one ASCII character (',' ';' '|'), or 'tab'")
            }
            return scalars[0]
        }
    }

    /// A comma-separated list of column names (`--features a,b`), blanks trimmed.
    static func parseList(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

/// Where a labelled data set comes from: the embedded Raisin data, a CSV file
/// (or standard input, `-`), or a .npy feature matrix with a .npy label file.
enum DataSource: Sendable, CustomStringConvertible {
    case raisin
    case csv(path: String, labelColumn: String?, options: CSVOptions = CSVOptions())
    case npy(features: String, labels: String, classNames: [String]? = nil)
    /// An image folder, one subfolder per class (`--images`).
    case images(ImageSource)

    /// Whether `path` names a .npy file (by its extension).
    static func isNPY(path: String) -> Bool { path.lowercased().hasSuffix(".npy") }

    /// A short name: `raisin`, or the path(s).
    var name: String {
        switch self {
        case .raisin: "raisin"
        case let .csv(path, _, _): path == "-" ? "<stdin>" : path
        case let .npy(features, labels, _): "\(features) (labels \(labels))"
        case let .images(source): source.path
        }
    }

    var description: String {
        switch self {
        case .raisin: "Raisin (embedded)"
        default: name
        }
    }

    /// The CSV label column, when the labels come from one: the one named, or
    /// else the last column of the file's header (nil for standard input).
    var labelColumn: String? {
        switch self {
        case .raisin: "Class"
        case let .csv(path, column, options): column ?? Self.lastHeaderColumn(path: path, delimiter: options.delimiter(for: path))
        case .npy, .images: nil
        }
    }

    /// The CSV options, when the data is CSV.
    var csvOptions: CSVOptions {
        if case let .csv(_, _, options) = self { return options }
        return CSVOptions()
    }

    /// The last name in the header line of the CSV file at `path` (nil when it
    /// cannot be read cheaply: standard input, a missing file, a quoted header).
    static func lastHeaderColumn(path: String, delimiter: Unicode.Scalar) -> String? {
        guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16), let text = String(data: head, encoding: .utf8) else { return nil }
        guard let line = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).first,
              !line.contains("\"") else { return nil }
        let name = line.split(separator: Character(delimiter), omittingEmptySubsequences: false).last
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return name.map { $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }
    }

    /// The image preprocessing, when the data is an image folder.
    var imagePreprocessing: ImagePreprocessing? {
        if case let .images(source) = self { return source.loader.preprocessing }
        return nil
    }

    /// Loads the data in precision `T`.
    ///
    /// - Throws: `DataError` naming the file, line and column.
    func load<T: LogitScalar>(as _: T.Type) throws -> Dataset<T> {
        switch self {
        case .raisin:
            return try Dataset<T>.raisin()
        case let .csv(path, column, options):
            try Self.checkReadable(path)
            let loader = options.loader(labelColumn: column, path: path)
            if path == "-" {
                let bytes = StandardInput.readAll()
                return try bytes.withUnsafeBytes { buffer in
                    try loader.load(bytes: buffer, source: "<stdin>", as: T.self)
                }
            }
            return try loader.load(path: path, as: T.self)
        case let .npy(features, labels, classNames):
            try Self.checkReadable(features)
            try Self.checkReadable(labels)
            // Memory-mapped when the file holds C-order values of precision T:
            // training and scoring read it in place and release its pages as they go.
            var data = try NPYLoader.loadDataset(features: features, labels: labels, as: T.self, memoryMap: true)
            if let classNames { try Self.name(&data, classNames, labels: labels) }
            return data
        case let .images(source):
            return try source.load(as: T.self)
        }
    }

    /// Gives .npy data's integer classes the names of `--class-names`: the
    /// i-th name is the i-th class in ascending order of the label values.
    static func name<T: LogitScalar>(_ data: inout Dataset<T>, _ names: [String], labels: String) throws {
        guard names.count == data.classNames.count else {
            throw DataError("--class-names gives \(names.count) names (\(names.joined(separator: ", "))) but the labels hold \(data.classNames.count) classes (\(data.classNames.joined(separator: ", ")))",
                            file: labels)
        }
        guard Set(names).count == names.count else {
            throw CLIError("--class-names \(names.joined(separator: ",")): a name is repeated")
        }
        data.classNames = names
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
