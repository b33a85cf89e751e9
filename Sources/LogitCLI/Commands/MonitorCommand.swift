import ArgumentParser
import Foundation
import Logit
import LogitImages
import LogitNumerics

/// `logit monitor`: compares current data with the model's reference sample
/// (feature drift as Evidently computes it, prediction drift, and live quality
/// when the data has labels). Exit status 0 without data-set drift, 3 with it.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Check current data for drift against the model's training sample (exit 3 on data-set drift).",
        discussion: """
        Each feature is tested as Evidently's DataDriftPreset does: with a reference of at most 1000 rows, \
        Kolmogorov-Smirnov (or chi-squared / z for features with at most 5 / 2 values); above, the \
        Wasserstein distance normed by the reference's std (or Jensen-Shannon). The data set drifts when at \
        least --drift-share of the features drift. Exit status: 0 no drift, 3 drift, 1 bad input, 2 usage.
        """)

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp("Current rows: CSV with the model's feature columns (any order; the label column, when present, gives live quality) or .npy; '-' reads standard input.",
                               valueName: "file"))
    var data: String?

    @Option(help: ArgumentHelp("Current rows as images instead of --data: an image file or a folder (every file below it), for a model trained with --images.",
                               valueName: "path"))
    var images: String?

    @Flag(name: .customLong("skip-invalid"), help: "With --images: leave out image files that cannot be used (each reported as a warning).")
    var skipInvalid = false

    /// The image limits; size and colour come from the model.
    @OptionGroup var imageOptions: PredictImageOptions

    @Option(help: "One method for every feature instead of Evidently's choice: ks, wasserstein, chisquare, jensenshannon, psi, z.")
    var method: DriftMethod?

    @Option(help: "One threshold for every feature instead of the method's default (0.05 for p-values, 0.1 for distances).")
    var threshold: Double?

    @Option(name: .customLong("drift-share"), help: "The share of drifted features that makes the data set drifted.")
    var driftShare: Double = 0.5

    @Flag(help: "Print the report as JSON (Evidently's result shape).")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML page (histograms, scores, quality) here.", valueName: "file"))
    var html: String?

    func validate() throws {
        guard (data == nil) != (images == nil) else { throw ValidationError("give one of --data FILE or --images PATH") }
        if skipInvalid && images == nil { throw ValidationError("--skip-invalid is for --images PATH") }
        if let threshold, !(threshold.isFinite && threshold >= 0) {
            throw ValidationError("--threshold \(threshold) must be a finite number ≥ 0")
        }
        guard driftShare > 0 && driftShare <= 1 else {
            throw ValidationError("--drift-share \(driftShare) must be in (0, 1]")
        }
    }

    func run() throws {
        let (file, reference) = try modelOptions.load()
        let sample = try file.loadReferenceSample(modelPath: reference.path)
        let (report, current) = switch modelOptions.precision(for: file) {
        case .float: try monitor(file, sample, Float.self)
        case .double: try monitor(file, sample, Double.self)
        }
        if let html {
            let page = MonitorPage(report: report, reference: sample, current: current, model: reference.path,
                                   data: data ?? images!).html
            do {
                try Data(page.utf8).write(to: URL(fileURLWithPath: html), options: .atomic)
            } catch {
                throw CLIError("--html \(html): cannot write: \(error.localizedDescription)")
            }
        }
        if json {
            try JSONOutput.print(report)
        } else {
            print(MonitorPage.table(report, data: data ?? images!), terminator: "")
        }
        if report.dataset.driftDetected { throw ExitCode(3) }
    }

    func monitor<T: LogitScalar>(_ file: ModelFile, _ sample: ReferenceSample,
                                 _: T.Type) throws -> (DriftReport, [Double]) {
        let rows = if let images {
            try ImageRows.read(path: images, file: file, options: imageOptions, skipInvalid: skipInvalid, as: T.self).rows
        } else {
            try FeatureRows<T>.read(path: data!, featureNames: file.featureNames, labelColumn: file.labelColumn)
        }
        let n = rows.features.rows
        guard n > 0 else { throw DataError("the data has no rows", file: rows.source) }
        var current = [Double](repeating: 0, count: n * file.featureCount)
        rows.features.withUnsafeBufferPointer { x in
            for i in 0..<x.count { current[i] = Double(x[i]) }
        }
        let model = try file.model(as: T.self)
        let probabilities = try model.predictProbabilities(try file.scaler.transform(rows.features),
                                                           backend: try modelOptions.engine())
        var labels: [Int]?
        if let text = rows.labels {
            var index = [String: Int]()
            for (c, name) in file.classNames.enumerated() { index[name] = c }
            labels = try text.enumerated().map { i, name in
                guard let c = index[name.trimmingCharacters(in: .whitespaces)] else {
                    throw DataError("label '\(name)' in column '\(file.labelColumn ?? "")' is not one of the model's classes (\(file.classNames.joined(separator: ", ")))",
                                    file: rows.source, line: rows.lines?[i])
                }
                return c
            }
        }
        let options = DriftOptions(method: method, threshold: threshold, driftShare: driftShare)
        let report = try current.withUnsafeBufferPointer {
            try DriftReport(reference: sample, current: $0, rows: n, labels: labels,
                            probabilities: probabilities.elements.map { Double($0) }, options: options)
        }
        return (report, current)
    }
}

extension DriftMethod: ExpressibleByArgument {}
