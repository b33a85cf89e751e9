import Foundation
import LogitNumerics

/// A drift report: each feature's drift against the reference sample, the data
/// set's verdict, the drift of the predicted probabilities, and the live
/// quality when the current rows have labels. Encodes to Evidently's shape:
/// `features`, `dataset`, `prediction`, `quality`.
public struct DriftReport: Sendable, Equatable, Codable {
    /// One result per feature, in column order.
    public var features: [FeatureDrift]
    /// The data set's verdict.
    public var dataset: DatasetDrift
    /// Drift of the predicted probability of the positive class (binary
    /// models) or of each class (column `prediction[<class>]`), when the
    /// reference has probabilities.
    public var prediction: [FeatureDrift]
    /// Quality on the current rows, when they have labels.
    public var quality: LiveQuality?
    /// Rows in the reference sample.
    public var referenceRows: Int
    /// Rows in the current data.
    public var currentRows: Int

    enum CodingKeys: String, CodingKey {
        case features, dataset, prediction, quality
        case referenceRows = "reference_rows", currentRows = "current_rows"
    }

    /// Compares current data with a reference sample.
    ///
    /// - Parameters:
    ///   - reference: the model's reference sample.
    ///   - current: the current rows, n×d row-major, columns in the
    ///     reference's feature order, original units.
    ///   - rows: n.
    ///   - labels: the current rows' true class indices, if known.
    ///   - probabilities: the model's predicted probabilities on the current
    ///     rows (n×k row-major), if computed.
    ///   - options: methods, thresholds and drift share.
    /// - Throws: ``DataError`` when there are no rows, a value is not finite
    ///   (named by row and column), or a shape disagrees.
    /// - Complexity: O(d·(m log m + n log n)) for the sorting.
    public init(reference: ReferenceSample, current: UnsafeBufferPointer<Double>, rows n: Int,
                labels: [Int]? = nil, probabilities: [Double]? = nil,
                options: DriftOptions = DriftOptions()) throws(DataError) {
        let d = reference.featureCount, k = reference.classNames.count
        guard reference.rows > 0 else { throw DataError("drift: the reference sample has no rows") }
        guard n > 0 else { throw DataError("drift: the current data has no rows") }
        guard current.count == n * d else {
            throw DataError("drift: the current data has \(current.count) values, expected \(n) rows × \(d) features")
        }
        var results = [FeatureDrift]()
        results.reserveCapacity(d)
        var ref = [Double](repeating: 0, count: reference.rows)
        var cur = [Double](repeating: 0, count: n)
        for j in 0..<d {
            let name = reference.featureNames[j]
            for i in 0..<reference.rows { ref[i] = reference.values[i * d + j] }
            for i in 0..<n {
                let v = current[i * d + j]
                guard v.isFinite else {
                    throw DataError("drift: row \(i + 1), column \(name): value \(v) is not a finite number")
                }
                cur[i] = v
            }
            ref.sort()
            cur.sort()
            results.append(FeatureDrift(column: name, sortedReference: ref, sortedCurrent: cur,
                                        method: options.featureMethods[name] ?? options.method,
                                        threshold: options.featureThresholds[name] ?? options.threshold))
        }
        features = results
        dataset = DatasetDrift(results, driftShare: options.driftShare)
        referenceRows = reference.rows
        currentRows = n
        prediction = []
        quality = nil
        if let probabilities, !reference.probabilities.isEmpty {
            guard probabilities.count == n * k else {
                throw DataError("drift: \(probabilities.count) predicted probabilities for \(n) rows × \(k) classes")
            }
            let classes = k == 2 ? [1] : Array(0..<k)
            for c in classes {
                let r = reference.probabilityColumn(c).sorted()
                let p = (0..<n).map { probabilities[$0 * k + c] }.sorted()
                let column = k == 2 ? "prediction" : "prediction[\(reference.classNames[c])]"
                prediction.append(FeatureDrift(column: column, sortedReference: r, sortedCurrent: p,
                                               method: options.predictionMethod))
            }
            if let labels {
                guard labels.count == n else { throw DataError("drift: \(labels.count) labels for \(n) rows") }
                quality = LiveQuality(
                    classes: reference.classNames,
                    current: try .init(labels: labels, probabilities: probabilities, classCount: k),
                    reference: try .init(labels: reference.labels, probabilities: reference.probabilities, classCount: k))
            }
        }
    }
}
