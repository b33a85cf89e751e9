import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Reference sample sidecar")
struct ReferenceSampleFileTests {
    private func trainedFile() throws -> (ModelFile, ReferenceSample) {
        let data = try Dataset<Double>.raisin()
        let trainer = LogisticRegression<Double>(configuration: TrainingConfiguration(solver: .lbfgs), backend: .swift)
        let scaler = try FeatureScaler.fit(.standard, to: data.features)
        var scaled = data
        scaled.features = try scaler.transform(data.features)
        let result = try trainer.fit(scaled)
        var (statistics, sample) = try TrainingStatistics.summarize(data: data, sampleSize: 300, seed: 3)
        try sample.fillProbabilities(model: result.model, scaler: scaler)
        let file = ModelFile(model: result.model, scaler: scaler,
                             training: .init(result, trainer: trainer, rows: data.count), metrics: nil,
                             trainingStatistics: statistics)
        return (file, sample)
    }

    @Test func roundTripsAndChecksShapeAndChecksum() throws {
        let (file, sample) = try trainedFile()
        #expect(sample.rows == 300 && sample.probabilities.count == 600)
        // Binary model: each row's two probabilities sum to 1 (bound 1e-15: one subtraction).
        #expect((0..<300).allSatisfy { abs(sample.probabilities[2 * $0] + sample.probabilities[2 * $0 + 1] - 1) <= 1e-15 })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("refsample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("model.json").path
        try file.write(to: path, referenceSample: sample)
        let read = try ModelFile.read(from: path)
        #expect(read.referenceSample?.file == "model.reference.bin")
        #expect(try read.loadReferenceSample(modelPath: path) == sample)

        // One flipped byte: the checksum names the problem.
        let sidecar = ModelFile.referenceSamplePath(forModelAt: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: sidecar))
        bytes[bytes.count - 3] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: sidecar))
        do {
            _ = try read.loadReferenceSample(modelPath: path)
            Issue.record("a damaged sidecar loaded")
        } catch {
            #expect(error.message.contains("checksum"))
            #expect(error.file == sidecar)
        }
        // Truncated, checked without the model's expectations: says where it ended.
        do {
            _ = try ReferenceSample.decode(bytes.prefix(bytes.count - 100), file: sidecar)
            Issue.record("a truncated sidecar loaded")
        } catch {
            #expect(error.message.contains("truncated"))
        }
    }

    /// A model file without a sample (older files) still loads; asking for the
    /// sample says to retrain.
    @Test func oldModelFilesLoadButCannotMonitor() throws {
        let (file, _) = try trainedFile()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("refsample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.json").path
        try file.write(to: path)
        let read = try ModelFile.read(from: path)
        #expect(read.referenceSample == nil)
        #expect(throws: ModelFileError.self) { try read.loadReferenceSample(modelPath: path) }
        do { _ = try read.loadReferenceSample(modelPath: path) } catch { #expect(error.message.contains("retrain")) }
    }
}
