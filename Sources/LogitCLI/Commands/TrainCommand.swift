import ArgumentParser
import Foundation
import Logit
import LogitNumerics

/// `logit train`: trains a model, reports its scores on the training and test
/// rows, and optionally writes the model file and records an MLflow run.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model and report its scores (default: the embedded Raisin data, stratified 80/20 split).")

    @OptionGroup var dataOptions: DataOptions

    /// `--augment-*`: seeded copies of the training images (issue 15).
    @OptionGroup var augmentOptions: ImageAugmentationOptions

    @Option(help: ArgumentHelp("Evaluate on this file (CSV, or .npy with --test-labels) instead of splitting --data.",
                               valueName: "file"))
    var test: String?

    @Option(name: .customLong("test-labels"), help: ArgumentHelp("Labels of a .npy --test file.", valueName: "file"))
    var testLabels: String?

    @Option(name: .customLong("test-fraction"), help: "Fraction of the rows held out for testing (0 for none).")
    var testFraction: Double = 0.2

    @OptionGroup var trainingOptions: TrainingOptions

    @Option(help: ArgumentHelp("Write the model file here (JSON).", valueName: "model"))
    var output: String?

    @Option(help: ArgumentHelp("Record the run in this MLflow tracking folder (default mlruns when given without a value).",
                               valueName: "dir"))
    var track: String?

    @Option(help: "MLflow experiment name for --track.")
    var experiment: String = MLflowFileStore.defaultExperimentName

    @Option(name: .customLong("run-name"), help: "MLflow run name for --track (default: logit- and the run id's first 8 digits).")
    var runName: String?

    @Option(help: ArgumentHelp("Fill missing CSV cells (empty, NA, NaN) with each feature's mean or median over the training rows; the values are stored in the model, so predict and evaluate fill the same. Default: a missing cell is an error naming its line and column.",
                               valueName: "mean|median"))
    var impute: MissingValueImputer.Strategy?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        if impute != nil, let data = dataOptions.data, DataSource.isNPY(path: data) {
            throw ValidationError("--impute is for CSV data; --data \(data) is .npy (a .npy matrix with NaN is refused)")
        }
        guard testFraction >= 0, testFraction < 1 else {
            throw ValidationError("--test-fraction \(testFraction) must be in [0, 1)")
        }
        if let test {
            if DataSource.isNPY(path: test) && testLabels == nil {
                throw ValidationError("--test \(test) is a .npy matrix: give its labels with --test-labels FILE")
            }
            if !DataSource.isNPY(path: test) && testLabels != nil {
                throw ValidationError("--test-labels is only for a .npy --test file")
            }
        } else if testLabels != nil {
            throw ValidationError("--test-labels needs --test")
        }
        if track == nil && (runName != nil || experiment != MLflowFileStore.defaultExperimentName) {
            throw ValidationError("--experiment and --run-name need --track")
        }
    }

    func run() throws {
        if let output {
            // Before any work: a training run must not end in "cannot write", nor overwrite its input.
            var inputs: [(option: String, path: String)] = []
            if let data = dataOptions.data { inputs.append(("--data", data)) }
            if let labels = dataOptions.labels { inputs.append(("--labels", labels)) }
            if let test { inputs.append(("--test", test)) }
            if let testLabels { inputs.append(("--test-labels", testLabels)) }
            try OutputDestination.check(output, inputs: inputs)
        }
        let progress = ProgressReporter(mode: .automatic(quiet: quiet), task: "training",
                                        unit: [.gradientDescent, .stochasticGradientDescent].contains(trainingOptions.solver) ? "epoch" : "iteration")
        var csvOptions = dataOptions.csvOptions
        csvOptions.missingAsNaN = impute != nil
        var source = dataOptions.source
        if case let .csv(path, label, _) = source { source = .csv(path: path, labelColumn: label, options: csvOptions) }
        var testSource: DataSource?
        if let augmentation = augmentOptions.augmentation {
            // Only with a separate test folder: a split of augmented rows would test on copies of training images.
            guard case let .images(images) = source, test != nil else {
                throw ValidationError("--augment-copies needs --images DIR and a separate --test DIR")
            }
            source = .images(ImageSource(path: images.path, loader: images.loader, augmentation: augmentation))
        }
        if let test {
            if case let .images(images) = source {
                // With an image folder, --test is an image folder too, read with the same settings.
                testSource = .images(ImageSource(path: test, loader: images.loader))
            } else {
                testSource = DataSource.isNPY(path: test) ? .npy(features: test, labels: testLabels!, classNames: dataOptions.classNames.map(CSVOptions.parseList))
                    : .csv(path: test, labelColumn: dataOptions.source.labelColumn, options: csvOptions)
            }
        }
        let job = TrainingJob(data: source, test: testSource, testFraction: testFraction,
                              options: trainingOptions, progress: progress, imputation: impute)
        let recorder = try track.map {
            try RunRecorder(store: MLflowFileStore(root: $0), experiment: experiment, name: runName)
        }
        // An interrupted tracked run is marked KILLED (MLflow's status), not left RUNNING forever.
        let watch = recorder.map { recorder in SignalWatch { _ in recorder.kill() } }
        defer { watch?.cancel() }
        var outcome: TrainingJob.Outcome
        do {
            outcome = switch dataOptions.precision {
            case .float: try job.run(Float.self)
            case .double: try job.run(Double.self)
            }
            if let output {
                try outcome.modelFile.write(to: output, referenceSample: outcome.referenceSample)
                outcome.report.modelFile = output
            }
            if let recorder {
                try recorder.record(outcome, options: trainingOptions)
                outcome.report.runID = recorder.run.id
            }
        } catch {
            recorder?.fail()
            throw error
        }
        if !outcome.report.converged {
            // As scikit-learn's ConvergenceWarning: on stderr, whatever the output format.
            let unit = progressUnit
            let configuration = outcome.modelFile.training.configuration
            let fixedBudget = configuration.effectiveGradientTolerance == 0 && configuration.effectiveObjectiveTolerance == 0
            let message = fixedBudget
                ? "warning: \(outcome.report.solver) ran its \(outcome.report.maxIterations) \(unit)s with no stopping tolerance, so it is not known to have converged (gradient norm \(String(format: "%.2e", outcome.report.gradientNorm))); give --tolerance to stop at convergence\n"
                : "warning: \(outcome.report.solver) did not converge: it reached its limit of \(outcome.report.maxIterations) \(unit)s before its tolerance (\(outcome.report.stoppingRule)); raise --epochs, loosen --tolerance, or standardize the features\n"
            FileHandle.standardError.write(Data(message.utf8))
        }
        if json {
            try JSONOutput.print(outcome.report)
            return
        }
        printTable(outcome, recorder: recorder)
    }

    private func printTable(_ outcome: TrainingJob.Outcome, recorder: RunRecorder?) {
        let report = outcome.report
        let training = outcome.modelFile.training
        print("data:    \(outcome.dataSummary)")
        print("split:   \(outcome.splitSummary)")
        var penalty = "l2 \(report.l2)"
        if let c = report.inverseRegularization { penalty = "C \(c) (l2 = 1/(C·n) = \(String(format: "%.3g", report.l2)))" }
        var settings = "solver \(report.solver) on \(report.backend) (\(report.precision)), \(penalty)"
        if report.l1 > 0 { settings += ", l1 \(report.l1)" }
        if [.gradientDescent, .stochasticGradientDescent].contains(training.configuration.solver) {
            settings += ", learning rate \(report.learningRate)"
        }
        if training.configuration.solver == .stochasticGradientDescent { settings += ", batch \(training.configuration.batchSize)" }
        if report.classWeight != "none" { settings += ", class weight \(report.classWeight)" }
        settings += report.standardized ? ", standardized" : ", not standardized"
        print("model:   \(settings)")
        let status = report.converged ? "converged" : "did not converge"
        print("fit:     \(status) after \(report.iterations) of \(report.maxIterations) \(progressUnit)s (\(report.stopReason)), gradient norm \(String(format: "%.2e", report.gradientNorm)), \(String(format: "%.3f", report.seconds)) s")
        print("stop:    \(report.stoppingRule)")
        print("")
        var table = TextTable(["", "rows", "accuracy", "log-loss", "objective"])
        for (name, scores) in [("train", report.train), ("test", report.test)] {
            guard let scores else { continue }
            table.add([name, "\(scores.rows)", String(format: "%.4f", scores.accuracy),
                       String(format: "%.4f", scores.logLoss), String(format: "%.4f", scores.objective)])
        }
        print(table.text, terminator: "")
        if let path = report.modelFile { print("\nmodel written to \(path)") }
        if let recorder {
            print("\(report.modelFile == nil ? "\n" : "")run \(recorder.run.id) (\(recorder.run.name)) recorded in \(track ?? "") (experiment \(experiment))")
        }
    }

    private var progressUnit: String {
        [.gradientDescent, .stochasticGradientDescent].contains(trainingOptions.solver) ? "epoch" : "iteration"
    }
}
