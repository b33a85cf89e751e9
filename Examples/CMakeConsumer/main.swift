// A CMake-built Swift executable that links swift-logit's exported targets:
// trains on the Raisin data set, prints the held-out accuracy, and round-trips
// the model through a model file.
import Foundation
import Logit
import LogitNumerics

do {
    let data = try Dataset<Double>.raisin()
    let split = try StratifiedSplit(labels: data.labels, testFraction: 0.2, seed: 42)
    let train = data.subset(split.train), test = data.subset(split.test)
    let scaler = try FeatureScaler.fit(.standard, to: train.features)
    var scaled = train
    scaled.features = try scaler.transform(train.features)

    let trainer = LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .lbfgs))
    let result = try trainer.fit(scaled)
    let predicted = try result.model.predict(scaler.transform(test.features))
    let accuracy = try Metrics.accuracy(trueLabels: test.labels, predictedLabels: predicted)

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("raisin-model-cmake.json").path
    let record = ModelFile.Training(configuration: trainer.configuration, backend: "\(trainer.backend)", threads: nil,
                                    standardized: true, dataSource: "raisin", rows: train.count,
                                    iterations: result.iterations, converged: result.converged,
                                    stopReason: result.stopReason, finalObjective: result.finalObjective,
                                    gradientNorm: result.gradientNorm, seconds: 0)
    try ModelFile(model: result.model, scaler: scaler, training: record, metrics: nil,
                  trainingStatistics: TrainingStatistics(data: train)).write(to: path)
    let file = try ModelFile.read(from: path)
    let reloaded = try file.model(as: Double.self).predict(file.scaler.transform(test.features))
    try? FileManager.default.removeItem(atPath: path)

    print("cmake consumer: backend \(trainer.backend), BLAS available: \(BackendKind.isBLASAvailable ? "yes" : "no")")
    print("cmake consumer: \(result.solver) converged: \(result.converged) after \(result.iterations) iterations")
    print("cmake consumer: Raisin test accuracy \(accuracy) on \(test.count) rows")
    print("cmake consumer: model file round trip: \(reloaded == predicted ? "same predictions" : "DIFFERENT predictions")")
    guard accuracy >= 0.8, reloaded == predicted else {
        print("cmake consumer: error: accuracy below 0.8 or the reloaded model predicts differently")
        exit(1)
    }
} catch {
    print("cmake consumer: error: \(error)")
    exit(1)
}
