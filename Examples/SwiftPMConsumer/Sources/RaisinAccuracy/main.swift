// A SwiftPM package that depends on swift-logit: trains on the Raisin data
// set (shipped inside the Logit library as a resource), prints the held-out
// accuracy, saves the model, loads it back and checks that the loaded model
// predicts the same. The first block is the explicit form of the README's
// "Use it in your project" example: the scaler and the model as separate
// values (LogisticClassifier holds both), the model file in a temporary folder.
import Foundation
import Logit   // re-exports LogitNumerics (Matrix, BackendKind)

do {
    // --- the README example ---------------------------------------------------
    let data = try Dataset<Double>.raisin()                          // 900 × 7, bundled with Logit
    let split = try StratifiedSplit(labels: data.labels, testFraction: 0.2, seed: 42)
    let train = data.subset(split.train), test = data.subset(split.test)
    let scaler = try FeatureScaler.fit(.standard, to: train.features)
    let trainer = LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .lbfgs))
    var scaled = train; scaled.features = try scaler.transform(train.features)
    let result = try trainer.fit(scaled)
    let predicted = try result.model.predict(scaler.transform(test.features))
    print("accuracy", try Metrics.accuracy(trueLabels: test.labels, predictedLabels: predicted))

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("raisin-model.json").path
    try ModelFile(result, trainer: trainer, scaler: scaler, trainingData: train).write(to: path)
    let file = try ModelFile.read(from: path)
    let reloaded = try file.model(as: Double.self).predict(file.scaler.transform(test.features))
    // ---------------------------------------------------------------------------

    let accuracy = try Metrics.accuracy(trueLabels: test.labels, predictedLabels: predicted)
    print("swiftpm consumer: backend \(trainer.backend), BLAS available: \(BackendKind.isBLASAvailable ? "yes" : "no")")
    print("swiftpm consumer: \(result.solver) converged: \(result.converged) after \(result.iterations) iterations")
    print("swiftpm consumer: Raisin test accuracy \(accuracy) on \(test.count) rows")
    print("swiftpm consumer: model saved to \(path) and loaded back: \(reloaded == predicted ? "same predictions" : "DIFFERENT predictions")")
    try? FileManager.default.removeItem(atPath: path)
    guard accuracy >= 0.8, reloaded == predicted else {
        print("swiftpm consumer: error: accuracy below 0.8 or the reloaded model predicts differently")
        exit(1)
    }
} catch {
    print("swiftpm consumer: error: \(error)")
    exit(1)
}
