#if Service
/// A problem that stops the service from starting or a key from being
/// created: a bad option, key file or model. One line naming the option,
/// file and line.
public struct ServeSetupError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
#endif
