import ArgumentParser
import Logit
import LogitImages
import LogitNumerics

/// `logit explain`: the weight of every feature, in standardized and original
/// units, and for one row the contribution of each feature to its score.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the weight of every feature (standardized and original units) and, with --row, each feature's contribution to one row's score.")

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: "Explain this row of --data (1 = the first data row).")
    var row: Int?

    @Option(help: ArgumentHelp("The data holding --row: CSV ('-' for standard input) or .npy.", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("Images holding --row instead of --data: an image file (--row 1) or a folder (every file below it, sorted by path), for a model trained with --images.",
                               valueName: "path"))
    var images: String?

    /// The image limits; size and colour come from the model.
    @OptionGroup var imageOptions: PredictImageOptions

    @Flag(help: "Print one JSON object instead of the tables.")
    var json = false

    @Option(name: .customLong("class"), help: ArgumentHelp("Explain this class only: its weights in standardized and original units (a multinomial model shows every class's standardized weights otherwise).",
                                                           valueName: "name"))
    var className: String?

    @Option(help: ArgumentHelp("Show only the K features with the largest weights (and, with --row, contributions).", valueName: "K"))
    var top: Int?

    func validate() throws {
        if data != nil && images != nil { throw ValidationError("give --data FILE or --images PATH, not both") }
        if row != nil && data == nil && images == nil { throw ValidationError("--row needs --data FILE") }
        if (data != nil || images != nil) && row == nil { throw ValidationError("--data needs --row N (the row to explain)") }
        if let row, row < 1 { throw ValidationError("--row \(row) must be ≥ 1 (1 is the first data row)") }
        if let top, top < 1 { throw ValidationError("--top \(top) must be ≥ 1") }
    }

    func run() throws {
        let (file, reference) = try modelOptions.load()
        let explanation = try Explanation(file: file, path: reference.path, className: className, top: top)
        var rowExplanation: Explanation.Row?
        if let row, let source = data ?? images {
            var rows: FeatureRows<Double>
            if images != nil {
                let read = try ImageRows.read(path: source, file: file, options: imageOptions, skipInvalid: false, as: Double.self)
                rows = read.rows
                // Name the image itself: "row 2 of a/b.png".
                if row <= read.paths.count { rows.source = read.paths[row - 1] }
            } else {
                rows = try FeatureRows<Double>.read(path: source, featureNames: file.featureNames, labelColumn: file.labelColumn)
            }
            guard row <= rows.features.rows else {
                throw CLIError("--row \(row): \(rows.source) has \(rows.features.rows) data row\(rows.features.rows == 1 ? "" : "s")")
            }
            rowExplanation = try explanation.explain(
                rows.features.row(row - 1), index: row, line: rows.lines?[row - 1], source: rows.source,
                trueClass: rows.labels?[row - 1], model: try file.model(as: Double.self))
        }
        if json {
            var output = explanation
            output.row = rowExplanation
            try JSONOutput.print(output)
            return
        }
        print(explanation.text, terminator: "")
        if let rowExplanation { print("\n" + rowExplanation.text, terminator: "") }
    }
}
