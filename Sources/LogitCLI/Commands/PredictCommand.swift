import ArgumentParser
import Foundation
import Logit
import LogitImages
import LogitNumerics

/// `logit predict`: the predicted class and the class probabilities of every row.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the class and class probabilities of every row, as CSV or JSON lines.")

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Rows to predict: CSV with the model's feature columns (any order; others ignored) or .npy; '-' reads standard input.",
                               valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("A folder of images to classify (every file below it, sorted by path), for a model trained with --images.",
                               valueName: "dir"))
    var images: String?

    @Argument(help: ArgumentHelp("Image files to classify, for a model trained with --images.", valueName: "image"))
    var imageFiles: [String] = []

    @Option(help: "Output format: csv (a header, then predicted class and one probability per class) or jsonl (one JSON object per row).")
    var format: PredictionFormat = .csv

    @Flag(help: "Same as --format jsonl.")
    var json = false

    @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("A CSV identifier column, echoed as the first output column (the 'id' field in JSON lines) so results join back.",
                               valueName: "name"))
    var idColumn: String?

    @Option(help: "Digits after the point in the probabilities (0–17).")
    var digits: Int = 6

    @Option(help: ArgumentHelp("Binary models: predict the second class when its probability is ≥ this (default 0.5; see logit evaluate --tune-threshold).",
                               valueName: "t"))
    var threshold: Double?

    func validate() throws {
        let inputs = [data != nil, images != nil, !imageFiles.isEmpty].filter { $0 }.count
        if inputs != 1 {
            throw ValidationError(inputs == 0 ? "give the rows to predict: --data FILE, --images DIR, or image files"
                : "give one of --data FILE, --images DIR, or image files")
        }
        if data == nil, idColumn != nil || delimiter != nil {
            throw ValidationError("--id-column and --delimiter are for CSV --data; image predictions are keyed by path")
        }
        guard (0...17).contains(digits) else { throw ValidationError("--digits \(digits) must be in 0...17") }
        if let threshold, !(threshold > 0 && threshold < 1) {
            throw ValidationError("--threshold \(threshold) must be strictly between 0 and 1")
        }
    }

    @Option(help: ArgumentHelp("CSV field separator: one character (',' ';' '|') or 'tab'. Default: tab for .tsv files, else ','.",
                               valueName: "char"))
    var delimiter: String?

    @Flag(name: .customLong("skip-invalid"),
          help: "Leave out rows whose probabilities are not finite (NaN or infinity), or image files that cannot be used, reporting each on standard error, instead of stopping with an error.")
    var skipInvalid = false

    /// The image limits (`--max-image-mb`, …); size and colour come from the model.
    @OptionGroup var imageOptions: PredictImageOptions

    func run() throws {
        let reference = try ModelReference(modelOptions.model, trackingDirectory: modelOptions.track)
        if let output {
            try OutputDestination.check(output, inputs: [("--model", reference.path)] + (data.map { [("--data", $0)] } ?? []))
        }
        let file = try reference.load()
        guard data != nil else {
            let paths = try images.map { dir throws(ImageError) in try ImageFolder.files(in: dir, recursive: true) } ?? imageFiles
            let options = ImagePredictionOutput(format: format == .jsonl || json ? .jsonl : .csv, digits: digits,
                                                threshold: threshold, output: output)
            let report = switch modelOptions.precision(for: file) {
            case .float: try options.predict(paths: paths, file: file, loader: try imageOptions.loader(preprocessing: file.imagePreprocessing, skipInvalid: skipInvalid), as: Float.self)
            case .double: try options.predict(paths: paths, file: file, loader: try imageOptions.loader(preprocessing: file.imagePreprocessing, skipInvalid: skipInvalid), as: Double.self)
            }
            ImageSource.summarize(report, path: images ?? "the command line")
            return
        }
        let lines: [String] = switch modelOptions.precision(for: file) {
        case .float: try predict(file, Float.self)
        case .double: try predict(file, Double.self)
        }
        let text = lines.joined(separator: "\n") + "\n"
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CLIError("--output \(output): cannot write: \(ModelFile.fileProblem(error, path: output, writing: true))")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func predict<T: LogitScalar>(_ file: ModelFile, _: T.Type) throws -> [String] {
        let rows = try FeatureRows<T>.read(path: data!, featureNames: file.featureNames, labelColumn: file.labelColumn,
                                           delimiter: try delimiter.map(CSVOptions.parseDelimiter), idColumn: idColumn,
                                           missingAsNaN: file.imputer != nil)
        // the library's scorer: the model's imputer (if any), its scaler, probabilities, then the labels
        let scorer = try ModelScorer<T>(file)
        let classes = file.classNames
        if threshold != nil && classes.count != 2 {
            throw CLIError("--threshold is for binary models; this model has \(classes.count) classes (\(classes.joined(separator: ", ")))")
        }
        let scored = try scorer.score(rows.features, threshold: threshold, backend: try modelOptions.engine())
        let probabilities = scored.probabilities
        let predictions = scored.labels
        let features = rows.features
        // A NaN or infinite probability is never an answer: stop naming the row, or skip it and say so.
        var valid = [Int]()
        valid.reserveCapacity(features.rows)
        for i in 0..<features.rows {
            if probabilities.row(i).allSatisfy({ $0.isFinite }) {
                valid.append(i)
                continue
            }
            let place = rows.lines.map { "line \($0[i])" } ?? "row \(i) (counted from 0)"
            let why = "the class probabilities are not finite (\(probabilities.row(i).map { "\($0)" }.joined(separator: ", "))): the features are too large for this model's weights"
            guard skipInvalid else {
                throw CLIError("\(rows.source), \(place): \(why); no predictions written (--skip-invalid leaves such rows out)")
            }
            ErrorReporting.printError("warning: \(MessageText.escaped(rows.source)), \(place): skipped: \(why)")
        }
        if skipInvalid && valid.count < features.rows {
            ErrorReporting.printError("warning: skipped \(features.rows - valid.count) of \(features.rows) rows with non-finite probabilities")
        }
        if format == .jsonl || json {
            let encoder = JSONOutput.encoder(pretty: false)
            return try valid.map { i in
                let p = probabilities.row(i)
                var byClass = [String: Double]()
                for (c, name) in classes.enumerated() { byClass[name] = Self.rounded(Double(p[c]), digits: digits) }
                return try JSONOutput.line(PredictionLine(id: rows.ids?[i], predicted: classes[predictions[i]],
                                                          probabilities: byClass),
                                           encoder: encoder)
            }
        }
        let idHeader = idColumn.map { [$0] } ?? []
        var lines = [(idHeader + ["predicted"] + classes.map { "p_" + $0 }).map(Self.csvField).joined(separator: ",")]
        lines.reserveCapacity(valid.count + 1)
        for i in valid {
            let p = probabilities.row(i)
            let id = rows.ids.map { [Self.csvField($0[i])] } ?? []
            lines.append((id + [Self.csvField(classes[predictions[i]])] + p.map { String(format: "%.\(digits)f", Double($0)) })
                .joined(separator: ","))
        }
        return lines
    }

    /// A probability rounded to `digits` decimals for JSON.
    static func rounded(_ value: Double, digits: Int = 6) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    /// `text`, quoted when it holds a comma, quote or line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One JSON line of `logit predict --format jsonl`.
struct PredictionLine: Encodable {
    /// The row's `--id-column` value, when given (omitted otherwise).
    var id: String?
    var predicted: String
    var probabilities: [String: Double]
}
