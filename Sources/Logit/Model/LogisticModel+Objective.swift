import LogitNumerics
import RealModule

extension LogisticModel {
    /// The training objective evaluated at this model's weights on `data`:
    ///
    ///     L(W, b) = (1/n)·Σᵢ sᵢ·ℓᵢ + (λ₂/2)·‖W‖² + λ₁·‖W‖₁
    ///
    /// the formula ``LogisticRegression`` minimizes (see
    /// ``TrainingConfiguration``), with ℓᵢ the cross-entropy of row i (stable
    /// log-sigmoid or log-sum-exp). On the training rows with the training
    /// weights it reproduces ``TrainingResult/finalObjective`` up to rounding;
    /// on held-out rows it is the same quantity for comparison.
    ///
    /// The scores come from ``decisionFunction(_:backend:)`` in the model's
    /// precision; the losses, sums and penalties are accumulated in `Double`.
    ///
    /// - Parameters:
    ///   - data: rows already scaled as the model's training rows were, with
    ///     labels in `0..<classCount`.
    ///   - l2: λ₂ ≥ 0.
    ///   - l1: λ₁ ≥ 0.
    ///   - sampleWeights: sᵢ per row (sample weight × class weight), or nil for 1.
    ///   - backend: the backend for the scores (nil: `LOGIT_BACKEND` or the preferred one).
    /// - Throws: ``TrainingError/invalidData(_:)`` when the data has no rows,
    ///   another number of features, labels outside the classes, or a weight
    ///   count different from the row count.
    /// - Complexity: O(n·d·k′).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func objective(on data: Dataset<Scalar>, l2: Double, l1: Double = 0, sampleWeights: [Double]? = nil,
                          backend: (any NumericBackend)? = nil) throws(TrainingError) -> Double {
        let n = data.count
        guard n > 0 else { throw .invalidData("cannot evaluate the objective on 0 rows") }
        if let bad = data.labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw .invalidData("label \(data.labels[bad]) of row \(bad) is outside 0..<\(classCount)")
        }
        if let sampleWeights, sampleWeights.count != n {
            throw .invalidData("\(sampleWeights.count) sample weights for \(n) rows")
        }
        let scores = try decisionFunction(data.features, backend: backend)
        let outputs = weights.rows
        var lossSum = 0.0
        scores.withUnsafeBufferPointer { s in
            for i in 0..<n {
                let row = UnsafeBufferPointer(rebasing: s[(i * outputs)..<((i + 1) * outputs)])
                lossSum += (sampleWeights?[i] ?? 1) * Self.crossEntropy(scores: row, label: data.labels[i])
            }
        }
        var squares = 0.0, absolutes = 0.0
        weights.withUnsafeBufferPointer { w in
            for value in w {
                squares += Double(value) * Double(value)
                absolutes += abs(Double(value))
            }
        }
        return lossSum / Double(n) + l2 / 2 * squares + l1 * absolutes
    }

    /// The cross-entropy −log p(label) of one row from its k′ scores, stably
    /// and in `Double`: softplus(z) − y·z for one score (a binary model), the
    /// log-sum-exp minus the label's score otherwise.
    static func crossEntropy(scores row: UnsafeBufferPointer<Scalar>, label: Int) -> Double {
        if row.count == 1 {
            let z = Double(row[0])
            return max(z, 0) + Double.log(onePlus: Double.exp(-abs(z))) - (label == 1 ? z : 0)
        }
        var largest = -Double.infinity
        for value in row { largest = max(largest, Double(value)) }
        var sum = 0.0
        for value in row { sum += Double.exp(Double(value) - largest) }
        return largest + Double.log(sum) - Double(row[label])
    }
}
