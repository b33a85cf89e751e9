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

    /// What a training run produced.
    struct Outcome {
        var modelFile: ModelFile
        var report: TrainReport
        /// The objective before each update and after the last, with the time it was reached.
        var history: [MLflowMetricPoint]
        /// A one-line description of the data and split, for the table.
        var dataSummary: String
        var splitSummary: String
    }

    func run<T: LogitScalar>(_: T.Type) throws -> Outcome {
        let all = try data.load(as: T.self)
        var train: Dataset<T>, testSet: Dataset<T>?
        let splitSummary: String
        if let test {
            train = all
            let loaded = try test.load(as: T.self)
            testSet = try DataAlignment.align(loaded, featureNames: all.featureNames, classNames: all.classNames,
                                              source: test.name)
            splitSummary = "train on all \(all.count) rows, test on \(test.name) (\(loaded.count) rows)"
        } else if testFraction > 0 {
            let split = try StratifiedSplit(labels: all.labels, testFraction: testFraction, seed: options.seed,
                                             classNames: all.classNames)
            train = all.subset(split.train)
            testSet = all.subset(split.test)
            splitSummary = "stratified split \(split.train.count) train / \(split.test.count) test (test fraction \(testFraction), seed \(options.seed))"
        } else {
            train = all
            testSet = nil
            splitSummary = "train on all \(all.count) rows, no test set (--test-fraction 0)"
        }
        let statistics = try TrainingStatistics(data: train)
        let scaler = try FeatureScaler.fit(options.standardize ? .standard : .none, to: train.features)
        train.features = try scaler.transform(train.features)
        if var scaled = testSet {
            scaled.features = try scaler.transform(scaled.features)
            testSet = scaled
        }

        let configuration = options.configuration
        let backendKind = try options.resolvedBackend()
        let trainer = LogisticRegression<T>(configuration: configuration, backend: backendKind, threads: options.threads)
        let times = TimeRecorder()
        let clock = ContinuousClock(), start = clock.now
        let progress = self.progress
        let result = try trainer.fit(train) { step in
            times.record()
            progress.update(step: step.iteration, total: step.maxIterations, objective: step.objective)
            return .proceed
        }
        let seconds = ProgressReporter.seconds(clock.now - start)
        progress.finish()
        times.record()

        let engine = try backendKind.makeBackend(threads: options.threads ?? 1)
        let weights = ModelScoring.classWeights(configuration.classWeighting, trainingCounts: train.classCounts)
        var trainScores = try ModelScoring.scores(result.model, on: train, l2: configuration.l2, l1: configuration.l1,
                                                  classWeights: weights, backend: engine)
        trainScores.objective = result.finalObjective
        let testScores = try testSet.map {
            try ModelScoring.scores(result.model, on: $0, l2: configuration.l2, l1: configuration.l1,
                                    classWeights: weights, backend: engine)
        }
        let training = ModelFile.Training(
            configuration: configuration, backend: backendKind.rawValue, threads: options.threads,
            standardized: options.standardize, dataSource: data.name, rows: train.count,
            iterations: result.iterations, converged: result.converged, stopReason: result.stopReason,
            finalObjective: result.finalObjective, gradientNorm: result.gradientNorm, seconds: seconds)
        let modelFile = ModelFile(model: result.model, scaler: scaler, labelColumn: all.labelColumn ?? data.labelColumn, training: training,
                                  metrics: ModelFile.Metrics(train: trainScores, test: testScores),
                                  trainingStatistics: statistics)
        let stamps = times.values
        let history = result.objectiveHistory.enumerated().map { step, value in
            MLflowMetricPoint(timestamp: step < stamps.count ? stamps[step] : stamps.last ?? MLflowFileStore.nowMilliseconds,
                              value: value, step: step)
        }
        let report = TrainReport(
            train: .init(trainScores), test: testScores.map { .init($0) }, iterations: result.iterations,
            converged: result.converged, stopReason: result.stopReason.rawValue, solver: configuration.solver.rawValue,
            backend: backendKind.rawValue, precision: T.precisionName, classes: all.classNames,
            features: all.featureNames, gradientNorm: result.gradientNorm, seconds: seconds, data: data.name,
            testData: test?.name, testFraction: test == nil ? testFraction : nil, seed: options.seed,
            standardized: options.standardize, l2: configuration.l2, l1: configuration.l1,
            learningRate: configuration.learningRate,
            classWeight: ClassWeightChoice.name(of: configuration.classWeighting),
            maxIterations: configuration.effectiveMaxIterations)
        let dataSummary = "\(data.description): \(all.count) rows × \(all.featureCount) features, \(all.classCount) classes (\(all.classNames.joined(separator: ", ")))"
        return Outcome(modelFile: modelFile, report: report, history: history, dataSummary: dataSummary,
                       splitSummary: splitSummary)
    }
}

/// Wall-clock times (milliseconds since 1970) recorded from the training callback.
final class TimeRecorder: @unchecked Sendable {
    private(set) var values: [Int64] = [MLflowFileStore.nowMilliseconds]
    func record() { values.append(MLflowFileStore.nowMilliseconds) }
}
