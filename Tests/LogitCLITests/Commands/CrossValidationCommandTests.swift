import Foundation
import Testing

@Suite("logit cv and logit tune")
struct CrossValidationCommandTests {
    /// Ten folds by default; the mean and standard deviation are those of the
    /// per-fold scores (population standard deviation, as NumPy's `std`).
    @Test func cvJSON() throws {
        let result = try Workspace().logit("cv", "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        let folds = try #require(json["folds"] as? [[String: Any]])
        #expect(folds.count == 10)
        let accuracies = folds.map { $0["accuracy"] as! Double }
        let mean = accuracies.reduce(0, +) / 10
        let std = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10).squareRoot()
        let reportedMean = try #require((json["mean"] as? [String: Any])?["accuracy"] as? Double)
        let reportedStd = try #require((json["std"] as? [String: Any])?["accuracy"] as? Double)
        #expect(abs(mean - reportedMean) <= 1e-15 && abs(std - reportedStd) <= 1e-15)
        #expect(reportedMean > 0.8)
        #expect(folds.allSatisfy { ($0["validation_rows"] as? Int) == 90 && $0["log_loss"] is Double })
    }

    @Test func cvTable() throws {
        let result = try Workspace().logit("cv", "--folds", "3", "--solver", "gd", "--learning-rate", "0.1")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("3 stratified folds"))
        #expect(result.stdout.contains("fold  train  valid  accuracy  log-loss  objective  iterations  converged"))
        #expect(result.stdout.contains("\nmean ") && result.stdout.contains("\nstd "))
        #expect(result.stderr.contains("cross-validation: fold 3/3"))
    }

    /// A grid of 2 solvers × 2 penalties, each with its folds; best first.
    @Test func tuneGridJSON() throws {
        let result = try Workspace().logit("tune", "--json", "--quiet", "--solvers", "gd,lbfgs", "--l2-values",
                                           "0.001,0.1", "--folds", "3")
        #expect(result.status == 0, "\(result)")
        let candidates = try #require(try result.json()["candidates"] as? [[String: Any]])
        #expect(candidates.count == 4)
        #expect(candidates.map { $0["rank"] as? Int } == [1, 2, 3, 4])
        let means = candidates.map { ($0["mean"] as! [String: Any])["accuracy"] as! Double }
        #expect(means == means.sorted(by: >))
        #expect(candidates.allSatisfy { ($0["folds"] as? [[String: Any]])?.count == 3 && $0["std"] is [String: Any] })
        #expect(Set(candidates.map { $0["solver"] as! String }) == ["gd", "lbfgs"])
    }

    /// Learning rates × class weights, around a gd base configuration.
    @Test func tuneOtherLists() throws {
        let result = try Workspace().logit("tune", "--json", "--quiet", "--solver", "gd", "--epochs", "20",
                                           "--learning-rates", "0.1,0.5", "--class-weights", "none,balanced",
                                           "--folds", "2")
        #expect(result.status == 0, "\(result)")
        let candidates = try #require(try result.json()["candidates"] as? [[String: Any]])
        #expect(candidates.count == 4 && candidates.allSatisfy { $0["solver"] as? String == "gd" })
        #expect(Set(candidates.map { $0["learning_rate"] as! Double }) == [0.1, 0.5])
        #expect(Set(candidates.map { $0["class_weight"] as! String }) == ["none", "balanced"])
    }

    @Test func tuneRandomTable() throws {
        let result = try Workspace().logit("tune", "--search", "random", "--trials", "2", "--l2-values",
                                           "0.0001,0.001,0.01,0.1", "--folds", "2", "--seed", "3")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("random search, 2 candidates × 2 stratified folds"))
        #expect(result.stdout.contains("rank  solver  learning rate"))
        #expect(result.stdout.contains("\nbest: --solver lbfgs --l2 "))
        #expect(result.stderr.contains("tuning: training 4/4"))
    }
}
