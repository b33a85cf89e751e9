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
            // largest contribution first (the largest over the outputs shown); a
            // "(n others)" line from --top stays last
            let size = contributions.map { $0.value.isNaN ? -1 : ($0.contribution.map(abs).max() ?? 0) }
            let order = contributions.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
            for i in order {
                let c = contributions[i]
                table.add([Explanation.clip(c.feature), c.value.isNaN ? "" : Self.number(c.value),
                           c.standardized.isNaN ? "" : String(format: "%.4f", c.standardized)]
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
    /// The model's weight rows shown, in ``outputs`` order, and the sign
    /// applied (−1 for the first class of a binary model: its log-odds).
    let outputRows: [Int]
    let sign: Double
    /// Show only this many features, the largest weights first (nil: all).
    var top: Int?

    /// The explanation of `file`'s weights.
    ///
    /// - Parameters:
    ///   - className: only this class's output (`--class`); for a binary model
    ///     the first class shows the log-odds of that class (weights negated).
    ///   - top: only the `top` features with the largest weights (`--top`).
    init(file: ModelFile, path: String, className: String? = nil, top: Int? = nil) throws {
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
                throw CLIError("--class \(className) is not one of the model's classes (\(file.classNames.joined(separator: ", ")))")
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
    var featureOrder: [Int] {
        let size = features.map { f in f.weightsStandardized.map(abs).max() ?? 0 }
        let order = features.indices.sorted { size[$0] > size[$1] || (size[$0] == size[$1] && $0 < $1) }
        return Array(order.prefix(top ?? order.count))
    }

    /// Whether both weight columns fit a 100-column terminal for every output
    /// shown: one or two outputs; with more, only the standardized weights.
    var showsOriginalUnits: Bool { outputs.count <= 2 }

    /// Explains one raw row.
    func explain(_ raw: [Double], index: Int, line: Int?, source: String, trueClass: String?,
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

    /// A feature name cut to 24 characters, so tables fit 100 columns.
    static func clip(_ name: String) -> String {
        name.count <= 24 ? name : String(name.prefix(23)) + "…"
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
        if classes.count == 2 && sign < 0 { out += "(--class \(outputs[0]): the log-odds of \(outputs[0]), weights negated)\n" }
        let original = showsOriginalUnits
        var header = ["feature", "mean", "std"]
        for output in outputs {
            let shown = MessageText.shortened(output, to: TextTable.maximumCellWidth)
            let suffix = outputs.count == 1 ? "" : " → \(shown)"
            header += original ? ["weight (standardized)\(suffix)", "weight (original)\(suffix)"] : ["→ \(shown)"]
        }
        var table = TextTable(header)
        let order = featureOrder
        for j in order {
            let f = features[j]
            var cells = [Self.clip(f.name), Row.number(f.mean), Row.number(f.std)]
            for o in outputs.indices {
                cells += [String(format: "%+.4f", f.weightsStandardized[o])]
                if original { cells += [String(format: "%+.6g", f.weightsOriginal[o])] }
            }
            table.add(cells)
        }
        var intercept = ["intercept", "", ""]
        for o in outputs.indices {
            intercept += [String(format: "%+.4f", interceptStandardized[o])]
            if original { intercept += [String(format: "%+.6g", interceptOriginal[o])] }
        }
        table.add(intercept)
        var notes = ""
        if order.count < features.count {
            notes += "(\(features.count - order.count) smaller weights not shown; --top \(order.count))\n"
        }
        if !original {
            notes += "(standardized weights, largest first; --class C shows one class with its weights in original units)\n"
        }
        return out + table.text + notes
    }
}
