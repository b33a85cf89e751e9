import Foundation

/// A model as plain numbers for people who script their own inference
/// (`logit export --format json-weights`): the missing-value fill, the scaler
/// and the weights, with the formula that combines them.
///
/// For a raw row x (d values): fill each NaN xⱼ with `fill[j]` (when present);
/// scale x′ⱼ = (xⱼ − mean[j]) / scale[j] (`standard`) or xⱼ · scale[j] + offset[j]
/// (`minMax`) or x′ = x (`none`); scores zᶜ = Σⱼ weights[c][j]·x′ⱼ + bias[c];
/// then P(class 1) = 1 / (1 + e^(−z⁰)) for two classes (`sigmoid`, one weight
/// row) or softmax(z) for more (`softmax`, k rows).
public struct WeightsExport: Sendable, Codable, Equatable {
    /// The value of ``format``.
    public static let formatName = "logit-weights"

    /// The scaler as its parameters.
    public struct Scaler: Sendable, Codable, Equatable {
        /// `none`, `standard` or `minMax`.
        public var kind: String
        /// Standard: the training means (d values).
        public var mean: [Double]?
        /// Standard: the divisors; min–max: the multipliers (d values).
        public var scale: [Double]?
        /// Min–max: the offsets added after multiplying (d values).
        public var offset: [Double]?
    }

    /// Always ``formatName``.
    public var format: String
    /// 1.
    public var formatVersion: Int
    /// The engine version that wrote it.
    public var engineVersion: String
    /// `sigmoid` (two classes, one weight row) or `softmax`.
    public var link: String
    /// The formula, in words, for a reader without this documentation.
    public var formula: String
    /// The class names; index c is class c.
    public var classNames: [String]
    /// The feature names, in the order of a row's values.
    public var featureNames: [String]
    /// The values NaN cells are filled with (d values), when the model imputes.
    public var fill: [Double]?
    /// The scaler.
    public var scaler: Scaler
    /// k′ rows of d weights, on scaled features.
    public var weights: [[Double]]
    /// k′ biases.
    public var bias: [Double]

    /// The export of `model`.
    public init(model: ModelFile) {
        format = Self.formatName
        formatVersion = 1
        engineVersion = EngineVersion.current
        let binary = model.classNames.count == 2
        link = binary ? "sigmoid" : "softmax"
        formula = binary
            ? "x' = scaler(fill(x)); z = weights[0]·x' + bias[0]; P(\(model.classNames[1])) = 1/(1+exp(-z)); predict \(model.classNames[1]) when z >= 0"
            : "x' = scaler(fill(x)); z[c] = weights[c]·x' + bias[c]; P = softmax(z); predict argmax z (lowest index on ties)"
        classNames = model.classNames
        featureNames = model.featureNames
        fill = model.imputer?.fillValues
        switch model.scaler {
        case .none: scaler = Scaler(kind: "none")
        case .standard(let s): scaler = Scaler(kind: "standard", mean: s.mean, scale: s.scale)
        case .minMax(let s): scaler = Scaler(kind: "minMax", scale: s.scale, offset: s.offset)
        }
        weights = model.weights
        bias = model.bias
    }

    /// The JSON text (pretty-printed, keys sorted; shortest round-trip decimals).
    public func encoded() throws(ModelFileError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self)
        } catch {
            throw ModelFileError("cannot encode the weights: \(error)")
        }
    }

    /// Writes the JSON to `path` atomically (temporary file, then rename).
    ///
    /// - Throws: ``ModelFileError`` naming the path.
    public func write(to path: String) throws(ModelFileError) {
        let data = try encoded()
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ModelFileError("cannot write the weights: \(ModelFile.reason(error))", file: path)
        }
    }
}
