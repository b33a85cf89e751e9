/// An image file that cannot be used: the message names the file and the
/// reason (`tiny_5x5.png: 5×5 pixels, below the 10×10 minimum`).
public struct ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (as given), or a name for bytes that came from elsewhere.
    public var path: String
    /// Why the file was refused.
    public var reason: String

    /// An error for `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
