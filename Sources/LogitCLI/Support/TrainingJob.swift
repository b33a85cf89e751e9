import Foundation
import Logit
import LogitNumerics

/// One `logit train` run: load, split (or load the test file), fit the scaler
/// on the training rows, train, score both sets, and describe it all as a
/// model file and a report.
struct TrainingJob {
    var data: DataSource
    var test: DataSource?
    var testFraction: Double
    var options: TrainingOptions
    var progress: ProgressReporter
    /// Fill missing cells (read as NaN) with the training rows' mean or median.
    var imputation: MissingValueImputer.Strategy? = nil

    /// What a training run produced.
    struct Outcome {
        var modelFile: ModelFile
        var report: TrainReport
        /// The objective before each update and after the last, with the time it was reached.
        var history: [MLflowMetricPoint]
        /// A one-line description of the data and split, for the table.
        var dataSummary: String
        var splitSummary: String
        /// The reference sample of the training rows (with the model's probabilities), for the drift monitor.
        var referenceSample: ReferenceSample?
    }

    func run<T: LogitScalar>(_: T.Type) throws -> Outcome {
        // The training and test rows are views (row selections) of the loaded
        // data, which a .npy file of precision T memory-maps: nothing below
        // copies X or writes a scaled X′ (the scaling is folded into the weights).
        var all = try data.load(as: T.self)
        let trainRows: RowSelection
        var testSet: (data: Dataset<T>, rows: RowSelection)?
        let splitSummary: String
        if let test {
            trainRows = .all(all.count)
            let loaded = try test.load(as: T.self)
            let aligned = try DataAlignment.align(loaded, featureNames: all.featureNames, classNames: all.classNames,
                                                  source: test.name)
            testSet = (aligned, .all(aligned.count))
            splitSummary = "train on all \(all.count) rows, test on \(test.name) (\(loaded.count) rows)"
        } else if testFraction > 0 {
            let split = try StratifiedSplit(labels: all.labels, testFraction: testFraction, seed: options.seed,
                                             classNames: all.classNames)
            trainRows = RowSelection(indices: split.train)
            testSet = (all, RowSelection(indices: split.test))
            splitSummary = "stratified split \(split.train.count) train / \(split.test.count) test (test fraction \(testFraction), seed \(options.seed))"
        } else {
            trainRows = .all(all.count)
            testSet = nil
            splitSummary = "train on all \(all.count) rows, no test set (--test-fraction 0)"
        }
        var imputer: MissingValueImputer?
        if let imputation {
            // Fitted on the training rows only; the test rows get the same fill values.
            // Filling writes the values, so this is the one path that copies X (CSV data, in memory).
            let training = trainRows.isAll(of: all.count) ? all.features : all.subset(trainRows.indices).features
            let fitted = try MissingValueImputer.fit(training, strategy: imputation, featureNames: all.featureNames)
            all.features = try fitted.transform(all.features)
            if let current = testSet {
                var filled = current.data
                if test != nil { filled.features = try fitted.transform(filled.features) } else { filled = all }
                testSet = (filled, current.rows)
            }
            imputer = fitted
        }
        var (statistics, referenceSample) = try TrainingStatistics.summarize(data: all, rows: trainRows.runs,
                                                                             seed: options.seed)
        // The statistics' one pass gives the standardization too: no passes of the scaler's own.
        let scaler: FeatureScaler = options.standardize ? .standard(try StandardScaler(statistics: statistics)) : .none

        let configuration = options.configuration
        let backendKind = try options.resolvedBackend()
        let trainer = LogisticRegression<T>(configuration: configuration, backend: backendKind, threads: options.threads)
        let times = TimeRecorder()
        let clock = ContinuousClock(), start = clock.now
        let progress = self.progress
        let result = try trainer.fit(all, rows: trainRows, scaler: scaler) { step in
            times.record()
            progress.update(step: step.iteration, total: step.maxIterations, objective: step.objective)
            return .proceed
        }
        let seconds = ProgressReporter.seconds(clock.now - start)
        progress.finish()
        times.record()

        let engine = try backendKind.makeBackend(threads: options.threads ?? 1)
        // The statistics' pass counted the training rows per class already.
        let weights = configuration.classWeighting.classWeights(trainingCounts: statistics.classCounts)
        var trainScores = try ModelFile.Scores(scoring: result.model, on: all, rows: trainRows, scaler: scaler,
                                               l2: result.l2, l1: configuration.l1, classWeights: weights,
                                               backend: engine)
        trainScores.objective = result.finalObjective
        let testScores = try testSet.map {
            try ModelFile.Scores(scoring: result.model, on: $0.data, rows: $0.rows, scaler: scaler, l2: result.l2,
                                 l1: configuration.l1, classWeights: weights, backend: engine)
        }
        let binaryPass = all.classCount == 2
            ? backendKind.binaryPass(for: T.self, features: all.featureCount, rows: trainRows.count).rawValue : nil
        let training = ModelFile.Training(
            configuration: configuration, backend: backendKind.rawValue, threads: options.threads,
            standardized: options.standardize, dataSource: data.name, rows: trainRows.count,
            iterations: result.iterations, converged: result.converged, stopReason: result.stopReason,
            finalObjective: result.finalObjective, gradientNorm: result.gradientNorm, seconds: seconds,
            blasCore: backendKind.kernelSelection, binaryPass: binaryPass)
        try referenceSample.fillProbabilities(model: result.model, scaler: scaler)
        var modelFile = ModelFile(model: result.model, scaler: scaler, labelColumn: all.labelColumn ?? data.labelColumn,
                                  training: training, metrics: ModelFile.Metrics(train: trainScores, test: testScores),
                                  trainingStatistics: statistics, imputer: imputer)
        modelFile.imagePreprocessing = data.imagePreprocessing
        let stamps = times.values
        let history = zip(result.objectiveHistorySteps, result.objectiveHistory).map { step, value in
            MLflowMetricPoint(timestamp: step < stamps.count ? stamps[step] : stamps.last ?? MLflowFileStore.nowMilliseconds,
                              value: value, step: step)
        }
        var report = TrainReport(
            train: .init(trainScores), test: testScores.map { .init($0) }, iterations: result.iterations,
            converged: result.converged, stopReason: result.stopReason.rawValue, solver: configuration.solver.rawValue,
            backend: backendKind.rawValue, precision: T.precisionName, classes: all.classNames,
            features: all.featureNames, gradientNorm: result.gradientNorm, seconds: seconds, data: data.name,
            testData: test?.name, testFraction: test == nil ? testFraction : nil, seed: options.seed,
            standardized: options.standardize, l2: result.l2, l1: configuration.l1,
            learningRate: configuration.learningRate,
            classWeight: ClassWeightChoice.name(of: configuration.classWeighting),
            maxIterations: configuration.effectiveMaxIterations, blasCore: backendKind.kernelSelection,
            binaryPass: binaryPass)
        report.stoppingRule = configuration.stoppingRuleDescription
        report.inverseRegularization = configuration.C
        let dataSummary = "\(data.description): \(all.count) rows × \(all.featureCount) features, \(all.classCount) classes (\(all.classNames.joined(separator: ", ")))"
        return Outcome(modelFile: modelFile, report: report, history: history, dataSummary: dataSummary,
                       splitSummary: splitSummary, referenceSample: referenceSample)
    }
}

/// Wall-clock times (milliseconds since 1970) recorded from the training callback.
final class TimeRecorder: @unchecked Sendable {
    private(set) var values: [Int64] = [MLflowFileStore.nowMilliseconds]
    func record() { values.append(MLflowFileStore.nowMilliseconds) }
}
