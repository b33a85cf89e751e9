import Logit
import LogitNumerics

/// Accuracy, log-loss and the objective of a model on scaled, labelled rows.
enum ModelScoring {
    /// The per-class weights the training applied (`balanced`: n / (k·n_c)
    /// from the training rows' class counts), or nil for none.
    static func classWeights(_ weighting: ClassWeighting, trainingCounts: [Int]) -> [Double]? {
        switch weighting {
        case .none:
            return nil
        case .balanced:
            let n = Double(trainingCounts.reduce(0, +)), k = Double(trainingCounts.count)
            return trainingCounts.map { $0 > 0 ? n / (k * Double($0)) : 0 }
        case let .explicit(values):
            return values
        }
    }

    /// Scores `model` on `data` (rows already scaled); the objective uses λ₂, λ₁
    /// and class weights as in training.
    static func scores<T: LogitScalar>(_ model: LogisticModel<T>, on data: Dataset<T>, l2: Double, l1: Double,
                                       classWeights: [Double]?, backend: any NumericBackend) throws -> ModelFile.Scores {
        let probabilities = try model.predictProbabilities(data.features, backend: backend)
        let predictions = try model.predict(data.features, backend: backend)
        let weights = classWeights.map { w in data.labels.map { w[$0] } }
        return ModelFile.Scores(
            rows: data.count,
            accuracy: try Metrics.accuracy(trueLabels: data.labels, predictedLabels: predictions),
            logLoss: try Metrics.logLoss(trueLabels: data.labels, probabilities: probabilities),
            objective: try model.objective(on: data, l2: l2, l1: l1, sampleWeights: weights, backend: backend))
    }

    /// Scores `model` (fitted on rows scaled by `scaler`) on the selected raw
    /// rows of `data`, streaming (no copy of the rows); the objective uses λ₂,
    /// λ₁ and class weights as in training.
    static func scores<T: LogitScalar>(_ model: LogisticModel<T>, on data: Dataset<T>, rows: RowSelection,
                                       scaler: FeatureScaler, l2: Double, l1: Double, classWeights: [Double]?,
                                       backend: any NumericBackend) throws -> ModelFile.Scores {
        let scored = try model.scores(on: data, rows: rows, scaler: scaler, classWeights: classWeights, backend: backend)
        var squares = 0.0, absolutes = 0.0
        for value in model.weights.elements {
            squares += Double(value) * Double(value)
            absolutes += abs(Double(value))
        }
        return ModelFile.Scores(
            rows: rows.count,
            accuracy: try Metrics.accuracy(trueLabels: scored.labels, predictedLabels: scored.predictions),
            logLoss: try Metrics.logLoss(trueLabels: scored.labels, probabilities: scored.probabilities),
            objective: scored.weightedLossSum / Double(max(rows.count, 1)) + l2 / 2 * squares + l1 * absolutes)
    }

    /// The index of the largest value (the first on ties), as the model's predict.
    static func argmax<T: Comparable>(_ values: [T]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }
}
