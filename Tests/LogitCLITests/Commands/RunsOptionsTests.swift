import Foundation
import Logit
import Testing

/// `logit runs`: experiment column, `--experiment`, `--sort`; run names
/// accepted wherever a run id is (issue 11).
@Suite("logit runs: experiments, sorting, run names")
struct RunsOptionsTests {
    @Test func experimentsSortingAndNames() throws {
        let workspace = Workspace()
        // λ₂ = 1 fits worse than λ₂ = 0.001 on Raisin (test accuracy lower)
        let weak = try workspace.logit("train", "--track", "--json", "--quiet", "--l2", "1", "--run-name", "strong-penalty",
                                       "--experiment", "penalties").json()
        let good = try workspace.logit("train", "--track", "--json", "--quiet", "--l2", "0.001", "--run-name", "weak-penalty",
                                       "--experiment", "penalties").json()
        #expect(try workspace.logit("train", "--track", "--quiet", "--run-name", "other").status == 0)
        let all = try workspace.logit("runs")
        #expect(all.stdout.contains("experiment") && all.stdout.contains("penalties") && all.stdout.contains("Default"), "\(all)")
        let filtered = try workspace.logit("runs", "--experiment", "penalties", "--json")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
        #expect(runs.count == 2 && runs.allSatisfy { $0["experiment"] as? String == "penalties" })
        let accuracies = [weak, good].map { ($0["test"] as! [String: Any])["accuracy"] as! Double }
        let sorted = try workspace.logit("runs", "--experiment", "penalties", "--sort", "test_accuracy", "--json")
        let order = try #require(try JSONSerialization.jsonObject(with: Data(sorted.stdout.utf8)) as? [[String: Any]])
        let expected = accuracies[0] > accuracies[1] ? "strong-penalty" : "weak-penalty"
        #expect(order.first?["name"] as? String == expected, "\(accuracies)")
        let byLoss = try workspace.logit("runs", "--sort", "test_log_loss", "--json")
        let losses = try #require(try JSONSerialization.jsonObject(with: Data(byLoss.stdout.utf8)) as? [[String: Any]])
            .map { ($0["metrics"] as! [String: Double])["test_log_loss"]! }
        #expect(losses == losses.sorted(), "ascending: a loss is better smaller")
        let unknown = try workspace.logit("runs", "--experiment", "nope")
        #expect(unknown.status == 1 && unknown.stderr.contains("penalties"), "\(unknown)")
        // a run name where a run id goes
        let evaluate = try workspace.logit("evaluate", "--model", "weak-penalty", "--data", CLI.raisinCSV, "--json")
        #expect(evaluate.status == 0, "\(evaluate)")
        #expect(try evaluate.json()["run_id"] as? String == good["run_id"] as? String)
    }
}
