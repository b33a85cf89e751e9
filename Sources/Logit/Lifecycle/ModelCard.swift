import Foundation

/// A model card in Markdown (or HTML), generated from a model file alone (and
/// its reference-sample sidecar, when there is one), so it can never disagree
/// with the model: what it predicts, classes, features and their training
/// statistics, the training data and configuration, metrics, calibration,
/// the largest weights, intended use and limitations, and the engine version.
///
/// What the model file does not store is said, not invented: the file keeps
/// accuracy and log-loss on the training and test rows but no per-class test
/// metrics or test confusion matrix; per-class metrics, the confusion matrix
/// and calibration are computed on the training sample the sidecar holds (its
/// labels and the model's probabilities) and labelled as such.
public struct ModelCard: Sendable {
    /// The model file.
    public var model: ModelFile
    /// The training sample stored beside it, if any.
    public var sample: ReferenceSample?
    /// The user's name, intended use and limitations.
    public var info: ModelCardInfo
    /// Why the model's reference sample could not be read, when it names one
    /// that is missing or damaged (said in the card instead of calibration).
    public var sampleProblem: String?

    /// A card for `model`.
    public init(model: ModelFile, sample: ReferenceSample? = nil, info: ModelCardInfo = ModelCardInfo()) {
        self.model = model
        self.sample = sample
        self.info = info
    }

    /// A card for the model file at `path`, with its reference sample when it
    /// has a readable one.
    ///
    /// - Throws: ``ModelFileError`` when the model file cannot be read.
    public init(modelPath path: String, info: ModelCardInfo = ModelCardInfo()) throws(ModelFileError) {
        let model = try ModelFile.read(from: path)
        self.init(model: model, sample: nil, info: info)
        if model.referenceSample != nil {
            do {
                sample = try model.loadReferenceSample(modelPath: path)
            } catch {
                sampleProblem = error.description
            }
        }
    }

    // MARK: Calibration

    /// One bin of a reliability table.
    public struct ReliabilityBin: Sendable, Equatable {
        /// The bin's range of predicted probability, [lower, upper) (the last bin includes 1).
        public var lower: Double
        /// The bin's upper edge.
        public var upper: Double
        /// Rows whose prediction fell in the bin.
        public var rows: Int
        /// Their mean predicted probability.
        public var meanPredicted: Double
        /// The fraction of them for which the event happened.
        public var observed: Double
    }

    /// A reliability table of `predicted` probabilities against 0/1 `outcomes`
    /// in `bins` equal-width bins over [0, 1] (empty bins left out), as
    /// scikit-learn's `calibration_curve(strategy="uniform")`.
    ///
    /// - Complexity: O(n).
    public static func reliability(predicted: [Double], outcomes: [Bool], bins: Int = 10) -> [ReliabilityBin] {
        var count = [Int](repeating: 0, count: bins), sum = [Double](repeating: 0, count: bins)
        var hits = [Int](repeating: 0, count: bins)
        for (p, outcome) in zip(predicted, outcomes) {
            let b = Swift.min(Swift.max(Int(p * Double(bins)), 0), bins - 1)
            count[b] += 1
            sum[b] += p
            if outcome { hits[b] += 1 }
        }
        return (0..<bins).filter { count[$0] > 0 }.map { b in
            ReliabilityBin(lower: Double(b) / Double(bins), upper: Double(b + 1) / Double(bins), rows: count[b],
                           meanPredicted: sum[b] / Double(count[b]), observed: Double(hits[b]) / Double(count[b]))
        }
    }

    /// The Brier score of `probabilities` (n×k row-major) for `labels`:
    /// for two classes, the mean of (p₁ − y)² (scikit-learn's
    /// `brier_score_loss`); for more, the mean over rows of Σ_c (p_c − [y = c])²
    /// (Brier's original multi-class score).
    public static func brierScore(probabilities: [Double], labels: [Int], classCount k: Int) -> Double {
        let n = labels.count
        guard n > 0 else { return .nan }
        var total = 0.0
        for i in 0..<n {
            if k == 2 {
                let d = probabilities[i * 2 + 1] - (labels[i] == 1 ? 1 : 0)
                total += d * d
            } else {
                for c in 0..<k {
                    let d = probabilities[i * k + c] - (labels[i] == c ? 1 : 0)
                    total += d * d
                }
            }
        }
        return total / Double(n)
    }

