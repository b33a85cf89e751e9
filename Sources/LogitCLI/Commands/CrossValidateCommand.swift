import ArgumentParser
import Logit
import LogitNumerics

/// `logit cv`: stratified k-fold cross-validation of one training configuration.
struct CrossValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cv",
        abstract: "Stratified k-fold cross-validation: per-fold scores, their mean and standard deviation.")

    @OptionGroup var dataOptions: DataOptions

    @OptionGroup var trainingOptions: TrainingOptions

    @Option(help: "Number of folds k (the same default as logit tune).")
    var folds: Int = CrossValidation<Double>.defaultFolds

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds \(folds) must be ≥ 2") }
    }

    func run() throws {
        let report = switch dataOptions.precision {
        case .float: try crossValidate(Float.self)
        case .double: try crossValidate(Double.self)
        }
        if json {
            try JSONOutput.print(report)
            return
        }
        print("data:    \(dataOptions.source.description), \(report.rows) rows; \(report.folds.count) stratified folds (seed \(trainingOptions.seed))")
        print("model:   solver \(report.solver) on \(report.backend), l2 \(report.l2)\(report.l1 > 0 ? ", l1 \(report.l1)" : "")\(report.standardized ? ", standardized in each fold" : "")")
        print("")
        print(FoldTable.text(report.folds, mean: report.mean, std: report.std), terminator: "")
    }

    func crossValidate<T: LogitScalar>(_: T.Type) throws -> CrossValidationReport {
        let data = try dataOptions.source.load(as: T.self)
        let backend = try trainingOptions.resolvedBackend()
        let progress = ProgressReporter(mode: .automatic(quiet: quiet), task: "cross-validation", unit: "fold")
        let cv = CrossValidation<T>(configuration: trainingOptions.configuration, backend: backend,
                                    scaling: trainingOptions.standardize ? .standard : .none, folds: folds,
                                    seed: trainingOptions.seed, parallelism: trainingOptions.threads)
        let result = try cv.run(data) { finished, total in progress.update(step: finished, total: total) }
        progress.finish()
        let configuration = trainingOptions.configuration
        return CrossValidationReport(
            data: dataOptions.source.name, rows: data.count, solver: configuration.solver.rawValue,
            backend: backend.rawValue, precision: T.precisionName, l2: configuration.l2, l1: configuration.l1,
            standardized: trainingOptions.standardize, seed: trainingOptions.seed, result: result)
    }
}
