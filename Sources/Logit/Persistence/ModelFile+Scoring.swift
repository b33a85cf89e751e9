import LogitNumerics

extension ClassWeighting {
    /// The weight of each class in the loss (`balanced`: n / (k·n_c) from the
    /// training rows' class counts), or nil when every class weighs 1.
    public func classWeights(trainingCounts: [Int]) -> [Double]? {
        switch self {
        case .none:
            return nil
        case .balanced:
            let n = Double(trainingCounts.reduce(0, +)), k = Double(trainingCounts.count)
            return trainingCounts.map { $0 > 0 ? n / (k * Double($0)) : 0 }
        case let .explicit(values):
            return values
        }
    }
}

extension ModelFile.Scores {
    /// Accuracy, log-loss and the training objective of `model` (fitted on rows
    /// scaled by `scaler`) on the selected raw rows of `data`, streaming (see
    /// ``LogisticModel/scores(on:rows:scaler:classWeights:backend:)``): what
    /// `logit train` and ``LogisticClassifier`` record in a model file.
    ///
    /// The objective is (1/m)·Σᵢ sᵢ·ℓᵢ + (λ₂/2)·‖W‖² + λ₁·‖W‖₁ over the m rows,
    /// with the class weights sᵢ of training and W the model's weights (in the
    /// scaled units it was trained in).
    ///
    /// - Throws: ``TrainingError`` or ``DataError`` for mismatched features or labels.
    /// - Complexity: O(m·d·k′).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public init<T: LogitScalar>(scoring model: LogisticModel<T>, on data: Dataset<T>, rows: RowSelection,
                                scaler: FeatureScaler, l2: Double, l1: Double, classWeights: [Double]?,
                                backend: (any NumericBackend)? = nil) throws {
        let scored = try model.scores(on: data, rows: rows, scaler: scaler, classWeights: classWeights, backend: backend)
        var squares = 0.0, absolutes = 0.0
        model.weights.withUnsafeBufferPointer { w in
            for value in w {
                squares += Double(value) * Double(value)
                absolutes += abs(Double(value))
            }
        }
        self.init(rows: rows.count,
                  accuracy: try Metrics.accuracy(trueLabels: scored.labels, predictedLabels: scored.predictions),
                  logLoss: try Metrics.logLoss(trueLabels: scored.labels, probabilities: scored.probabilities),
                  objective: scored.weightedLossSum / Double(max(rows.count, 1)) + l2 / 2 * squares + l1 * absolutes)
    }
}
