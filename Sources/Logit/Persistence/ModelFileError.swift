/// A model file that cannot be read, written or used: the message names the
/// file and what is wrong with it (format, version, shape, feature count).
public struct ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model file, when the problem is with a file.
    public var file: String?
    /// What is wrong.
    public var message: String

    /// Describes a problem, optionally with the file it is in.
    public init(_ message: String, file: String? = nil) {
        self.message = message
        self.file = file
    }

    /// `file: message`, or the message alone.
    public var description: String {
        if let file { return "\(file): \(message)" }
        return message
    }
}
