import ArgumentParser
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

    @Option(help: "Folds per candidate.")
    var folds: Int = 5

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds \(folds) must be ≥ 2") }
        guard trials >= 1 else { throw ValidationError("--trials \(trials) must be ≥ 1") }
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
        print("")
        var table = TextTable(["rank", "solver", "learning rate", "l2", "l1", "class weight", "accuracy", "± std",
                               "log-loss", "± std", "converged"], leftAligned: [1, 5, 10])
        for c in report.candidates {
            let usesRate = c.solver == Solver.gradientDescent.rawValue || c.solver == Solver.stochasticGradientDescent.rawValue
            table.add(["\(c.rank)", c.solver, usesRate ? "\(c.learningRate)" : "-", "\(c.l2)", "\(c.l1)", c.classWeight,
                       String(format: "%.4f", c.mean.accuracy), String(format: "%.4f", c.std.accuracy),
                       String(format: "%.4f", c.mean.logLoss), String(format: "%.4f", c.std.logLoss),
                       "\(c.folds.filter(\.converged).count)/\(c.folds.count)"])
        }
        print(table.text, terminator: "")
        let best = report.candidates[0]
        var flags = "--solver \(best.solver) --l2 \(best.l2)"
        if best.l1 > 0 { flags += " --l1 \(best.l1)" }
        if best.solver == Solver.gradientDescent.rawValue || best.solver == Solver.stochasticGradientDescent.rawValue {
            flags += " --learning-rate \(best.learningRate)"
        }
        if best.classWeight != "none" { flags += " --class-weight \(best.classWeight)" }
        print("\nbest: \(flags)")
    }

    func tune<T: LogitScalar>(_: T.Type) throws -> TuneReport {
        let data = try dataOptions.source.load(as: T.self)
        let backend = try trainingOptions.resolvedBackend()
        let strategy: SearchStrategy = search == .grid ? .grid : .random(trials: trials, seed: trainingOptions.seed)
        let searcher = HyperparameterSearch<T>(
            base: trainingOptions.configuration, space: try space(), strategy: strategy, folds: folds,
            seed: trainingOptions.seed, backend: backend, scaling: trainingOptions.standardize ? .standard : .none,
            parallelism: trainingOptions.threads)
        let progress = ProgressReporter(mode: .automatic(quiet: quiet), task: "tuning", unit: "training")
        let result = try searcher.run(data) { finished, total in progress.update(step: finished, total: total) }
        progress.finish()
        return TuneReport(data: dataOptions.source.name, rows: data.count, search: search.rawValue,
                          folds: folds, backend: backend.rawValue, precision: T.precisionName, result: result)
    }
}
