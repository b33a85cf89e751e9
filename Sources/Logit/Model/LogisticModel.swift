import LogitNumerics
import RealModule

/// A fitted logistic-regression model: weights W (k′×d), bias b (k′), and the
/// class names. k′ = 1 for two classes (P(class 1) = σ(w·x + b)) and k′ = k for
/// more (softmax over W·x + b).
///
/// Batch prediction computes all scores with one gemv (binary) or gemm
/// (multinomial) on the chosen backend.
public struct LogisticModel<Scalar: LogitScalar>: Sendable {
    /// The weights, one row per output (k′×d).
    public let weights: Matrix<Scalar>
    /// The bias (intercept) of each output (k′).
    public let bias: [Scalar]
    /// The class names; index c is class c.
    public let classNames: [String]
    /// The feature names, one per weight column.
    public let featureNames: [String]

    /// A model from its parameters.
    ///
    /// - Throws: ``TrainingError/invalidData(_:)`` when the shapes do not fit:
    ///   k′ must be 1 for two classes and k for more, the bias must have k′
    ///   elements and there must be one feature name per column.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public init(weights: Matrix<Scalar>, bias: [Scalar], classNames: [String],
                featureNames: [String]? = nil) throws(TrainingError) {
        let k = classNames.count
        guard k >= 2 else { throw .invalidData("a model needs at least 2 classes, got \(k)") }
        let outputs = k == 2 ? 1 : k
        guard weights.rows == outputs, bias.count == outputs else {
            throw .invalidData("\(k) classes need weights \(outputs)×d and \(outputs) biases; got weights \(weights.shapeDescription) and \(bias.count) biases")
        }
        let names = featureNames ?? (0..<weights.columns).map { "x\($0)" }
        guard names.count == weights.columns else {
            throw .invalidData("\(names.count) feature names for \(weights.columns) weight columns")
        }
        self.weights = weights
        self.bias = bias
        self.classNames = classNames
        self.featureNames = names
    }

    /// Number of classes k.
    public var classCount: Int { classNames.count }
    /// Number of features d.
    public var featureCount: Int { weights.columns }
    /// Whether this is a two-class (sigmoid) model.
    public var isBinary: Bool { classCount == 2 }

    /// The scores W·xᵢ + b of every row of `x` (n×k′): the log-odds of class 1
    /// for a binary model, the softmax logits otherwise.
    ///
    /// - Throws: ``TrainingError/invalidData(_:)`` when `x` does not have d columns.
    /// - Complexity: O(n·d·k′), one gemv or gemm.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func decisionFunction(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws(TrainingError) -> Matrix<Scalar> {
        guard x.columns == featureCount else {
            throw .invalidData("the model has \(featureCount) features but the data is \(x.shapeDescription)")
        }
        let chosen: any NumericBackend
        if let backend { chosen = backend } else { chosen = try Self.defaultBackend() }
        let backend = chosen
        let outputs = weights.rows
        var scores = Matrix<Scalar>(rows: x.rows, columns: outputs)
        do {
            if outputs == 1 {
                try x.withUnsafeMatrix { (xm) throws(NumericError) in
                    try weights.withUnsafeBufferPointer { (w) throws(NumericError) in
                        try scores.withUnsafeMutableBufferPointer { (s) throws(NumericError) in
                            try backend.gemv(.noTranspose, alpha: 1, xm, w, beta: 0, s)
                        }
                    }
                }
            } else {
                try backend.gemm(.noTranspose, .transpose, x, weights, &scores)
            }
        } catch {
            throw .numericFailure(error.description)
        }
        scores.withUnsafeMutableMatrix { s in
            for i in 0..<s.rows {
                for c in 0..<outputs { s[i, c] += bias[c] }
            }
        }
        return scores
    }

    /// The probability of every class for every row of `x` (n×k, rows sum to 1;
    /// a binary model gives [1 − p, p]).
    ///
    /// - Throws: ``TrainingError/invalidData(_:)`` when `x` does not have d columns.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predictProbabilities(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws(TrainingError) -> Matrix<Scalar> {
        let scores = try decisionFunction(x, backend: backend)
        var result = Matrix<Scalar>(rows: x.rows, columns: classCount)
        scores.withUnsafeMatrix { s in
            result.withUnsafeMutableMatrix { r in
                for i in 0..<x.rows { Self.probabilities(scores: s.row(i), into: r.row(i)) }
            }
        }
        return result
    }

    /// The most probable class of every row of `x` (ties go to the lower index;
    /// a binary model predicts class 1 when p ≥ 0.5).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predict(_ x: Matrix<Scalar>, backend: (any NumericBackend)? = nil) throws(TrainingError) -> [Int] {
        let scores = try decisionFunction(x, backend: backend)
        return scores.withUnsafeMatrix { s in (0..<x.rows).map { Self.argmax(scores: s.row($0)) } }
    }

    /// The scores of one row (k′ values).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func decisionFunction(_ row: [Scalar]) throws(TrainingError) -> [Scalar] {
        guard row.count == featureCount else {
            throw .invalidData("the model has \(featureCount) features but the row has \(row.count) values")
        }
        return (0..<weights.rows).map { c in
            zip(weights.row(c), row).reduce(bias[c]) { $0 + $1.0 * $1.1 }
        }
    }

    /// The class probabilities of one row (k values summing to 1).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predictProbabilities(_ row: [Scalar]) throws(TrainingError) -> [Scalar] {
        let scores = try decisionFunction(row)
        var result = [Scalar](repeating: 0, count: classCount)
        result.withUnsafeMutableBufferPointer { Self.probabilities(scores: scores, into: $0) }
        return result
    }

    /// The most probable class of one row.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func predict(_ row: [Scalar]) throws(TrainingError) -> Int {
        Self.argmax(scores: try decisionFunction(row))
    }

    static func probabilities(scores: [Scalar], into p: UnsafeMutableBufferPointer<Scalar>) {
        scores.withUnsafeBufferPointer { probabilities(scores: $0, into: p) }
    }

    static func argmax(scores: [Scalar]) -> Int {
        scores.withUnsafeBufferPointer { argmax(scores: $0) }
    }

    /// Softmax (or [1 − σ, σ] for one score) of `scores` into `p`, stably.
    static func probabilities(scores: UnsafeBufferPointer<Scalar>, into p: UnsafeMutableBufferPointer<Scalar>) {
        if scores.count == 1 {
            let z = scores[0]
            let e = Scalar.exp(-abs(z))
            let positive = z >= 0 ? 1 / (1 + e) : e / (1 + e)
            p[0] = 1 - positive
            p[1] = positive
            return
        }
        let largest = scores.max() ?? 0
        var sum: Scalar = 0
        for c in scores.indices {
            p[c] = Scalar.exp(scores[c] - largest)
            sum += p[c]
        }
        for c in scores.indices { p[c] /= sum }
    }

    /// The most probable class of `scores` (class 1 when one score is ≥ 0).
    static func argmax(scores: UnsafeBufferPointer<Scalar>) -> Int {
        if scores.count == 1 { return scores[0] >= 0 ? 1 : 0 }
        var best = 0
        for c in scores.indices where scores[c] > scores[best] { best = c }
        return best
    }

    static func defaultBackend() throws(TrainingError) -> any NumericBackend {
        do {
            return try BackendKind.fromEnvironment().makeBackend(threads: BackendKind.threadsFromEnvironment())
        } catch {
            throw .invalidConfiguration(error.description)
        }
    }
}
