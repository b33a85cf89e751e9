import Foundation
import Logit

/// The text tables of `logit explain` (the computation is the library's ``Explanation``).
extension Explanation {
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

extension Explanation.Row {
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
