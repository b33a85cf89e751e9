import Foundation

/// A model's weights per feature in standardized and original units, and
/// optionally one row's per-feature contributions.
///
/// The scaler is affine per feature, zⱼ = aⱼ·xⱼ + cⱼ (for z-scores aⱼ = 1/stdⱼ
/// and cⱼ = −meanⱼ/stdⱼ), so a score w·z + b equals (w∘a)·x + (b + w·c): the
/// weight of feature j in original units is wⱼ·aⱼ, per unit of the raw feature,
/// and the intercept is b + Σⱼ wⱼ·cⱼ.
///
/// Shared by `logit explain` and the service's `explain=true`; the CLI adds
/// the text tables.
public struct Explanation: Encodable, Sendable {
    /// One feature's weights.
    public struct Feature: Encodable, Sendable {
        /// The feature's name.
        public var name: String
        /// Its training mean.
        public var mean: Double
        /// Its training standard deviation.
        public var std: Double
        /// One weight per output (standardized units).
        public var weightsStandardized: [Double]
        /// One weight per output, per unit of the raw feature.
        public var weightsOriginal: [Double]

        enum CodingKeys: String, CodingKey {
            case name, mean, std
            case weightsStandardized = "weights_standardized"
            case weightsOriginal = "weights_original"
        }
    }

    /// One row's explanation.
    public struct Row: Encodable, Sendable {
        /// One feature's part of the row's score.
        public struct Contribution: Encodable, Sendable {
            /// The feature's name.
            public var feature: String
            /// The raw value (NaN for the "(n others)" line).
            public var value: Double
            /// The value after the model's scaler.
            public var standardized: Double
            /// wⱼ·zⱼ for each output.
            public var contribution: [Double]
        }

        /// The row's number as the caller counts it.
        public var index: Int
        /// Its line in a CSV file, if from one.
        public var line: Int?
        /// Where it came from (file name or request).
        public var source: String
        /// The classes the scores are of (see ``Explanation/outputs``).
        public var outputs: [String]
        /// Per feature, largest first (cut to ``Explanation/top``, the rest summed).
        public var contributions: [Contribution]
        /// The intercept of each output (standardized units).
        public var intercept: [Double]
        /// The score of each output: intercept + Σ contributions.
        public var scores: [Double]
        /// The probability of each class.
        public var probabilities: [String: Double]
        /// The predicted class.
        public var predicted: String
        /// The true class, when known.
        public var trueClass: String?
        /// Whether the model is binary.
        public var binary: Bool

        /// JSON keys (snake case).
        enum CodingKeys: String, CodingKey {
            case index, line, source, outputs, contributions, intercept, scores, probabilities, predicted
            case trueClass = "true_class"
        }

    }

    /// The model's path or name.
    public var model: String
    /// The model's classes.
    public var classes: [String]
    /// The class each weight row scores: the positive class for a binary
    /// model (log-odds), every class for a multinomial one.
    public var outputs: [String]
    /// The scaler kind (`standard`, `minmax`, `none`).
    public var scaler: String
    /// Every feature's weights, in the model's feature order.
    public var features: [Feature]
    /// The intercept of each output (standardized units).
    public var interceptStandardized: [Double]
    /// The intercept of each output in original units.
    public var interceptOriginal: [Double]
    /// One row's explanation, when asked for.
    public var row: Row?

    enum CodingKeys: String, CodingKey {
        case model, classes, outputs, scaler, features, row
        case interceptStandardized = "intercept_standardized"
        case interceptOriginal = "intercept_original"
    }

    /// The per-feature scale aⱼ and shift cⱼ of the scaler.
    public let slope: [Double]
    /// The shift cⱼ.
    public let shift: [Double]
    /// The model's weight rows shown, in ``outputs`` order, and the sign
    /// applied (−1 for the first class of a binary model: its log-odds).
    public let outputRows: [Int]
    /// The sign applied to the weight rows shown.
    public let sign: Double
    /// Show only this many features, the largest weights first (nil: all).
    public var top: Int?