    // MARK: Markdown

    /// The card as Markdown.
    public var markdown: String {
        var out = [String]()
        let k = model.classNames.count
        let title = info.name ?? model.labelColumn.map { "predicts \($0)" } ?? "logistic regression"
        out.append("# Model card: \(title)")
        out.append("")
        let target = model.labelColumn.map { "the `\($0)` column" } ?? "the class"
        out.append("A \(k == 2 ? "binary" : "\(k)-class multinomial") logistic-regression model predicting \(target) (\(model.classNames.joined(separator: ", "))) from \(model.featureCount) numeric features. Generated from the model file alone by logit \(EngineVersion.current).")
        out.append("")

        out.append("## Intended use and limitations")
        out.append("")
        out.append("- Intended use: \(info.intendedUse ?? "not stated (give `--info` a JSON file with `intendedUse`)").")
        out.append("- Limitations: \(info.limitations ?? "not stated (give `--info` a JSON file with `limitations`)").")
        if let owners = info.owners, !owners.isEmpty { out.append("- Owners: \(owners.joined(separator: ", ")).") }
        out.append("- The model is linear in the (scaled) features: it cannot represent interactions it was not given, and its probabilities are only as calibrated as the table below shows.")
        out.append("")

        let stats = model.trainingStatistics
        out.append("## Training data")
        out.append("")
        out.append("- Source: \(model.training.dataSource)")
        out.append("- Rows trained on: \(model.training.rows) (statistics over \(stats.rows) rows)")
        if let test = model.metrics?.test { out.append("- Held-out test rows: \(test.rows)") }
        out.append("")
        out.append("| class | training rows | share |")
        out.append("| --- | ---: | ---: |")
        let total = Swift.max(stats.classCounts.reduce(0, +), 1)
        for (c, name) in model.classNames.enumerated() {
            let count = c < stats.classCounts.count ? stats.classCounts[c] : 0
            out.append("| \(Self.cell(name)) | \(count) | \(Self.fixed(100 * Double(count) / Double(total), 1)) % |")
        }
        out.append("")

        out.append("## Features")
        out.append("")
        let medianIndex = stats.quantileLevels.firstIndex(of: 0.5)
        out.append("| feature | mean | std | min | \(medianIndex == nil ? "" : "median | ")max |")
        out.append("| --- | ---: | ---: | ---: | \(medianIndex == nil ? "" : "---: | ")---: |")
        for feature in stats.features {
            let median = medianIndex.map { $0 < feature.quantiles.count ? Self.number(feature.quantiles[$0]) + " | " : " | " } ?? ""
            out.append("| \(Self.cell(feature.name)) | \(Self.number(feature.mean)) | \(Self.number(feature.std)) | \(Self.number(feature.min)) | \(median)\(Self.number(feature.max)) |")
        }
        out.append("")

        let t = model.training, configuration = t.configuration
        out.append("## Training")
        out.append("")
        out.append("- Solver: \(configuration.solver.rawValue), L2 \(Self.number(configuration.l2)), L1 \(Self.number(configuration.l1)), class weighting: \(Self.weighting(configuration.classWeighting))")
        out.append("- Preprocessing: \(model.imputer.map { "missing values filled with the training \($0.strategy.rawValue); " } ?? "")scaler: \(model.scaler.kind.rawValue)")
        out.append("- Precision \(model.precision), backend \(t.backend)")
        out.append("- Convergence: \(t.converged ? "converged" : "did NOT converge") after \(t.iterations) iterations (\(t.stopReason.rawValue)); final objective \(Self.number(t.finalObjective)), gradient norm \(Self.number(t.gradientNorm)); \(Self.fixed(t.seconds, 2)) s")
        out.append("")

        out.append("## Metrics")
        out.append("")
        if let metrics = model.metrics {
            out.append("| rows | count | accuracy | log-loss |")
            out.append("| --- | ---: | ---: | ---: |")
            out.append("| training | \(metrics.train.rows) | \(Self.fixed(metrics.train.accuracy, 4)) | \(Self.fixed(metrics.train.logLoss, 4)) |")
            if let test = metrics.test {
                out.append("| test | \(test.rows) | \(Self.fixed(test.accuracy, 4)) | \(Self.fixed(test.logLoss, 4)) |")
            }
            out.append("")
            if metrics.test == nil {
                out.append("No held-out test rows were scored when this model was trained (train with `--test-fraction` or `--test` for them).")
                out.append("")
            }
        } else {
            out.append("The model file stores no metrics.")
            out.append("")
        }
        out.append("The model file does not store per-class test metrics or a test confusion matrix; `logit evaluate --model M --data TEST` computes them on any labelled data.")
        out.append("")

        if let sample, sample.rows > 0, sample.probabilities.count == sample.rows * k {
            let predicted = (0..<sample.rows).map { i -> Int in
                // as LogisticModel: class 1 when p₁ ≥ ½ (score ≥ 0); else the first most probable class
                if k == 2 { return sample.probabilities[i * 2 + 1] >= 0.5 ? 1 : 0 }
                let row = sample.probabilities[(i * k)..<((i + 1) * k)]
                return row.indices.max { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }! - i * k
            }
            out.append("### On the training sample")
            out.append("")
            out.append("Computed from the \(sample.rows) training rows (of \(sample.sourceRows)) sampled into the reference sample: this is the TRAINING data, not held-out data, so it overstates how the model does on new rows.")
            out.append("")
            if let report = try? ClassificationReport(trueLabels: sample.labels, predictedLabels: predicted,
                                                      classes: Array(0..<k), classNames: model.classNames) {
                out.append("| class | precision | recall | F1 | support |")
                out.append("| --- | ---: | ---: | ---: | ---: |")
                for row in report.classes {
                    out.append("| \(Self.cell(row.name)) | \(Self.fixed(row.precision, 3)) | \(Self.fixed(row.recall, 3)) | \(Self.fixed(row.f1, 3)) | \(row.support) |")
                }
                out.append("")
            }
            if let matrix = try? ConfusionMatrix(trueLabels: sample.labels, predictedLabels: predicted, classes: Array(0..<k)) {
                out.append("Confusion matrix (rows: true class, columns: predicted):")
                out.append("")
                out.append("| true \\ predicted | " + model.classNames.map(Self.cell).joined(separator: " | ") + " |")
                out.append("| --- | " + Array(repeating: "---:", count: k).joined(separator: " | ") + " |")
                for (c, name) in model.classNames.enumerated() {
                    out.append("| \(Self.cell(name)) | " + matrix.counts[c].map(String.init).joined(separator: " | ") + " |")
                }
                out.append("")
            }
            out.append("## Calibration (training sample)")
            out.append("")
            let bins: [ReliabilityBin]
            if k == 2 {
                out.append("Reliability of P(\(model.classNames[1])) in 10 equal-width bins:")
                bins = Self.reliability(predicted: sample.probabilityColumn(1), outcomes: sample.labels.map { $0 == 1 })
            } else {
                out.append("Reliability of the top class's probability (confidence) in 10 equal-width bins:")
                let confidence = (0..<sample.rows).map { sample.probabilities[$0 * k + predicted[$0]] }
                bins = Self.reliability(predicted: confidence, outcomes: (0..<sample.rows).map { predicted[$0] == sample.labels[$0] })
            }
            out.append("")
            out.append("| predicted | rows | mean predicted | observed |")
            out.append("| --- | ---: | ---: | ---: |")
            for bin in bins {
                out.append("| \(Self.fixed(bin.lower, 1))–\(Self.fixed(bin.upper, 1)) | \(bin.rows) | \(Self.fixed(bin.meanPredicted, 3)) | \(Self.fixed(bin.observed, 3)) |")
            }
            out.append("")
            let brier = Self.brierScore(probabilities: sample.probabilities, labels: sample.labels, classCount: k)
            out.append("Brier score: \(Self.fixed(brier, 4))\(k == 2 ? " (mean of (p − y)²)" : " (mean over rows of Σ_c (p_c − y_c)²)").")
            out.append("")
        } else {
            out.append("## Calibration")
            out.append("")
            if let sampleProblem {
                out.append("Not computable: the model's reference sample cannot be used (\(sampleProblem)).")
            } else {
                out.append("Not computable: the model file has no reference sample with predicted probabilities beside it (train with `logit train --output` to store one).")
            }
            out.append("")
        }

        out.append("## Largest weights")
        out.append("")
        out.append("Weights act on \(model.scaler.kind == .none ? "the raw features" : "the scaled features (\(model.scaler.kind.rawValue))"), so their sizes compare across features.")
        out.append("")
        out.append("| \(k == 2 ? "" : "class | ")feature | weight |")
        out.append("| \(k == 2 ? "" : "--- | ")--- | ---: |")
        let shown = k == 2 ? 10 : 3
        for (c, row) in model.weights.enumerated() {
            let largest = row.indices.sorted { abs(row[$0]) > abs(row[$1]) || (abs(row[$0]) == abs(row[$1]) && $0 < $1) }.prefix(shown)
            for j in largest {
                let prefix = k == 2 ? "" : Self.cell(model.classNames[c]) + " | "
                out.append("| \(prefix)\(Self.cell(model.featureNames[j])) | \(Self.fixed(row[j], 4)) |")
            }
        }
        out.append("")

        out.append("## Provenance")
        out.append("")
        out.append("- Written by engine \(model.engineVersion) at \(model.createdAt) (model format \(model.formatVersion)); card by logit \(EngineVersion.current)")
        out.append("")
        return out.joined(separator: "\n")
    }

