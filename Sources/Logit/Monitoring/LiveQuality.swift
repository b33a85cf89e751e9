import LogitNumerics

/// How well the model does on current rows whose true labels are known, next
/// to how it did on the reference sample (the training rows), and the change.
public struct LiveQuality: Sendable, Equatable, Codable {
    /// Scores on one set of rows.
    public struct Scores: Sendable, Equatable, Codable {
        /// Rows scored.
        public var rows: Int
        /// Share predicted correctly.
        public var accuracy: Double
        /// Mean cross-entropy (natural log).
        public var logLoss: Double
        /// Precision of each class (scikit-learn's, zero_division = 0).
        public var precision: [Double]
        /// Recall of each class.
        public var recall: [Double]
        /// F1 of each class.
        public var f1: [Double]

        enum CodingKeys: String, CodingKey {
            case rows, accuracy, logLoss = "log_loss", precision, recall, f1
        }

        /// Scores of `probabilities` (n×k row-major) against `labels`.
        public init(labels: [Int], probabilities: [Double], classCount k: Int) throws(DataError) {
            let n = labels.count
            let matrix: Matrix<Double>
            do {
                matrix = try Matrix(rows: n, columns: k, elements: probabilities)
            } catch {
                throw DataError("live quality: \(probabilities.count) probabilities for \(n) rows × \(k) classes")
            }
            var predicted = [Int](repeating: 0, count: n)
            for i in 0..<n {
                var best = 0
                for c in 1..<k where probabilities[i * k + c] > probabilities[i * k + best] { best = c }
                predicted[i] = best
            }
            let metrics = try Metrics(trueLabels: labels, predictedLabels: predicted, classes: Array(0..<k))
            rows = n
            accuracy = metrics.accuracy
            logLoss = try Metrics.logLoss(trueLabels: labels, probabilities: matrix)
            precision = metrics.precision
            recall = metrics.recall
            f1 = metrics.f1
        }
    }

    /// The class names, in the order of the per-class arrays.
    public var classes: [String]
    /// On the current rows.
    public var current: Scores
    /// On the reference sample.
    public var reference: Scores
    /// current.accuracy − reference.accuracy.
    public var accuracyChange: Double
    /// current.logLoss − reference.logLoss.
    public var logLossChange: Double

    enum CodingKeys: String, CodingKey {
        case classes, current, reference, accuracyChange = "accuracy_change", logLossChange = "log_loss_change"
    }

    /// Quality of current rows against the reference's.
    public init(classes: [String], current: Scores, reference: Scores) {
        self.classes = classes
        self.current = current
        self.reference = reference
        accuracyChange = current.accuracy - reference.accuracy
        logLossChange = current.logLoss - reference.logLoss
    }
}
