/// An ONNX export that cannot be made or written: the message names the file
/// or the part of the model at fault.
public struct ONNXExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
