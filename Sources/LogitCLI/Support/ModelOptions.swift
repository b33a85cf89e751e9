import ArgumentParser
import Logit
import LogitNumerics

/// How a command that uses a model finds it and computes with it: `--model`,
/// `--track`, `--precision`, `--backend`.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The model: a model file, 'latest' (the newest tracked run), or a run id.",
                               valueName: "model"))
    var model: String

    @Option(help: ArgumentHelp("The MLflow tracking folder where 'latest' and run ids are looked up.", valueName: "dir"))
    var track: String = ArgumentRewriter.defaultTrackingDirectory

    @Option(help: "Precision to compute in (default: the model's).")
    var precision: Precision?

    @Option(help: "Numeric backend: blas or swift (default: LOGIT_BACKEND, else blas when built with OpenBLAS).")
    var backend: BackendKind?

    func validate() throws {
        if backend == .blas && !BackendKind.isBLASAvailable {
            throw ValidationError("--backend blas is not in this build (built without the OpenBLAS trait); use --backend swift")
        }
    }

    /// Resolves and reads the model.
    func load() throws -> (file: ModelFile, reference: ModelReference) {
        let reference = try ModelReference(model, trackingDirectory: track)
        return (try reference.load(), reference)
    }

    /// The precision to compute in for `file`.
    func precision(for file: ModelFile) -> Precision {
        precision ?? Precision(rawValue: file.precision) ?? .double
    }

    /// A backend instance.
    func engine() throws -> any NumericBackend {
        do {
            let kind = try backend ?? BackendKind.fromEnvironment()
            return try kind.makeBackend(threads: 1)
        } catch {
            throw CLIError("\(error)")
        }
    }
}
