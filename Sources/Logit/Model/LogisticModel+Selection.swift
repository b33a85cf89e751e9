import LogitNumerics
import RealModule

/// What a model gives on a selection of rows: the probabilities and
/// predictions, and the summed weighted cross-entropy that the objective and
/// the log-loss are made from.
public struct SelectionScores<Scalar: LogitScalar>: Sendable {
    /// The probability of every class for every selected row (m×k, selection order).
    public var probabilities: Matrix<Scalar>
    /// The most probable class of every selected row.
    public var predictions: [Int]
    /// The true class of every selected row.
    public var labels: [Int]
    /// Σᵢ sᵢ·ℓᵢ over the selected rows, with ℓᵢ the cross-entropy from the
    /// scores (stable log-sigmoid or log-sum-exp) and sᵢ the row's class
    /// weight (1 without class weights), in `Double`.
    public var weightedLossSum: Double
    /// Σᵢ sᵢ.
    public var weightSum: Double
}

extension LogisticModel {
    /// The same model on raw rows, when it was fitted on rows scaled by
    /// `scaler` (x′ = a·x + c, see ``FeatureScaler/affine``): W = W′·diag(a),
    /// b = b′ + W′·c. Its scores on raw rows equal this model's on scaled rows
    /// up to rounding; these are the weights and biases in original units.
    ///
    /// - Throws: ``TrainingError/invalidData(_:)`` when the scaler was fitted on
    ///   another number of features.
    /// - Complexity: O(k′·d).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func unscaled(by scaler: FeatureScaler) throws(TrainingError) -> LogisticModel {
        guard let (a, c) = scaler.affine else { return self }
        guard a.count == featureCount else {
            throw .invalidData("the scaler was fitted on \(a.count) features but the model has \(featureCount)")
        }
        let k = weights.rows, d = featureCount
        var w = Matrix<Scalar>(rows: k, columns: d)
        var b = bias
        w.withUnsafeMutableMatrix { out in
            for o in 0..<k {
                var shift = Double(bias[o])
                for j in 0..<d {
                    let value = weights[o, j]
                    out[o, j] = value * Scalar(a[j])
                    shift += Double(value) * c[j]
                }
                b[o] = Scalar(shift)
            }
        }
        return try LogisticModel(weights: w, bias: b, classNames: classNames, featureNames: featureNames)
    }

    /// Scores the selected rows of `data` (raw, unscaled rows; `scaler` is the
    /// scaling this model expects, folded into its weights), streaming: rows
    /// are read in place in blocks of at most about 4 MiB (short runs gathered
    /// into one reused block), and a memory-mapped X gives its pages back
    /// after each block. Nothing the size of X is allocated.
    ///
    /// - Parameters:
    ///   - classWeights: the weight of each class in the loss sum (nil: 1).
    /// - Throws: ``TrainingError/invalidData(_:)`` for a feature-count mismatch
    ///   or labels outside the model's classes.
    /// - Complexity: O(m·d·k′) for m selected rows.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func scores(on data: Dataset<Scalar>, rows: RowSelection, scaler: FeatureScaler = .none,
                       classWeights: [Double]? = nil,
                       backend: (any NumericBackend)? = nil) throws(TrainingError) -> SelectionScores<Scalar> {
        guard data.featureCount == featureCount else {
            throw .invalidData("the model has \(featureCount) features but the data has \(data.featureCount)")
        }
        let model = try unscaled(by: scaler)
        let m = rows.count, k = classCount, d = featureCount
        let labels = rows.gather(data.labels)
        if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= k }) {
            throw .invalidData("label \(labels[bad]) of row \(rows.indices[bad]) is outside the model's \(k) classes")
        }
        var probabilities = Matrix<Scalar>(rows: m, columns: k)
        var predictions = [Int](repeating: 0, count: m)
        var lossSum = 0.0, weightSum = 0.0
        let blockRows = max(1, (4 << 20) / max(1, d * MemoryLayout<Scalar>.stride))
        var gathered = Matrix<Scalar>(rows: min(blockRows, max(m, 1)), columns: d)
        var filled = 0, position = 0
        var pending: [Range<Int>] = []

        func score(_ block: Matrix<Scalar>) throws(TrainingError) {
            let scores = try model.decisionFunction(block, backend: backend)
            scores.withUnsafeMatrix { s in
            probabilities.withUnsafeMutableMatrix { p in
                for r in 0..<block.rows {
                    let i = position + r
                    let row = s.row(r)
                    Self.probabilities(scores: row, into: p.row(i))
                    predictions[i] = Self.argmax(scores: row)
                    let label = labels[i]
                    let weight = classWeights?[label] ?? 1
                    lossSum += weight * Self.crossEntropy(scores: row, label: label)
                    weightSum += weight
                }
            }
            }
            position += block.rows
        }
        func flush() throws(TrainingError) {
            guard filled > 0 else { return }
            try score(filled == gathered.rows ? gathered : gathered.rows(0..<filled))
            // One span from the first pending row to the last, gaps included: short runs
            // released one by one would each keep the pages they share with their neighbours.
            if let first = pending.first, let last = pending.last {
                data.features.releaseResidentPages(rows: first.lowerBound..<last.upperBound)
            }
            pending.removeAll(keepingCapacity: true)
            filled = 0
        }
        for run in rows.runs {
            if run.count >= blockRows / 2 {
                // Long runs are read where they are.
                try flush()
                for start in stride(from: run.lowerBound, to: run.upperBound, by: blockRows) {
                    let part = start..<min(start + blockRows, run.upperBound)
                    try score(data.features.rows(part))
                    data.features.releaseResidentPages(rows: part)
                }
                continue
            }
            var rest = run
            while !rest.isEmpty {
                let take = min(rest.count, gathered.rows - filled)
                let part = rest.lowerBound..<(rest.lowerBound + take)
                data.features.withUnsafeBufferPointer { source in
                    gathered.withUnsafeMutableBufferPointer { target in
                        let from = source.baseAddress! + part.lowerBound * d
                        (target.baseAddress! + filled * d).update(from: from, count: take * d)
                    }
                }
                pending.append(part)
                filled += take
                rest = part.upperBound..<rest.upperBound
                if filled == gathered.rows { try flush() }
            }
        }
        try flush()
        return SelectionScores(probabilities: probabilities, predictions: predictions, labels: labels,
                               weightedLossSum: lossSum, weightSum: weightSum)
    }
}
