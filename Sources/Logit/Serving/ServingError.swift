/// A request that the serving code (model loading, explanation, scoring)
/// cannot answer: an unknown model reference, a class that is not the
/// model's, a threshold on a multinomial model. One line of text naming
/// what was asked and why it cannot be done.
public struct ServingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, naming the model, option, row or class.
    public var message: String

    /// An error with `message`.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
