#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-class precision, recall, F1 and support with accuracy and averages:
/// the numbers of scikit-learn's `classification_report`, as a `Codable`
/// value and as text laid out exactly like scikit-learn's (``text``).
///
/// ```
///               precision    recall  f1-score   support
///
///        Besni       0.88      0.83      0.85        90
///      Kecimen       0.84      0.89      0.86        90
///
///     accuracy                           0.86       180
///    macro avg       0.86      0.86      0.86       180
/// weighted avg       0.86      0.86      0.86       180
/// ```
///
/// When the listed labels leave out a class that occurs, the accuracy line is
/// replaced by a "micro avg" line over the listed classes, as in scikit-learn.
public struct ClassificationReport: Sendable, Hashable, Codable {
    /// One line of the report.
    public struct Row: Sendable, Hashable, Codable {
        /// The class name, or the average's name ("macro avg", …).
        public var name: String
        /// Precision.
        public var precision: Double
        /// Recall.
        public var recall: Double
        /// F1.
        public var f1: Double
        /// Number of true samples.
        public var support: Int
    }

    /// One row per listed class, in label order.
    public var classes: [Row]
    /// The accuracy, when every occurring class is listed (otherwise nil).
    public var accuracy: Double?
    /// The micro average over the listed classes, when some occurring class is
    /// not listed (otherwise nil: it equals the accuracy).
    public var microAverage: Row?
    /// The unweighted mean over the listed classes.
    public var macroAverage: Row
    /// The support-weighted mean over the listed classes.
    public var weightedAverage: Row
    /// The total support of the listed classes.
    public var support: Int
    /// Digits after the decimal point in ``text``.
    public var digits: Int

    /// The report of `predictedLabels` against `trueLabels`.
    ///
    /// - Parameters:
    ///   - trueLabels: the true class index of each sample.
    ///   - predictedLabels: the predicted class index of each sample, as many as `trueLabels`.
    ///   - classes: the classes to report, in order (nil: every class that
    ///     occurs, ascending).
    ///   - classNames: names indexed by class index, as
    ///     ``Dataset/classNames`` (nil: the class indices in decimal).
    ///   - digits: digits after the decimal point in the text (default 2).
    /// - Throws: ``DataError`` as ``Metrics/init(trueLabels:predictedLabels:classes:)`` does,
    ///   and when a listed class has no name or `digits` is negative.
    public init(trueLabels: [Int], predictedLabels: [Int], classes: [Int]? = nil, classNames: [String]? = nil,
                digits: Int = 2) throws(DataError) {
        try self.init(metrics: Metrics(trueLabels: trueLabels, predictedLabels: predictedLabels, classes: classes), classNames: classNames,
                      digits: digits)
    }

    /// The report of computed metrics.
    ///
    /// - Throws: ``DataError`` when a listed class has no name in `classNames`
    ///   or `digits` is negative.
    public init(metrics: Metrics, classNames: [String]? = nil, digits: Int = 2) throws(DataError) {
        guard digits >= 0 else { throw DataError("classification report: digits must be non-negative, not \(digits)") }
        if let classNames, let bad = metrics.labels.first(where: { $0 >= classNames.count }) {
            throw DataError("classification report: class \(bad) has no name (\(classNames.count) class names given)")
        }
        classes = metrics.labels.indices.map { i in
            Row(name: classNames?[metrics.labels[i]] ?? String(metrics.labels[i]), precision: metrics.precision[i],
                recall: metrics.recall[i], f1: metrics.f1[i], support: metrics.support[i])
        }
        func row(_ name: String, _ a: Metrics.Average) -> Row {
            Row(name: name, precision: a.precision, recall: a.recall, f1: a.f1, support: a.support)
        }
        if metrics.labelsCoverAllClasses {
            accuracy = metrics.micro.f1
            microAverage = nil
        } else {
            accuracy = nil
            microAverage = row("micro avg", metrics.micro)
        }
        macroAverage = row("macro avg", metrics.macro)
        weightedAverage = row("weighted avg", metrics.weighted)
        support = metrics.macro.support
        self.digits = digits
    }

    /// The report as scikit-learn's `classification_report` prints it.
    public var text: String {
        let width = max(classes.map { $0.name.unicodeScalars.count }.max() ?? 0, "weighted avg".count, digits)
        func right(_ s: String, _ w: Int) -> String {
            String(repeating: " ", count: max(0, w - s.unicodeScalars.count)) + s
        }
        func number(_ x: Double) -> String { right(Self.fixed(x, digits), 9) }
        func line(_ r: Row) -> String {
            right(r.name, width) + " " + " " + number(r.precision) + " " + number(r.recall) + " " + number(r.f1)
                + " " + right(String(r.support), 9) + "\n"
        }
        var report = right("", width) + " " + ["precision", "recall", "f1-score", "support"].map { " " + right($0, 9) }.joined()
        report += "\n\n"
        for r in classes { report += line(r) }
        report += "\n"
        if let accuracy {
            report += right("accuracy", width) + " " + " " + right("", 9) + " " + right("", 9) + " " + number(accuracy)
                + " " + right(String(support), 9) + "\n"
        } else if let microAverage {
            report += line(microAverage)
        }
        report += line(macroAverage)
        report += line(weightedAverage)
        return report
    }

    /// `x` with `digits` digits after the point, rounded as C's `printf` (and
    /// Python's `format`) round: to nearest, ties to even, on the exact binary value.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64 + digits)
        let count = buffer.count
        let written = buffer.withUnsafeMutableBufferPointer { out in
            withVaList([Int32(digits), x]) { vsnprintf(out.baseAddress, count, "%.*f", $0) }
        }
        guard written >= 0 else { return String(x) }
        return String(decoding: buffer.prefix(Int(written)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension ClassificationReport: CustomStringConvertible {
    /// The report text (see ``text``).
    public var description: String { text }
}
