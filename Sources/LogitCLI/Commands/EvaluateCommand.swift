import ArgumentParser
import Logit
import LogitImages
import LogitNumerics

/// `logit evaluate`: the full report of a model on labelled data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a model on labelled data: classification report, confusion matrix, ROC-AUC, log-loss.")

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Labelled data: CSV ('-' for standard input), or .npy with --labels.", valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("A labelled image folder (one subfolder per class) instead of --data, for a model trained with --images.",
                               valueName: "dir"))
    var images: String?

    @Flag(name: .customLong("skip-invalid"), help: "With --images: leave out image files that cannot be used (each reported as a warning).")
    var skipInvalid = false

    /// The image limits; size and colour come from the model.
    @OptionGroup var imageOptions: PredictImageOptions

    @Option(help: ArgumentHelp("Labels of .npy data.", valueName: "file"))
    var labels: String?

    @Option(help: ArgumentHelp("The CSV label column (default: the model's, else the last column).", valueName: "name"))
    var label: String?

    @Option(help: "Digits after the point in the classification report.")
    var digits: Int = 2

    @Flag(help: "Print one JSON object instead of the report.")
    var json = false

    @Flag(help: "Binary models: also find the threshold on P(second class) that maximizes F1 on these rows.")
    var tuneThreshold = false

    func validate() throws {
        guard (data == nil) != (images == nil) else { throw ValidationError("give one of --data FILE or --images DIR") }
        if skipInvalid && images == nil { throw ValidationError("--skip-invalid is for --images DIR") }
        guard let data else {
            if labels != nil || label != nil { throw ValidationError("--images takes its labels from the subfolder names") }
            guard (0...10).contains(digits) else { throw ValidationError("--digits \(digits) must be in 0...10") }
            return
        }
        if DataSource.isNPY(path: data) && labels == nil {
            throw ValidationError("--data \(data) is a .npy matrix: give its labels with --labels FILE")
        }
        if !DataSource.isNPY(path: data) && labels != nil {
            throw ValidationError("--labels is only for .npy data")
        }
        guard (0...10).contains(digits) else { throw ValidationError("--digits \(digits) must be in 0...10") }
    }

    func run() throws {
        let (file, reference) = try modelOptions.load()
        let report: EvaluationReport = switch modelOptions.precision(for: file) {
        case .float: try evaluate(file, reference, Float.self)
        case .double: try evaluate(file, reference, Double.self)
        }
        if json {
            try JSONOutput.print(report)
        } else {
            print(report.text, terminator: "")
        }
    }

    func evaluate<T: LogitScalar>(_ file: ModelFile, _ reference: ModelReference, _: T.Type) throws -> EvaluationReport {
        let source: DataSource = if let images {
            .images(ImageSource(path: images, loader: try imageOptions.loader(preprocessing: file.imagePreprocessing, skipInvalid: skipInvalid)))
        } else if let data, DataSource.isNPY(path: data) { .npy(features: data, labels: labels!) } else {
            .csv(path: data!, labelColumn: label ?? file.labelColumn, options: CSVOptions(missingAsNaN: file.imputer != nil))
        }
        if case .csv = source, label == nil, file.labelColumn == nil,
           let data, let last = DataSource.lastHeaderColumn(path: data, delimiter: ","), file.featureNames.contains(last) {
            // A model without a recorded label column (older files) and a file whose
            // last column is a feature: the label column is what is missing.
            throw DataError("the data has no label column: its last column '\(last)' is one of the model's features; add the label column or name it with --label",
                            file: data)
        }
        var dataset = try DataAlignment.align(try source.load(as: T.self), featureNames: file.featureNames,
                                              classNames: file.classNames, source: source.name)
        if let imputer = file.imputer { dataset.features = try imputer.transform(dataset.features) }
        dataset.features = try file.scaler.transform(dataset.features)
        let model = try file.model(as: T.self)
        let engine = try modelOptions.engine()
        let probabilities = try model.predictProbabilities(dataset.features, backend: engine)
        let predictions = try model.predict(dataset.features, backend: engine)
        let classes = Array(0..<file.classNames.count)
        let classification = try ClassificationReport(trueLabels: dataset.labels, predictedLabels: predictions, classNames: file.classNames,
                                                      digits: digits)
        let confusion = try ConfusionMatrix(trueLabels: dataset.labels, predictedLabels: predictions, classes: classes)
        var rocAUC: Double?, rocNote: String?
        do {
            rocAUC = model.isBinary ? try Metrics.rocAUC(trueLabels: dataset.labels, scores: probabilities.column(1))
                : try Metrics.rocAUC(trueLabels: dataset.labels, scores: probabilities)
        } catch {
            rocNote = error.message
        }
        let configuration = file.training.configuration
        let weights = configuration.classWeighting.classWeights(trainingCounts: file.trainingStatistics.classCounts)
        // The rows are scaled already; λ₂ as in training (1/(C·n) for the training n when C is set).
        let scores = try ModelFile.Scores(scoring: model, on: dataset, rows: .all(dataset.count), scaler: .none,
                                          l2: configuration.effectiveL2(rows: file.training.rows),
                                          l1: configuration.l1, classWeights: weights, backend: engine)
        var threshold: ThresholdTuning.Result?
        if tuneThreshold {
            guard model.isBinary else {
                throw CLIError("--tune-threshold is for binary models; this model has \(file.classNames.count) classes")
            }
            threshold = try ThresholdTuning.maximizingF1(trueLabels: dataset.labels, scores: probabilities.column(1))
        }
        return EvaluationReport(
            model: reference.path, runID: reference.runID, data: source.name, rows: dataset.count,
            classes: file.classNames, accuracy: scores.accuracy, logLoss: scores.logLoss, rocAUC: rocAUC,
            rocAUCNote: rocNote, objective: scores.objective, classificationReport: classification,
            confusionMatrix: confusion.counts, threshold: threshold)
    }
}
