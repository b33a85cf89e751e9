import Foundation
import Logit
import Testing

/// The registry's layout (MLflow's file store: checked against MlflowClient by
/// scripts/check_mlflow.sh), versions under concurrency, aliases, rollback and
/// the refusal to follow deleted or corrupt versions.
@Suite("Model registry")
struct ModelRegistryTests {
    /// A scratch store with a model file written in it.
    static func setUp() throws -> (ScratchDirectory, ModelRegistry, String) {
        let scratch = ScratchDirectory()
        let (file, _, _) = try ModelFileTests.trained(Double.self)
        let path = scratch.file("model.json")
        try file.write(to: path)
        return (scratch, ModelRegistry(trackingDirectory: scratch.file("mlruns")), path)
    }

    @Test func registerWritesMLflowLayoutAndNumbersVersions() throws {
        let (scratch, registry, path) = try Self.setUp()
        let first = try registry.register(modelPath: path, name: "raisin", artifacts: ["card.md": Data("# card".utf8)])
        let second = try registry.register(modelPath: path, name: "raisin", runID: "abc123")
        #expect(first.version == 1 && second.version == 2)
        #expect(second.source == "runs:/abc123/model.json")
        #expect(second.runID == "abc123")
        let meta = try String(contentsOfFile: scratch.file("mlruns/models/raisin/version-1/meta.yaml"), encoding: .utf8)
        #expect(meta.contains("version: 1\n"))  // an integer, as MLflow computes the next version with max()+1
        #expect(meta.contains("current_stage: 'None'\n"))
        #expect(meta.contains("storage_location: 'file://\(scratch.path)/mlruns/models/raisin/version-1/model'"))
        #expect(FileManager.default.fileExists(atPath: scratch.file("mlruns/models/raisin/version-1/model/card.md")))
        #expect(try registry.modelNames() == ["raisin"])
        #expect(try registry.versions(name: "raisin").map(\.problem) == [nil, nil])
        #expect(try registry.resolve("models:/raisin/2").path == scratch.path + "/mlruns/models/raisin/version-2/model/model.json")
    }

    @Test func concurrentRegistersGetDistinctVersions() throws {
        let (scratch, registry, path) = try Self.setUp()
        defer { withExtendedLifetime(scratch) {} }  // the folder lives until the test ends
        let count = 8
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var versions = [Int]()
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: count) { _ in
            if let version = try? registry.register(modelPath: path, name: "raisin") {
                results.lock.withLock { results.versions.append(version.version) }
            }
        }
        #expect(results.versions.sorted() == Array(1...count))
        #expect(try registry.versions(name: "raisin").map(\.version) == Array(1...count))
    }

    @Test func aliasRollbackAndNoEarlierTarget() throws {
        let (scratch, registry, path) = try Self.setUp()
        defer { withExtendedLifetime(scratch) {} }  // the folder lives until the test ends
        for _ in 0..<3 { _ = try registry.register(modelPath: path, name: "raisin") }
        try registry.setAlias("production", name: "raisin", version: 1)
        let error = #expect(throws: TrackingError.self) { try registry.rollback(alias: "production", name: "raisin") }
        #expect(error?.message.contains("no earlier target") == true)
        try registry.setAlias("production", name: "raisin", version: 3)
        try registry.setAlias("production", name: "raisin", version: 2)
        #expect(try registry.aliases(name: "raisin") == ["production": 2])
        #expect(registry.aliasHistory(name: "raisin", alias: "production") == [1, 3, 2])
        #expect(try registry.rollback(alias: "production", name: "raisin") == (from: 2, to: 3))
        #expect(try registry.version(.alias(name: "raisin", alias: "production")).version == 3)
        #expect(try registry.rollback(alias: "production", name: "raisin") == (from: 3, to: 1))
        #expect(throws: TrackingError.self) { try registry.rollback(alias: "production", name: "raisin") }
        #expect(throws: TrackingError.self) { try registry.setAlias("latest", name: "raisin", version: 1) }
        #expect(throws: TrackingError.self) { try registry.setAlias("staging", name: "raisin", version: 7) }
    }

    @Test func deletedAndCorruptVersionsAreReportedNotFollowed() throws {
        let (scratch, registry, path) = try Self.setUp()
        for _ in 0..<3 { _ = try registry.register(modelPath: path, name: "raisin") }
        try registry.setAlias("production", name: "raisin", version: 2)
        try registry.setAlias("production", name: "raisin", version: 3)
        // MLflow deletes a version by marking its stage
        let meta = scratch.file("mlruns/models/raisin/version-2/meta.yaml")
        let text = try String(contentsOfFile: meta, encoding: .utf8)
        try text.replacingOccurrences(of: "current_stage: 'None'", with: "current_stage: 'Deleted_Internal'")
            .write(toFile: meta, atomically: true, encoding: .utf8)
        let deleted = #expect(throws: TrackingError.self) { try registry.resolve("models:/raisin/2") }
        #expect(deleted?.message.contains("is deleted") == true)
        let rollback = #expect(throws: TrackingError.self) { try registry.rollback(alias: "production", name: "raisin") }
        #expect(rollback?.message.contains("version 2") == true)
        #expect(try registry.aliases(name: "raisin") == ["production": 3])
        // a changed model file no longer matches its checksum
        let model = scratch.file("mlruns/models/raisin/version-1/model/model.json")
        try (try String(contentsOfFile: model, encoding: .utf8) + " ").write(toFile: model, atomically: true, encoding: .utf8)
        let corrupt = #expect(throws: TrackingError.self) { try registry.resolve("models:/raisin/1") }
        #expect(corrupt?.message.contains("checksum") == true)
        try FileManager.default.removeItem(atPath: scratch.file("mlruns/models/raisin/version-3"))
        let missing = #expect(throws: TrackingError.self) { try registry.resolve("models:/raisin@production") }
        #expect(missing?.message.contains("no version 3") == true)
        #expect(throws: TrackingError.self) { try registry.resolve("models:/nothing/1") }
    }

    @Test func modelURIs() throws {
        #expect(try ModelURI.parse("models:/raisin/3") == .version(name: "raisin", version: 3))
        #expect(try ModelURI.parse("models:/raisin@production") == .alias(name: "raisin", alias: "production"))
        #expect(try ModelURI.parse("model.json") == nil)
        #expect(throws: TrackingError.self) { try ModelURI.parse("models:/raisin/0") }
        #expect(throws: TrackingError.self) { try ModelURI.parse("models:/raisin") }
        #expect(throws: TrackingError.self) { try ModelURI.parse("models:/@x") }
    }
}
