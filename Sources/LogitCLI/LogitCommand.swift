import ArgumentParser

/// The `logit` command line.
@main
struct LogitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logit",
        abstract: "A BLAS-accelerated logistic-regression engine.",
        subcommands: [DemoCommand.self]
    )
}
