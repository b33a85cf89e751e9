/// A user error found by the command line itself (a missing file, an option
/// that does not fit the data): printed as one `error: …` line, exit status 1.
struct CLIError: Error, CustomStringConvertible {
    /// What is wrong, naming the file, line, column or option.
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}
