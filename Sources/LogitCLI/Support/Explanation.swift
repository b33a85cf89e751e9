import Foundation
import Logit
import LogitNumerics

/// A model's weights per feature in standardized and original units, and
/// optionally one row's per-feature contributions.
///
/// The scaler is affine per feature, zⱼ = aⱼ·xⱼ + cⱼ (for z-scores aⱼ = 1/stdⱼ
/// and cⱼ = −meanⱼ/stdⱼ), so a score w·z + b equals (w∘a)·x + (b + w·c): the
/// weight of feature j in original units is wⱼ·aⱼ, per unit of the raw feature,
/// and the intercept is b + Σⱼ wⱼ·cⱼ.
struct Explanation: Encodable {
    /// One feature's weights.
    struct Feature: Encodable {
        var name: String
        var mean: Double
        var std: Double
        /// One weight per output (standardized units).
        var weightsStandardized: [Double]
        /// One weight per output, per unit of the raw feature.
        var weightsOriginal: [Double]

        enum CodingKeys: String, CodingKey {
            case name, mean, std
            case weightsStandardized = "weights_standardized"
            case weightsOriginal = "weights_original"
        }
    }

    /// One row's explanation.
    struct Row: Encodable {
        struct Contribution: Encodable {
            var feature: String
            var value: Double
            var standardized: Double
            /// wⱼ·zⱼ for each output.
            var contribution: [Double]
        }

        var index: Int
        var line: Int?
        var source: String
        var outputs: [String]
        var contributions: [Contribution]
        var intercept: [Double]
        var scores: [Double]
        var probabilities: [String: Double]
        var predicted: String
        var trueClass: String?
        var binary: Bool

        enum CodingKeys: String, CodingKey {
            case index, line, source, outputs, contributions, intercept, scores, probabilities, predicted
            case trueClass = "true_class"
        }

        var text: String {
            // Names are shortened: a class name of 100,000 characters stays one short line.
            func name(_ text: String) -> String { MessageText.shortened(text, to: TextTable.maximumCellWidth) }
            var out = "row \(index) of \(MessageText.escaped(source))\(line.map { " (line \($0))" } ?? ""): predicted \(name(predicted))"
            out += binary ? ", P(\(name(outputs[0]))) = " + String(format: "%.4f", probabilities[outputs[0]] ?? .nan)
                : ", " + probabilities.sorted { $0.key < $1.key }.map { "P(\(name($0.key))) = " + String(format: "%.4f", $0.value) }
                    .joined(separator: ", ")
            if let trueClass { out += "; true class \(name(trueClass))" }
            out += "\n"
            let what = binary ? ["contribution to log-odds of \(name(outputs[0]))"] : outputs.map { "→ \(name($0))" }
            var table = TextTable(["feature", "value", "standardized"] + what)
            let order = contributions.indices.sorted {
                let a = abs(contributions[$0].contribution[0]), b = abs(contributions[$1].contribution[0])
                return binary ? a > b : $0 < $1
            }
            for i in order {
                let c = contributions[i]
                table.add([c.feature, Self.number(c.value), String(format: "%.4f", c.standardized)]
                          + c.contribution.map { String(format: "%+.4f", $0) })
            }
            table.add(["intercept", "", ""] + intercept.map { String(format: "%+.4f", $0) })
            table.add([binary ? "score (log-odds)" : "score", "", ""] + scores.map { String(format: "%+.4f", $0) })
            return out + table.text
        }

        static func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(format: "%.0f", value) : String(format: "%.6g", value)
        }
    }

    var model: String
    var classes: [String]
    /// The class each weight row scores: the positive class for a binary
    /// model (log-odds), every class for a multinomial one.
    var outputs: [String]
    var scaler: String
    var features: [Feature]
    var interceptStandardized: [Double]
    var interceptOriginal: [Double]
    var row: Row?

    enum CodingKeys: String, CodingKey {
        case model, classes, outputs, scaler, features, row
        case interceptStandardized = "intercept_standardized"
        case interceptOriginal = "intercept_original"
    }

    /// The per-feature scale aⱼ and shift cⱼ of the scaler.
    let slope: [Double]
    let shift: [Double]

    init(file: ModelFile, path: String) throws {
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
        outputs = file.classNames.count == 2 ? [file.classNames[1]] : file.classNames
        scaler = file.scaler.kind.rawValue
        features = (0..<d).map { j in
            let stats = file.trainingStatistics.features[j]
            return Feature(name: file.featureNames[j], mean: stats.mean, std: stats.std,
                           weightsStandardized: file.weights.map { $0[j] },
                           weightsOriginal: file.weights.map { $0[j] * slope[j] })
        }
        interceptStandardized = file.bias
        interceptOriginal = file.weights.enumerated().map { o, w in
            file.bias[o] + zip(w, shift).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// Explains one raw row.
    func explain(_ raw: [Double], index: Int, line: Int?, source: String, trueClass: String?,
                 model: LogisticModel<Double>) throws -> Row {
        let z = raw.indices.map { raw[$0] * slope[$0] + shift[$0] }
        let contributions = features.indices.map { j in
            Row.Contribution(feature: features[j].name, value: raw[j], standardized: z[j],
                             contribution: features[j].weightsStandardized.map { $0 * z[j] })
        }
        let scores = try model.decisionFunction(z)
        let p = try model.predictProbabilities(z)
        var probabilities = [String: Double]()
        for (c, name) in classes.enumerated() { probabilities[name] = p[c] }
        return Row(index: index, line: line, source: source, outputs: outputs, contributions: contributions,
                   intercept: interceptStandardized, scores: scores, probabilities: probabilities,
                   predicted: classes[try model.predict(z)], trueClass: trueClass, binary: classes.count == 2)
    }

    var text: String {
        var out = "model: \(model)\n"
        if classes.count == 2 {
            let positive = MessageText.shortened(classes[1], to: TextTable.maximumCellWidth)
            let negative = MessageText.shortened(classes[0], to: TextTable.maximumCellWidth)
            out += "binary: log-odds of \(positive) (vs \(negative)) = intercept + Σ weight × feature\n"
        } else {
            out += "multinomial: score of each class = intercept + Σ weight × feature; P = softmax(scores)\n"
        }
        out += scaler == "standard" ? "standardized: zⱼ = (xⱼ − mean) / std; original units: per unit of the raw feature\n\n"
            : "scaling: \(scaler); original units: per unit of the raw feature\n\n"
        var header = ["feature", "mean", "std"]
        for output in outputs {
            let suffix = outputs.count == 1 ? "" : " → \(MessageText.shortened(output, to: TextTable.maximumCellWidth))"
            header += ["weight (standardized)\(suffix)", "weight (original)\(suffix)"]
        }
        var table = TextTable(header)
        let order = features.indices.sorted {
            abs(features[$0].weightsStandardized[0]) > abs(features[$1].weightsStandardized[0]) || outputs.count > 1 && $0 < $1
        }
        for j in (outputs.count == 1 ? order : Array(features.indices)) {
            let f = features[j]
            var cells = [f.name, Row.number(f.mean), Row.number(f.std)]
            for o in outputs.indices {
                cells += [String(format: "%+.4f", f.weightsStandardized[o]), String(format: "%+.6g", f.weightsOriginal[o])]
            }
            table.add(cells)
        }
        var intercept = ["intercept", "", ""]
        for o in outputs.indices {
            intercept += [String(format: "%+.4f", interceptStandardized[o]), String(format: "%+.6g", interceptOriginal[o])]
        }
        table.add(intercept)
        return out + table.text
    }
}
