import Foundation
import Logit
import LogitNumerics
import Testing
@testable import LogitImages

/// The byte-level API a service calls: the same rows and probabilities as the
/// folder path, bad bytes refused by name.
@Suite struct ImageClassifierTests {
    static func trained() throws -> (ModelFile, Dataset<Double>, ImageFolder, TemporaryImageFolder) {
        let folder = try TemporaryImageFolder(classes: ImageFeatureLoaderTests.classes)
        let scanned = try ImageFolder.scan(folder.path)
        let settings = ImagePreprocessing(width: 8, height: 6, color: .gray)
        var (data, _) = try ImageFeatureLoader(preprocessing: settings).load(folder: scanned, as: Double.self)
        let raw = data
        let statistics = try TrainingStatistics(data: data)
        let scaler = try FeatureScaler.fit(.standard, to: data.features)
        data.features = try scaler.transform(data.features)
        let configuration = TrainingConfiguration(solver: .lbfgs, l2: 0.1)
        let result = try LogisticRegression<Double>(configuration: configuration).fit(data)
        let training = ModelFile.Training(
            configuration: configuration, backend: "swift", threads: nil, standardized: true, dataSource: folder.path,
            rows: data.count, iterations: result.iterations, converged: result.converged, stopReason: result.stopReason,
            finalObjective: result.finalObjective, gradientNorm: result.gradientNorm, seconds: 0)
        var file = ModelFile(model: result.model, scaler: scaler, training: training, metrics: nil, trainingStatistics: statistics)
        file.imagePreprocessing = settings
        return (file, raw, scanned, folder)
    }

    @Test func bytesGiveTheFolderRowsAndPredictions() throws {
        let (file, raw, folder, files) = try Self.trained()
        defer { withExtendedLifetime(files) {} }
        let classifier = try ImageClassifier<Double>(file: file)
        let model = try file.model(as: Double.self)
        let expected = try model.predictProbabilities(try file.scaler.transform(raw.features))
        let images = try folder.entries.map { (bytes: Array(try Data(contentsOf: URL(fileURLWithPath: $0.path))), name: $0.path) }
        for (i, image) in images.enumerated() {
            #expect(try classifier.featureRow(bytes: image.bytes, name: image.name) == raw.features.row(i))
            let prediction = try classifier.classify(bytes: image.bytes, name: image.name)
            // Same rows, same model: equal up to the batch's summation order (1e-12).
            for (p, q) in zip(prediction.probabilities, expected.row(i)) { #expect(abs(p - q) <= 1e-12) }
            #expect(prediction.className == file.classNames[prediction.label])
        }
        let batch = try classifier.classify(images + [(bytes: Array("not an image".utf8), name: "upload-3")])
        #expect(batch.count == 7)
        #expect(batch.prefix(6).allSatisfy { (try? $0.get()) != nil })
        guard case let .failure(error) = batch[6] else { Issue.record("text accepted"); return }
        #expect(error.description.hasPrefix("upload-3: not a PNG, JPEG, GIF or BMP file"))
    }

    @Test func tabularModelsAreRefused() throws {
        var (file, _, _, _) = try Self.trained()
        file.imagePreprocessing = nil
        #expect(throws: ImageError.self) { try ImageClassifier<Float>(file: file) }
    }
}
