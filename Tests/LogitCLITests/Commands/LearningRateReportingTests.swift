import Foundation
import Testing

/// `learning_rate` (and `batch_size`) are reported and logged only for the
/// solvers that use them (issue 11).
@Suite("learning rate reported only where used")
struct LearningRateReportingTests {
    @Test func onlyForGradientSolvers() throws {
        let workspace = Workspace()
        let lbfgs = try workspace.logit("train", "--json", "--quiet", "--solver", "lbfgs", "--track", "--run-name", "l")
        #expect(lbfgs.status == 0, "\(lbfgs)")
        let json = try lbfgs.json()
        #expect(json["learning_rate"] == nil, "\(json.keys.sorted())")
        let runID = try #require(json["run_id"] as? String)
        #expect(!workspace.exists("mlruns/0/\(runID)/params/learning_rate"))
        #expect(!workspace.exists("mlruns/0/\(runID)/params/batch_size"))
        #expect(workspace.exists("mlruns/0/\(runID)/params/l2"))

        let sgd = try workspace.logit("train", "--json", "--quiet", "--solver", "sgd", "--epochs", "3", "--track")
        let sgdJSON = try sgd.json()
        #expect(sgdJSON["learning_rate"] as? Double == 0.01)
        let sgdRun = try #require(sgdJSON["run_id"] as? String)
        #expect(workspace.read("mlruns/0/\(sgdRun)/params/learning_rate") == "0.01")
        #expect(workspace.read("mlruns/0/\(sgdRun)/params/batch_size") == "32")
        let gd = try workspace.logit("train", "--json", "--quiet", "--solver", "gd", "--epochs", "3", "--track").json()
        let gdRun = try #require(gd["run_id"] as? String)
        #expect(workspace.exists("mlruns/0/\(gdRun)/params/learning_rate"))
        #expect(!workspace.exists("mlruns/0/\(gdRun)/params/batch_size"))
    }
}
