import Foundation
import Logit
import Testing

/// `logit models` and `logit export` end to end (MLflow and ONNX Runtime read
/// what they write in scripts/check_mlflow.sh and scripts/check_onnx.sh).
@Suite("logit models and logit export")
struct ModelsCommandTests {
    @Test func registerAliasRollbackAndModelsURIs() throws {
        let workspace = Workspace()
        let first = try workspace.logit("train", "--track", "--json", "--quiet").json()
        let runID = try #require(first["run_id"] as? String)
        #expect(workspace.exists("mlruns/0/\(runID)/artifacts/model/MLmodel"))
        #expect(workspace.exists("mlruns/0/\(runID)/artifacts/model/model.onnx"))
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet", "--l2", "0.5").status == 0)

        let one = try workspace.logit("models", "register", "--run", runID, "--name", "raisin")
        #expect(one.status == 0 && one.stdout.contains("Registered raisin version 1"), "\(one)")
        let two = try workspace.logit("models", "register", "--model", "m.json", "--name", "raisin")
        #expect(two.status == 0 && two.stdout.contains("version 2"), "\(two)")
        #expect(workspace.exists("mlruns/models/raisin/version-2/model/card.md"))

        #expect(try workspace.logit("models", "alias", "raisin", "production", "2").status == 0)
        let noEarlier = try workspace.logit("models", "rollback", "raisin", "production")
        #expect(noEarlier.status == 1 && noEarlier.stderr.contains("no earlier target"), "\(noEarlier)")
        #expect(try workspace.logit("models", "alias", "raisin", "production", "1").status == 0)
        let back = try workspace.logit("models", "rollback", "raisin", "production")
        #expect(back.status == 0 && back.stdout.contains("-> version 2 (rolled back from version 1)"), "\(back)")

        // models:/ resolves wherever --model is taken: same predictions as the file it registered
        let byAlias = try workspace.logit("predict", "--model", "models:/raisin@production", "--data", CLI.raisinCSV)
        let byFile = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV)
        #expect(byAlias.status == 0 && byAlias.stdout == byFile.stdout, "\(byAlias)")
        let missing = try workspace.logit("predict", "--model", "models:/raisin/7", "--data", CLI.raisinCSV)
        #expect(missing.status == 1 && missing.stderr.contains("raisin has no version 7"), "\(missing)")

        let listed = try workspace.logit("models", "list")
        #expect(listed.stdout.contains("raisin") && listed.stdout.contains("production=2"), "\(listed)")
        let card = try workspace.logit("models", "card", "models:/raisin@production")
        #expect(card.status == 0 && card.stdout.hasPrefix("# Model card: raisin@production"), "\(card)")
        #expect(card.stdout.contains("## Calibration (training sample)"))
    }

    @Test func exportWritesOnnxAndJSONWeights() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        #expect(try workspace.logit("export", "--model", "m.json", "--format", "onnx", "--output", "m.onnx").status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: workspace.file("m.onnx")))
        #expect(bytes.count > 100)
        #expect(try workspace.logit("export", "--model", "m.json", "--format", "json-weights", "--output", "w.json").status == 0)
        let weights = try JSONDecoder().decode(WeightsExport.self, from: Data(contentsOf: URL(fileURLWithPath: workspace.file("w.json"))))
        let model = try ModelFile.read(from: workspace.file("m.json"))
        #expect(weights.weights == model.weights && weights.bias == model.bias && weights.link == "sigmoid")
        let bad = try workspace.logit("export", "--model", "m.json", "--format", "onnx", "--output", "m.json")
        #expect(bad.status == 1 && bad.stderr.contains("same file"), "\(bad)")
    }

    /// Six `logit models register` processes at once: six distinct versions,
    /// each complete (its model file matches its checksum), none lost.
    @Test func concurrentRegisterProcessesGetDistinctVersions() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let count = 6
        final class Outputs: @unchecked Sendable {
            let lock = NSLock()
            var texts = [String]()
        }
        let outputs = Outputs()
        let path = workspace.path
        DispatchQueue.concurrentPerform(iterations: count) { _ in
            let result = try? CLI.run(["models", "register", "--model", "m.json", "--name", "raisin", "--json"], in: path)
            outputs.lock.withLock { outputs.texts.append(result.map { "\($0.status) \($0.stdout)" } ?? "failed to run") }
        }
        #expect(outputs.texts.allSatisfy { $0.hasPrefix("0 ") }, "\(outputs.texts)")
        let registry = ModelRegistry(trackingDirectory: workspace.file("mlruns"))
        let versions = try registry.versions(name: "raisin")
        #expect(versions.map(\.version) == Array(1...count))
        #expect(versions.allSatisfy { $0.problem == nil })
        let listed = try workspace.logit("models", "list")
        #expect(listed.stdout.contains("raisin         6       6"), "\(listed)")
    }
}