    /// The explanation of `file`'s weights.
    ///
    /// - Parameters:
    ///   - className: only this class's output (`--class`); for a binary model
    ///     the first class shows the log-odds of that class (weights negated).
    ///   - top: only the `top` features with the largest weights (`--top`).
    /// - Throws: ``ServingError`` when `className` is not one of the model's classes.
    /// - Complexity: O(d·k).
    public init(file: ModelFile, path: String, className: String? = nil, top: Int? = nil) throws {
        self.top = top
        let d = file.featureCount
        let slope: [Double], shift: [Double]
        switch file.scaler {
        case .none:
            (slope, shift) = ([Double](repeating: 1, count: d), [Double](repeating: 0, count: d))
        case let .standard(scaler):
            (slope, shift) = (scaler.scale.map { 1 / $0 }, zip(scaler.mean, scaler.scale).map { -$0 / $1 })
        case let .minMax(scaler):
            (slope, shift) = (scaler.scale, scaler.offset)
        }
        self.shift = shift
        self.slope = slope
        model = path
        classes = file.classNames
        let binary = file.classNames.count == 2
        var rows = Array(file.weights.indices), sign = 1.0
        var outputs = binary ? [file.classNames[1]] : file.classNames
        if let className {
            guard let c = file.classNames.firstIndex(of: className) else {
                throw ServingError("--class \(className) is not one of the model's classes (\(file.classNames.joined(separator: ", ")))")
            }
            outputs = [className]
            if binary { sign = c == 1 ? 1 : -1 } else { rows = [c] }
        }
        self.outputs = outputs
        outputRows = rows
        self.sign = sign
        scaler = file.scaler.kind.rawValue
        features = (0..<d).map { j in
            let stats = file.trainingStatistics.features[j]
            return Feature(name: file.featureNames[j], mean: stats.mean, std: stats.std,
                           weightsStandardized: rows.map { sign * file.weights[$0][j] },
                           weightsOriginal: rows.map { sign * file.weights[$0][j] * slope[j] })
        }
        interceptStandardized = rows.map { sign * file.bias[$0] }
        interceptOriginal = rows.map { o in
            sign * (file.bias[o] + zip(file.weights[o], shift).reduce(0) { $0 + $1.0 * $1.1 })
        }
    }

    /// Feature indices, largest weight magnitude first (the largest over the
    /// outputs shown), cut to ``top``.
    public var featureOrder: [Int] {
        let size = features.map { f in f.weightsStandardized.map(abs).max() ?? 0 }
        let order = features.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
        return Array(order.prefix(top ?? order.count))
    }

    /// Whether both weight columns fit a 100-column terminal for every output
    /// shown: one or two outputs; with more, only the standardized weights.
    public var showsOriginalUnits: Bool { outputs.count <= 2 }

    /// Explains one raw row (d values in the model's feature order, original units).
    ///
    /// - Throws: ``TrainingError`` when the row does not have d values.
    /// - Complexity: O(d·k + d log d).
    public func explain(_ raw: [Double], index: Int, line: Int?, source: String, trueClass: String?,
                 model: LogisticModel<Double>) throws -> Row {
        let z = raw.indices.map { raw[$0] * slope[$0] + shift[$0] }
        let contributions = features.indices.map { j in
            Row.Contribution(feature: features[j].name, value: raw[j], standardized: z[j],
                             contribution: features[j].weightsStandardized.map { $0 * z[j] })
        }
        let all = try model.decisionFunction(z)
        let scores = outputRows.map { sign * all[$0] }
        let p = try model.predictProbabilities(z)
        var probabilities = [String: Double]()
        for (c, name) in classes.enumerated() { probabilities[name] = p[c] }
        let order = featureOrder
        var kept = order.map { contributions[$0] }
        if order.count < contributions.count {
            // the features left out by --top, summed, so the column still adds up to the score
            let rest = Set(features.indices).subtracting(order).sorted()
            kept.append(Row.Contribution(feature: "(\(rest.count) others)", value: .nan, standardized: .nan,
                                         contribution: outputs.indices.map { o in rest.reduce(0) { $0 + contributions[$1].contribution[o] } }))
        }
        return Row(index: index, line: line, source: source, outputs: outputs, contributions: kept,
                   intercept: interceptStandardized, scores: scores, probabilities: probabilities,
                   predicted: classes[try model.predict(z)], trueClass: trueClass, binary: classes.count == 2)
    }

}
