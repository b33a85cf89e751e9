import ArgumentParser
import Foundation
import Logit
import LogitONNX

/// `logit models`: the model registry in MLflow's file-store layout beside the
/// runs of `--track` (register, alias, rollback, list, show), and model cards.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "The model registry (MLflow's layout, beside the runs of --track): register, alias, rollback, list, show.",
        discussion: "A registered version is named everywhere a model is taken: --model models:/NAME/VERSION or models:/NAME@ALIAS.",
        subcommands: [Register.self, Alias.self, Rollback.self, List.self, Show.self, Card.self]
    )

    /// The tracking folder option shared by the subcommands.
    struct Store: ParsableArguments {
        @Option(help: ArgumentHelp("The MLflow tracking folder holding the registry (DIR/models).", valueName: "dir"))
        var track: String = ArgumentRewriter.defaultTrackingDirectory

        var registry: ModelRegistry { ModelRegistry(trackingDirectory: track) }
    }

    /// `logit models register`.
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a model file or a tracked run's model as the next version of NAME.")

        @OptionGroup var store: Store

        @Option(help: ArgumentHelp("The model: a model file, 'latest', a run id or run name, or models:/… .", valueName: "model"))
        var model: String?

        @Option(name: .customLong("run"), help: ArgumentHelp("A tracked run whose model to register (same as --model ID).", valueName: "id"))
        var runID: String?

        @Option(help: ArgumentHelp("The registered model's name.", valueName: "name"))
        var name: String

        @Option(help: ArgumentHelp("A description of this version.", valueName: "text"))
        var description: String?

        @Flag(help: "Print the new version as JSON.")
        var json = false

        func validate() throws {
            if (model == nil) == (runID == nil) { throw ValidationError("give exactly one of --model and --run") }
        }

        func run() throws {
            let reference = try ModelReference(model ?? runID!, trackingDirectory: store.track)
            let file = try reference.load()
            let card = try ModelCard(modelPath: reference.path, info: ModelCardInfo(name: name)).markdown
            var artifacts: [String: Data]
            do {
                // an MLflow model folder: MLmodel, model.onnx and the card beside the model file
                artifacts = try MLflowModelFolder.files(model: file, modelFileData: Data(), card: card)
                artifacts[ModelRegistry.modelFileName] = nil  // the registry copies the file itself
            } catch {
                throw CLIError("--model \(reference.path): cannot export ONNX: \(error)")
            }
            let version = try store.registry.register(modelPath: reference.path, name: name, runID: reference.runID,
                                                      artifacts: artifacts, description: description)
            if json {
                struct Registered: Encodable { var name: String, version: Int, uri: String, path: String }
                try JSONOutput.print(Registered(name: version.name, version: version.version,
                                                uri: "models:/\(version.name)/\(version.version)", path: version.modelPath))
            } else {
                print("Registered \(version.name) version \(version.version) (models:/\(version.name)/\(version.version)) from \(version.source)")
            }
        }
    }

    /// `logit models alias`.
    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Point ALIAS of NAME at VERSION (e.g. production).")

        @OptionGroup var store: Store
        @Argument(help: "The registered model.") var name: String
        @Argument(help: "The alias (letters, digits, _ and -).") var alias: String
        @Argument(help: "The version number.") var version: Int

        func run() throws {
            let before = try store.registry.aliases(name: name)[alias]
            try store.registry.setAlias(alias, name: name, version: version)
            print("\(name)@\(alias) -> version \(version)" + (before.map { " (was version \($0))" } ?? ""))
        }
    }

    /// `logit models rollback`.
    struct Rollback: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move ALIAS of NAME back to the version it pointed to before.")

        @OptionGroup var store: Store
        @Argument(help: "The registered model.") var name: String
        @Argument(help: "The alias.") var alias: String

        func run() throws {
            let moved = try store.registry.rollback(alias: alias, name: name)
            print("\(name)@\(alias) -> version \(moved.to) (rolled back from version \(moved.from))")
        }
    }

    /// `logit models list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered models: versions, latest, aliases.")

        @OptionGroup var store: Store

        func run() throws {
            let registry = store.registry
            let names = try registry.modelNames()
            guard !names.isEmpty else {
                print("No registered models in \(registry.modelsDirectory) (register one with `logit models register --model M --name NAME`).")
                return
            }
            var table = TextTable(["name", "versions", "latest", "aliases", "problems"], leftAligned: [0, 3, 4])
            for name in names {
                let versions = try registry.versions(name: name)
                let aliases = try registry.aliases(name: name).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                let live = versions.filter { $0.stage != ModelRegistry.deletedStage }
                let problems = versions.filter { $0.problem != nil }.map { "v\($0.version) \($0.problem!)" }
                table.add([name, String(live.count), live.last.map { String($0.version) } ?? "-",
                           aliases.joined(separator: " "), problems.isEmpty ? "" : problems.joined(separator: "; ")])
            }
            print(table.text, terminator: "")
        }
    }

    /// `logit models show`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a registered model's versions, aliases and alias history.")

        @OptionGroup var store: Store
        @Argument(help: "The registered model.") var name: String

        func run() throws {
            let registry = store.registry
            let versions = try registry.versions(name: name)
            let aliases = try registry.aliases(name: name)
            print("\(name): \(versions.count) version\(versions.count == 1 ? "" : "s") in \(registry.modelsDirectory)/\(name)")
            var table = TextTable(["version", "registered", "aliases", "source", "status"], leftAligned: [2, 3, 4])
            for version in versions {
                let date = Date(timeIntervalSince1970: Double(version.creationTimestamp) / 1000)
                table.add([String(version.version), date.formatted(.iso8601), version.aliases.joined(separator: ","),
                           version.source, version.problem ?? "ok"])
            }
            print(table.text, terminator: "")
            for (alias, target) in aliases.sorted(by: { $0.key < $1.key }) {
                let history = registry.aliasHistory(name: name, alias: alias)
                print("alias \(alias) -> \(target); history: \(history.map(String.init).joined(separator: " -> "))")
            }
        }
    }

    /// `logit models card`.
    struct Card: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a model card (Markdown, or --html) generated from the model file alone.")

        @OptionGroup var store: Store
        @Argument(help: "The model: a model file, 'latest', a run id or name, or models:/NAME/VERSION or models:/NAME@ALIAS.")
        var model: String

        @Flag(help: "Write HTML instead of Markdown.")
        var html = false

        @Option(help: ArgumentHelp("A JSON file with name, intendedUse, limitations and owners.", valueName: "file"))
        var info: String?

        @Option(help: ArgumentHelp("Write here (atomically) instead of standard output.", valueName: "file"))
        var output: String?

        func run() throws {
            let reference = try ModelReference(model, trackingDirectory: store.track)
            var details = try info.map { path in try ModelCardInfo.read(from: path) } ?? ModelCardInfo()
            if details.name == nil, model.hasPrefix(ModelURI.prefix) { details.name = String(model.dropFirst(ModelURI.prefix.count)) }
            if let output { try OutputDestination.check(output, inputs: [("--model", reference.path)]) }
            let card = try ModelCard(modelPath: reference.path, info: details)
            let text = html ? card.html : card.markdown
            if let output {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CLIError("--output \(output): cannot write: \(ModelFile.reason(error))")
                }
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
        }
    }
}
