/// Bad input data: the message names the file, line and column, or the row,
/// column and shape that is wrong.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file the problem is in, when it came from a file.
    public var file: String?
    /// The 1-based line in `file`, when known.
    public var line: Int?
    /// The 1-based column (field) in `line`, when known.
    public var column: Int?
    /// What is wrong.
    public var message: String

    /// Describes a problem, optionally located in a file.
    public init(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column: message`, with the parts that are known.
    public var description: String {
        var location = [String]()
        if let file { location.append(file) }
        if let line { location.append("line \(line)") }
        if let column { location.append("column \(column)") }
        return location.isEmpty ? message : location.joined(separator: ", ") + ": " + message
    }
}
