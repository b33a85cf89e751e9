import ArgumentParser
import Foundation
import Logit

/// The `logit` command line.
///
/// Exit status: 0 on success, 1 for bad input (a data file, model file or run
/// that cannot be used: one `error: …` line naming the file, line, column or
/// option), 2 for a usage error (unknown option, bad option value), with the
/// usage printed.
@main
struct LogitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logit",
        abstract: "A BLAS-accelerated logistic-regression engine.",
        version: EngineVersion.current,
        subcommands: [TrainCommand.self, EvaluateCommand.self, PredictCommand.self, MonitorCommand.self, CrossValidateCommand.self,
                      TuneCommand.self, ExplainCommand.self, RunsCommand.self, DemoCommand.self, ExportCommand.self,
                      ModelsCommand.self] + ServiceCommands.all
    )

    /// Parses the arguments (giving a bare `--track` its default), runs the
    /// command and maps errors to exit statuses.
    static func main() {
        #if OpenBLAS
        // Before anything else: OpenBLAS reads its kernel choice only at load time.
        OpenBLASCore.relaunchWithRecommendedCore()
        #endif
        let arguments = ArgumentRewriter.rewrite(Array(CommandLine.arguments.dropFirst()))
        let status = ErrorReporting.run {
            var command = try parseAsRoot(arguments)
            try command.run()
        }
        Foundation.exit(status)
    }
}
