import ArgumentParser
import Foundation
import Logit
import LogitNumerics

/// `logit tune`: grid or random search over hyperparameters, each candidate
/// scored by stratified k-fold cross-validation.
struct TuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Grid or random search over hyperparameters, scored by stratified k-fold cross-validation.",
        discussion: "Lists are comma-separated, e.g. --l2-values 0.001,0.01,0.1 --solvers gd,lbfgs. Options not searched keep the values of the training options. With no list given, λ₂ is searched over 0.0001,0.001,0.01,0.1,1.")

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var trainingOptions: TrainingOptions

    @Option(name: .customLong("l2-values"), help: ArgumentHelp("L2 penalties to try.", valueName: "list"))
    var l2Values: String?

    @Option(name: .customLong("l1-values"), help: ArgumentHelp("L1 penalties to try (gd and sgd only).", valueName: "list"))
    var l1Values: String?

    @Option(name: .customLong("learning-rates"), help: ArgumentHelp("Learning rates to try (gd, sgd).", valueName: "list"))
    var learningRates: String?

    @Option(help: ArgumentHelp("Solvers to try (gd, sgd, newton, lbfgs).", valueName: "list"))
    var solvers: String?

    @Option(name: .customLong("class-weights"), help: ArgumentHelp("Class weightings to try (none, balanced).", valueName: "list"))
    var classWeights: String?

    @Option(help: "grid (every combination) or random (--trials combinations drawn without replacement).")
    var search: SearchChoice = .grid

    @Option(help: "Candidates drawn by a random search.")
    var trials: Int = 10

    @Option(help: "Folds per candidate (the same default as logit cv).")
    var folds: Int = CrossValidation<Double>.defaultFolds

    @Option(help: ArgumentHelp("The score that ranks candidates: accuracy, log_loss, f1_macro or roc_auc. Candidates that did not converge in every fold rank below all that did.",
                               valueName: "score"))
    var scoring: Scoring = .logLoss

    @Option(help: ArgumentHelp("Refit the best candidate on all the rows and write its model file here.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Record the search in this MLflow tracking folder (default mlruns when given without a value): a parent run, every candidate as a child run, the best with its refitted model.",
                               valueName: "dir"))
    var track: String?

    @Option(help: "MLflow experiment name for --track.")
    var experiment: String = MLflowFileStore.defaultExperimentName

    @Option(name: .customLong("run-name"), help: "MLflow name of the parent run for --track (children are NAME-1, NAME-2, … by rank).")
    var runName: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds \(folds) must be ≥ 2") }
        guard trials >= 1 else { throw ValidationError("--trials \(trials) must be ≥ 1") }
        if track == nil && (runName != nil || experiment != MLflowFileStore.defaultExperimentName) {
            throw ValidationError("--experiment and --run-name need --track")
        }
        _ = try space()
    }

    /// The search space, with each list checked.
    func space() throws -> SearchSpace {
        func numbers(_ text: String?, _ option: String, positive: Bool) throws -> [Double] {
            guard let text else { return [] }
            return try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                guard let value = Double(trimmed), value.isFinite, positive ? value > 0 : value >= 0 else {
                    throw ValidationError("--\(option) '\(trimmed)' is not a number \(positive ? "> 0" : "≥ 0") (in '\(text)')")
                }
                return value
            }
        }
        func names<V>(_ text: String?, _ option: String, _ parse: (String) -> V?) throws -> [V] {
            guard let text else { return [] }
            return try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                guard let value = parse(trimmed) else { throw ValidationError("--\(option) '\(trimmed)' is not valid (in '\(text)')") }
                return value
            }
        }
        var space = SearchSpace(
            l2: try numbers(l2Values, "l2-values", positive: false),
            l1: try numbers(l1Values, "l1-values", positive: false),
            learningRate: try numbers(learningRates, "learning-rates", positive: true),
            solver: try names(solvers, "solvers") { Solver(rawValue: $0) },
            classWeighting: try names(classWeights, "class-weights") { ClassWeightChoice(rawValue: $0)?.weighting })
        if space.l2.isEmpty && space.l1.isEmpty && space.learningRate.isEmpty && space.solver.isEmpty
            && space.classWeighting.isEmpty {
            space.l2 = [0.0001, 0.001, 0.01, 0.1, 1]
        }
        return space
    }

    func run() throws {
        let report = switch dataOptions.precision {
        case .float: try tune(Float.self)
        case .double: try tune(Double.self)
        }
        if json {
            try JSONOutput.print(report)
            return
        }
        print("data:    \(dataOptions.source.description), \(report.rows) rows; \(report.search) search, \(report.candidates.count) candidates × \(folds) stratified folds (seed \(trainingOptions.seed))")
        print("ranked:  by mean \(scoring.rawValue) (\(scoring.higherIsBetter ? "higher" : "lower") is better); candidates that did not converge in every fold last")
        print("")
        let extra = scoring == .f1Macro || scoring == .rocAUC ? [scoring.rawValue.replacingOccurrences(of: "_", with: " ")] : []
        var table = TextTable(["rank", "solver", "learning rate", "l2", "l1", "class weight", "accuracy", "± std",
                               "log-loss", "± std"] + extra + ["converged"], leftAligned: [1, 5, 10 + extra.count])
        for c in report.candidates {
            let score = extra.isEmpty ? [] : [String(format: "%.4f", c.score)]
            table.add(["\(c.rank)\(c.convergedInAllFolds ? "" : "!")", c.solver, c.learningRate.map { "\($0)" } ?? "-", "\(c.l2)",
                       "\(c.l1)", c.classWeight,
                       String(format: "%.4f", c.mean.accuracy), String(format: "%.4f", c.std.accuracy),
                       String(format: "%.4f", c.mean.logLoss), String(format: "%.4f", c.std.logLoss)] + score
                      + ["\(c.folds.filter(\.converged).count)/\(c.folds.count)"])
        }
        print(table.text, terminator: "")
        if report.candidates.contains(where: { !$0.convergedInAllFolds }) {
            print("! did not converge in every fold: its scores are those of unfinished fits (raise --epochs or use newton/lbfgs)")
        }
        let best = report.candidates[0]
        var flags = "--solver \(best.solver) --l2 \(best.l2)"
        if best.l1 > 0 { flags += " --l1 \(best.l1)" }
        if let rate = best.learningRate { flags += " --learning-rate \(rate)" }
        if best.classWeight != "none" { flags += " --class-weight \(best.classWeight)" }
        print("\nbest: \(flags)")
        if let written = report.output {
            print("best candidate refitted on all \(report.rows) rows; model written to \(written)")
        }
        if let parent = report.parentRunID, let best = report.bestRunID, let track {
            print("search recorded in \(track) (experiment \(experiment)): run \(parent), \(report.candidates.count) candidate runs; the best, with its model: \(best)")
        }
    }

    func tune<T: LogitScalar>(_: T.Type) throws -> TuneReport {
        let data = try dataOptions.source.load(as: T.self)
        let backend = try trainingOptions.resolvedBackend()
        let strategy: SearchStrategy = search == .grid ? .grid : .random(trials: trials, seed: trainingOptions.seed)
        let searcher = HyperparameterSearch<T>(
            base: trainingOptions.configuration, space: try space(), strategy: strategy, folds: folds,
            seed: trainingOptions.seed, backend: backend, scaling: trainingOptions.standardize ? .standard : .none,
            parallelism: trainingOptions.threads, scoring: scoring)
        let progress = ProgressReporter(mode: .automatic(quiet: quiet), task: "tuning", unit: "training")
        let result = try searcher.run(data) { finished, total in progress.update(step: finished, total: total) }
        progress.finish()
        var report = TuneReport(data: dataOptions.source.name, rows: data.count, search: search.rawValue,
                                folds: folds, backend: backend.rawValue, precision: T.precisionName, result: result)
        guard output != nil || track != nil else { return report }
        // The winner, refitted on every row with its scaler, as `logit train --output` writes it.
        let classifier = try LogisticClassifier<T>(
            fitting: data, configuration: result.best.configuration,
            scaling: trainingOptions.standardize ? .standard : .none, labelColumn: dataOptions.source.labelColumn,
            backend: backend, threads: trainingOptions.threads)
        var file = classifier.modelFile
        file.training.dataSource = dataOptions.source.name
        file.imagePreprocessing = dataOptions.source.imagePreprocessing
        if let output {
            do {
                try file.write(to: output)
            } catch {
                throw CLIError("--output \(output): \(error.message)")
            }
            report.output = output
        }
        if let track {
            let (parent, best) = try TuneRecorder.record(report, bestModel: file, store: MLflowFileStore(root: track),
                                                         experiment: experiment, name: runName)
            report.parentRunID = parent.id
            report.bestRunID = best.id
        }
        return report
    }
}
