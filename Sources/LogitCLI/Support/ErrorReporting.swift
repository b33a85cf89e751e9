import ArgumentParser
import Foundation
import Logit
import LogitNumerics

/// Maps what a command throws to an exit status and a message on standard
/// error: user errors are one `error: …` line (status 1), usage errors print
/// the parser's message and usage (status 2), help and version go to
/// standard output (status 0). No stack traces.
enum ErrorReporting {
    /// Exit status for bad input.
    static let badInput: Int32 = 1
    /// Exit status for a usage error.
    static let usage: Int32 = 2

    /// Runs `body` and returns the exit status.
    static func run(_ body: () throws -> Void) -> Int32 {
        do {
            try body()
            return 0
        } catch {
            return report(error)
        }
    }

    /// Prints `error` and returns its exit status.
    static func report(_ error: any Error) -> Int32 {
        if let message = userMessage(error) {
            // One line, no raw control bytes: names and cells in messages come from untrusted files.
            printError("error: \(MessageText.escaped(message))")
            return badInput
        }
        let code = LogitCommand.exitCode(for: error)
        let message = LogitCommand.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        if code == .validationFailure {
            printError(message)
            return usage
        }
        if !message.isEmpty { printError(message) }
        return code.rawValue
    }

    /// The one-line message of a user error, or nil for parser errors and exit codes.
    static func userMessage(_ error: any Error) -> String? {
        switch error {
        case let error as DataError: return error.description
        case let error as TrainingError: return error.description
        case let error as ModelFileError: return error.description
        case let error as TrackingError: return error.description
        case let error as NumericError: return error.description
        case let error as CLIError: return error.message
        case is ExitCode, is CleanExit, is ValidationError: return nil
        default:
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return nil }
            if error is CocoaError || (error as NSError).domain == NSCocoaErrorDomain {
                return ModelFile.reason(error)  // words, not "NSCocoaErrorDomain error 256"
            }
            return String(describing: error)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
