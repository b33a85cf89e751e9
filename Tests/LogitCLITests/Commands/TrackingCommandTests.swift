import Foundation
import Logit
import Testing

@Suite("--track, logit runs and --model latest")
struct TrackingCommandTests {
    /// A bare `--track` records in ./mlruns: MLflow's layout with params, the
    /// per-epoch objective as a stepped metric, final metrics, tags and the model.
    @Test func trackRecordsAnMLflowRun() throws {
        let workspace = Workspace()
        let result = try workspace.logit("train", "--solver", "gd", "--epochs", "12", "--track", "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        let runID = try #require(try result.json()["run_id"] as? String)
        let run = workspace.file("mlruns/0/\(runID)")
        #expect(workspace.exists("mlruns/0/meta.yaml") && workspace.exists("mlruns/.trash"))
        let meta = workspace.read("mlruns/0/\(runID)/meta.yaml")
        #expect(meta.contains("status: 3\n") && meta.contains("run_id: '\(runID)'"))
        #expect(workspace.read("mlruns/0/\(runID)/params/solver") == "gd")
        #expect(workspace.read("mlruns/0/\(runID)/params/epochs") == "12")
        #expect(workspace.read("mlruns/0/\(runID)/tags/mlflow.runName") == "logit-" + runID.prefix(8))
        let objective = workspace.read("mlruns/0/\(runID)/metrics/train_objective").split(separator: "\n")
        #expect(objective.count == 13)
        #expect(objective.enumerated().allSatisfy { $1.split(separator: " ").last.map(String.init) == "\($0)" })
        for metric in ["train_accuracy", "train_log_loss", "test_accuracy", "test_log_loss", "test_objective", "iterations"] {
            #expect(workspace.exists("mlruns/0/\(runID)/metrics/\(metric)"), "\(metric)")
        }
        let model = try ModelFile.read(from: run + "/artifacts/model.json")
        #expect(model.training.configuration.maxIterations == 12)
    }

    @Test func runsListsNewestFirstAndLatestLoadsIt() throws {
        let workspace = Workspace()
        let empty = try workspace.logit("runs")
        #expect(empty.status == 0 && empty.stdout.contains("no runs in mlruns"))
        let missing = try workspace.logit("evaluate", "--model", "latest", "--data", CLI.raisinCSV)
        #expect(missing.status == 1 && missing.stderr.hasPrefix("error: --model latest: no run with a model in mlruns"))

        let first = try workspace.logit("train", "--track", "store", "--json", "--quiet", "--l2", "0.5").json()
        let second = try workspace.logit("train", "--track", "store", "--json", "--quiet", "--solver", "newton",
                                         "--run-name", "newton run", "--experiment", "exp").json()
        let firstID = try #require(first["run_id"] as? String), secondID = try #require(second["run_id"] as? String)

        let listed = try workspace.logit("runs", "--track", "store")
        #expect(listed.status == 0, "\(listed)")
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("run id"))
        #expect(lines[1].hasPrefix(secondID) && lines[1].contains("newton run") && lines[2].hasPrefix(firstID))

        let json = try JSONSerialization.jsonObject(with: Data(try workspace.logit("runs", "--track", "store", "--json").stdout.utf8))
            as! [[String: Any]]
        #expect(json.map { $0["id"] as? String } == [secondID, firstID])
        #expect((json[1]["params"] as? [String: String])?["l2"] == "0.5")
        #expect(json[0]["experiment"] as? String == "exp" && json[0]["status"] as? String == "FINISHED")

        let latest = try workspace.logit("evaluate", "--model", "latest", "--track", "store", "--data", CLI.raisinCSV, "--json").json()
        #expect(latest["run_id"] as? String == secondID)
        let byID = try workspace.logit("evaluate", "--model", firstID, "--track", "store", "--data", CLI.raisinCSV, "--json").json()
        #expect(byID["run_id"] as? String == firstID)
        let byPrefix = try workspace.logit("explain", "--model", String(firstID.prefix(8)), "--track", "store")
        #expect(byPrefix.status == 0, "\(byPrefix)")
        let predicted = try workspace.logit("predict", "--model", "latest", "--track", "store", "--data", CLI.raisinCSV)
        #expect(predicted.status == 0 && predicted.stdout.split(separator: "\n").count == 901)
    }
}
