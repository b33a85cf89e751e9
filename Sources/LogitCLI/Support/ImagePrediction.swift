import ArgumentParser
import Foundation
import Logit
import LogitImages
import LogitNumerics

/// The image limits for `logit predict` on images (size and colour come from the model).
struct PredictImageOptions: ParsableArguments {
    @OptionGroup var limitOptions: ImageLimitOptions

    /// A streaming loader with the model's preprocessing.
    func loader(preprocessing: ImagePreprocessing?, skipInvalid: Bool) throws -> ImageFeatureLoader {
        guard let preprocessing else {
            throw CLIError("the model was not trained on images (its file has no image preprocessing); train it with logit train --images DIR")
        }
        return ImageFeatureLoader(preprocessing: preprocessing,
                                  limits: limitOptions.limits,
                                  skipInvalid: skipInvalid)
    }
}

/// Writes `logit predict` answers for image files as they are decoded, batch
/// by batch: CSV (`path,predicted,p_<class>…`) or JSON lines
/// (`{"path":…,"predicted":…,"probabilities":{…}}`). With `--output`, into a
/// temporary file renamed into place at the end.
struct ImagePredictionOutput {
    enum Format { case csv, jsonl }

    var format: Format
    var digits: Int
    var threshold: Double?
    var output: String?

    struct Line: Encodable {
        var path: String
        var predicted: String
        var probabilities: [String: Double]
    }

    func predict<T: LogitScalar>(paths: [String], file: ModelFile, loader: ImageFeatureLoader, as _: T.Type) throws
        -> ImageFeatureLoader.Report {
        let model = try file.model(as: T.self)
        let classes = file.classNames
        if threshold != nil && !model.isBinary {
            throw CLIError("--threshold is for binary models; this model has \(classes.count) classes (\(classes.joined(separator: ", ")))")
        }
        try file.checkFeatureCount(loader.preprocessing.featureCount, source: "the image preprocessing")
        let temporary = output.map { URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent(".\(URL(fileURLWithPath: $0).lastPathComponent).\(UUID().uuidString).tmp").path }
        let handle: FileHandle
        if let temporary {
            guard FileManager.default.createFile(atPath: temporary, contents: nil),
                  let opened = FileHandle(forWritingAtPath: temporary) else {
                throw CLIError("--output \(output!): cannot write there")
            }
            handle = opened
        } else {
            handle = FileHandle.standardOutput
        }
        var finished = false
        defer {
            if let temporary, !finished {
                try? handle.close()
                unlink(temporary)
            }
        }
        // The CSV header goes out with the first answers, so a first batch that fails prints nothing.
        var header = format == .csv
            ? (["path", "predicted"] + classes.map { "p_" + $0 }).map(PredictCommand.csvField).joined(separator: ",") + "\n" : ""
        let encoder = JSONOutput.encoder(pretty: false)
        let progress = ImageProgress(label: "classifying")
        let report: ImageFeatureLoader.Report
        do {
            report = try loader.forEachBatch(paths: paths, as: T.self, progress: progress.draw) { rows, names, _ in
            let features = try file.scaler.transform(rows)
            let probabilities = try model.predictProbabilities(features)
            var text = header
            header = ""
            for i in 0..<rows.rows {
                let p = probabilities.row(i)
                var label = p.indices.max { p[$0] < p[$1] } ?? 0
                if let threshold { label = p[1] >= T(threshold) ? 1 : 0 }
                switch format {
                case .csv:
                    text += ([PredictCommand.csvField(names[i]), PredictCommand.csvField(classes[label])]
                        + p.map { String(format: "%.\(digits)f", Double($0)) }).joined(separator: ",") + "\n"
                case .jsonl:
                    var byClass = [String: Double]()
                    for (c, name) in classes.enumerated() { byClass[name] = PredictCommand.rounded(Double(p[c]), digits: digits) }
                    text += try JSONOutput.line(Line(path: names[i], predicted: classes[label], probabilities: byClass),
                                                encoder: encoder) + "\n"
                }
            }
            progress.clear()
            handle.write(Data(text.utf8))
        }
        } catch let failures as ImageFeatureLoader.Failures {
            progress.clear()
            for error in failures.errors { ErrorReporting.printError("error: \(MessageText.escaped(error.description))") }
            throw CLIError("\(failures.errors.count) image file\(failures.errors.count == 1 ? "" : "s") cannot be used (listed above); --skip-invalid leaves them out")
        }
        if let temporary, let output {
            try handle.close()
            guard rename(temporary, output) == 0 else { throw CLIError("--output \(output): cannot write: \(String(cString: strerror(errno)))") }
            finished = true
        }
        return report
    }
}

/// All rows of an image file or folder (every file below it, sorted by path),
/// preprocessed as the model's file says, for commands that need them at once
/// (`monitor`, `explain`).
enum ImageRows {
    static func read<T: LogitScalar>(path: String, file: ModelFile, options: PredictImageOptions, skipInvalid: Bool,
                                     as _: T.Type) throws -> (rows: FeatureRows<T>, paths: [String]) {
        let loader = try options.loader(preprocessing: file.imagePreprocessing, skipInvalid: skipInvalid)
        try file.checkFeatureCount(loader.preprocessing.featureCount, source: "the image preprocessing")
        var isDirectory: ObjCBool = false
        let paths = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? try ImageFolder.files(in: path, recursive: true) : [path]
        var values = [T]()
        var names = [String]()
        let report: ImageFeatureLoader.Report
        do {
            report = try loader.forEachBatch(paths: paths, as: T.self) { rows, batch, _ in
                rows.withUnsafeBufferPointer { values.append(contentsOf: $0) }
                names += batch
            }
        } catch let failures as ImageFeatureLoader.Failures {
            for error in failures.errors { ErrorReporting.printError("error: \(MessageText.escaped(error.description))") }
            throw CLIError("\(failures.errors.count) image file\(failures.errors.count == 1 ? "" : "s") cannot be used (listed above); --skip-invalid leaves them out")
        }
        ImageSource.summarize(report, path: path)
        guard !names.isEmpty else { throw DataError("no image file", file: path) }
        let matrix = try Matrix<T>(rows: names.count, columns: loader.preprocessing.featureCount, elements: values)
        return (FeatureRows(features: matrix, labels: nil, source: path, lines: nil), names)
    }
}
