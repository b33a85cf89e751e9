import Foundation
import LogitNumerics

/// A seeded, bounded sample of training rows in original units, with their
/// labels and the model's predicted probabilities: what a drift monitor
/// compares live data against.
///
/// Made by ``TrainingStatistics/summarize(data:rows:quantileLevels:sampleSize:seed:)``
/// in the same pass as the statistics (reservoir sampling), filled with
/// probabilities by ``fillProbabilities(model:scaler:)`` after training, and
/// stored beside the model file as a binary sidecar (see
/// ``ModelFile/write(to:referenceSample:)``).
public struct ReferenceSample: Sendable, Equatable {
    /// The feature names, one per column.
    public var featureNames: [String]
    /// The class names; label c is class c.
    public var classNames: [String]
    /// The number of sampled rows, m.
    public var rows: Int
    /// The sampled rows, m×d row-major, in original units.
    public var values: [Double]
    /// The class index of each sampled row.
    public var labels: [Int]
    /// The model's predicted probability of each class for each sampled row,
    /// m×k row-major; empty until filled.
    public var probabilities: [Double]
    /// The number of training rows the sample was drawn from.
    public var sourceRows: Int
    /// The reservoir's seed.
    public var seed: UInt64

    /// A sample; the shapes are not checked here (``decode(_:file:)`` checks them).
    public init(featureNames: [String], classNames: [String], rows: Int, values: [Double], labels: [Int],
                probabilities: [Double], sourceRows: Int, seed: UInt64) {
        self.featureNames = featureNames
        self.classNames = classNames
        self.rows = rows
        self.values = values
        self.labels = labels
        self.probabilities = probabilities
        self.sourceRows = sourceRows
        self.seed = seed
    }

    /// The number of features, d.
    public var featureCount: Int { featureNames.count }

    /// Column `j`'s m values.
    public func column(_ j: Int) -> [Double] {
        let d = featureCount
        return (0..<rows).map { values[$0 * d + j] }
    }

    /// The predicted probability of class `c` for every sampled row (empty when
    /// the probabilities were never filled).
    public func probabilityColumn(_ c: Int) -> [Double] {
        guard !probabilities.isEmpty else { return [] }
        let k = classNames.count
        return (0..<rows).map { probabilities[$0 * k + c] }
    }

    /// Stores the model's predicted probabilities for the sampled rows.
    ///
    /// - Parameters:
    ///   - model: the trained model (on scaled features).
    ///   - scaler: the scaling the model expects (applied to the sample here).
    /// - Throws: ``TrainingError`` when the model's shape does not match.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public mutating func fillProbabilities<T: LogitScalar>(model: LogisticModel<T>,
                                                          scaler: FeatureScaler) throws(TrainingError) {
        guard rows > 0 else { probabilities = []; return }
        var x: Matrix<T>
        do {
            x = try Matrix(rows: rows, columns: featureCount, elements: values.lazy.map { T($0) })
            try scaler.transformInPlace(&x)
        } catch {
            throw TrainingError.invalidData("reference sample: \(error)")
        }
        let p = try model.predictProbabilities(x)
        probabilities = p.elements.map { Double($0) }
    }
}
