import LogitNumerics

/// The values a hyperparameter search tries. Empty lists keep the base
/// configuration's value.
public struct SearchSpace: Sendable, Codable, Equatable {
    /// L2 penalties λ₂.
    public var l2: [Double]
    /// L1 penalties λ₁ (gradient solvers only).
    public var l1: [Double]
    /// Learning rates (gd, sgd).
    public var learningRate: [Double]
    /// Solvers.
    public var solver: [Solver]
    /// Class weightings.
    public var classWeighting: [ClassWeighting]

    /// A search space; every list may be empty.
    public init(l2: [Double] = [], l1: [Double] = [], learningRate: [Double] = [], solver: [Solver] = [],
                classWeighting: [ClassWeighting] = []) {
        self.l2 = l2
        self.l1 = l1
        self.learningRate = learningRate
        self.solver = solver
        self.classWeighting = classWeighting
    }

    /// Every combination (the grid), in a fixed order: λ₂ varies slowest.
    /// Combinations that cannot run (L1 with newton or lbfgs) are left out.
    public func grid(base: TrainingConfiguration) -> [TrainingConfiguration] {
        var result = [base]
        func expand<V>(_ values: [V], _ apply: (inout TrainingConfiguration, V) -> Void) {
            guard !values.isEmpty else { return }
            result = result.flatMap { configuration in
                values.map { value in
                    var c = configuration
                    apply(&c, value)
                    return c
                }
            }
        }
        expand(l2) { $0.l2 = $1 }
        expand(l1) { $0.l1 = $1 }
        expand(learningRate) { $0.learningRate = $1 }
        expand(solver) { $0.solver = $1 }
        expand(classWeighting) { $0.classWeighting = $1 }
        return result.filter { !($0.l1 > 0 && ($0.solver == .newton || $0.solver == .lbfgs)) }
    }
}

/// How candidates are chosen from a ``SearchSpace``.
public enum SearchStrategy: Sendable, Codable, Equatable {
    /// Every combination.
    case grid
    /// `trials` distinct combinations drawn without replacement from the grid
    /// with a `SeededGenerator` (all of them when the grid is smaller).
    case random(trials: Int, seed: UInt64)
}

/// Grid or random search over hyperparameters, each candidate scored by
/// stratified k-fold cross-validation (scaler fitted inside each fold).
///
/// All (candidate, fold) trainings run in parallel, one per core, each single-
/// threaded with OpenBLAS on one thread: the cores are never oversubscribed.
public struct HyperparameterSearch<Scalar: LogitScalar>: Sendable {
    /// The configuration the search space modifies.
    public var base: TrainingConfiguration
    /// The values tried.
    public var space: SearchSpace
    /// Grid or random.
    public var strategy: SearchStrategy
    /// Folds per candidate.
    public var folds: Int
    /// Seed of the fold assignment (the same folds for every candidate).
    public var seed: UInt64
    /// The backend every training runs on.
    public var backend: BackendKind
    /// The scaling fitted inside each fold.
    public var scaling: FeatureScaler.Kind
    /// Trainings at once; `nil` means one per core.
    public var parallelism: Int?
    /// The score that ranks the candidates (default log-loss).
    public var scoring: Scoring

    /// A search.
    public init(base: TrainingConfiguration = TrainingConfiguration(), space: SearchSpace,
                strategy: SearchStrategy = .grid, folds: Int = CrossValidation<Scalar>.defaultFolds, seed: UInt64 = 0,
                backend: BackendKind = .preferred, scaling: FeatureScaler.Kind = .standard, parallelism: Int? = nil,
                scoring: Scoring = .logLoss) {
        self.scoring = scoring
        self.base = base
        self.space = space
        self.strategy = strategy
        self.folds = folds
        self.seed = seed
        self.backend = backend
        self.scaling = scaling
        self.parallelism = parallelism
    }

    /// The configurations the search will evaluate, in order.
    public var candidates: [TrainingConfiguration] {
        let grid = space.grid(base: base)
        switch strategy {
        case .grid:
            return grid
        case let .random(trials, seed):
            var generator = SeededGenerator(seed: seed)
            var order = Array(grid.indices)
            generator.shuffle(&order)
            return order.prefix(max(0, trials)).map { grid[$0] }
        }
    }

    /// Evaluates every candidate and returns them with their scores, best first.
    ///
    /// Ranking: candidates whose solver converged in every fold come first —
    /// one that did not converge in some fold is never ranked above one that
    /// did, since its score is that of an unfinished fit — then by the mean of
    /// ``scoring`` (better first; an undefined score last), then search order.
    ///
    /// - Parameters:
    ///   - data: the rows every candidate is cross-validated on.
    ///   - progress: called as each (candidate, fold) training
    ///     finishes, with the number finished and the total.
    /// - Throws: ``DataError`` or ``TrainingError`` from any fold.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func run(_ data: Dataset<Scalar>,
                    progress: (@Sendable (_ finished: Int, _ total: Int) -> Void)? = nil) throws -> SearchResult {
        let configurations = candidates
        guard !configurations.isEmpty else {
            throw TrainingError.invalidConfiguration("the search space yields no candidate")
        }
        let split = try StratifiedKFold(labels: data.labels, folds: folds, seed: seed, classNames: data.classNames)
        let tasks = configurations.flatMap { c in split.folds.map { FoldTask(configuration: c, fold: $0) } }
        let scores = try FoldRunner<Scalar>(backend: backend, scaling: scaling, parallelism: parallelism)
            .run(tasks, on: data, progress: progress)
        let k = split.folds.count
        var evaluated = configurations.enumerated().map { index, configuration in
            SearchResult.Candidate(order: index, configuration: configuration,
                                   crossValidation: CrossValidationResult(folds: Array(scores[(index * k)..<((index + 1) * k)])))
        }
        let scoring = self.scoring
        evaluated.sort { a, b in
            let (x, y) = (a.crossValidation, b.crossValidation)
            if x.allConverged != y.allConverged { return x.allConverged }
            let (sx, sy) = (scoring.mean(of: x), scoring.mean(of: y))
            if scoring.isBetter(sx, than: sy) { return true }
            if scoring.isBetter(sy, than: sx) { return false }
            return a.order < b.order
        }
        return SearchResult(candidates: evaluated, scoring: scoring)
    }
}

/// Every candidate of a search with its cross-validation scores, best first.
public struct SearchResult: Sendable, Codable, Equatable {
    /// One evaluated configuration.
    public struct Candidate: Sendable, Codable, Equatable {
        /// Its position in the search order.
        public var order: Int
        /// The configuration.
        public var configuration: TrainingConfiguration
        /// Its scores.
        public var crossValidation: CrossValidationResult
    }

    /// The candidates, best first.
    public var candidates: [Candidate]
    /// The score they were ranked by.
    public var scoring: Scoring = .logLoss

    /// The best candidate.
    public var best: Candidate { candidates[0] }
}
