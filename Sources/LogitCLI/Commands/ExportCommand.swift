import ArgumentParser
import Foundation
import Logit
import LogitONNX

/// `logit export`: a model in a format other tools read: ONNX (raw features in,
/// `label` and `probabilities` out, as skl2onnx's LogisticRegression) or plain
/// weights + scaler JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a model as ONNX (runs in ONNX Runtime) or as plain weights JSON.",
        discussion: """
        ONNX: one graph from raw feature rows (input X, [N, d]) through the model's missing-value fill and \
        scaler to outputs label ([N]; int64 when every class name is an integer, else string) and \
        probabilities ([N, k]); opset \(ONNXExporter.opsetVersion), IR version \(ONNXExporter.irVersion). \
        --precision float gives float32 input and probabilities, double float64 (default: the model's precision).
        """
    )

    /// The export formats.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case onnx
        case jsonWeights = "json-weights"
    }

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "onnx or json-weights.")
    var format: Format

    @Option(help: ArgumentHelp("The file to write (atomically).", valueName: "file"))
    var output: String

    func run() throws {
        let (file, reference) = try modelOptions.load()
        try OutputDestination.check(output, inputs: [("--model", reference.path)])
        switch format {
        case .onnx:
            let type: ONNXInputType = modelOptions.precision(for: file) == .float ? .float : .double
            do {
                try ONNXExporter(model: file, inputType: type).write(to: output)
            } catch {
                throw CLIError("\(error)")
            }
        case .jsonWeights:
            try WeightsExport(model: file).write(to: output)
        }
    }
}