    // MARK: HTML

    /// The card as a standalone HTML page (the Markdown's headings, lists,
    /// tables and paragraphs, text escaped).
    public var html: String {
        var out = ["<!doctype html>", "<html><head><meta charset=\"utf-8\"><title>Model card</title>",
                   "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}td{text-align:right}td:first-child{text-align:left}</style>",
                   "</head><body>"]
        var inList = false, inTable = false, tableRow = 0
        func close() {
            if inList { out.append("</ul>"); inList = false }
            if inTable { out.append("</table>"); inTable = false }
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") {
                if !inTable { close(); out.append("<table>"); inTable = true; tableRow = 0 }
                tableRow += 1
                if tableRow == 2 { continue }  // the alignment row
                let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                    .map { Self.escape($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: "|")) }
                let tag = tableRow == 1 ? "th" : "td"
                out.append("<tr>" + cells.map { "<\(tag)>\($0)</\(tag)>" }.joined() + "</tr>")
            } else if line.hasPrefix("- ") {
                if !inList { close(); out.append("<ul>"); inList = true }
                out.append("<li>\(Self.escape(String(line.dropFirst(2))))</li>")
            } else if line.isEmpty {
                close()
            } else {
                close()
                let level = line.prefix { $0 == "#" }.count
                if level > 0 {
                    out.append("<h\(level)>\(Self.escape(String(line.dropFirst(level + 1))))</h\(level)>")
                } else {
                    out.append("<p>\(Self.escape(line))</p>")
                }
            }
        }
        close()
        out.append("</body></html>")
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: Formatting

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A table cell: `|` escaped, line breaks flattened.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    /// Six significant digits.
    static func number(_ value: Double) -> String { String(format: "%.6g", value) }

    static func weighting(_ weighting: ClassWeighting) -> String {
        switch weighting {
        case .none: "none"
        case .balanced: "balanced"
        case let .explicit(values): values.map { number($0) }.joined(separator: ", ")
        }
    }
}
