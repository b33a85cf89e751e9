/// A tracking store that cannot be written or read: the message names the
/// directory or file and what is wrong.
public struct TrackingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or directory at fault, when there is one.
    public var path: String?
    /// What is wrong.
    public var message: String

    /// Describes a problem, optionally with the path it concerns.
    public init(_ message: String, path: String? = nil) {
        self.message = message
        self.path = path
    }

    /// `path: message`, or the message alone.
    public var description: String {
        if let path { return "\(path): \(message)" }
        return message
    }
}
