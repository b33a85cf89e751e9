import Foundation
import Logit
import Testing

@Suite("logit cv and logit tune")
struct CrossValidationCommandTests {
    /// Five folds by default, as `tune` (and scikit-learn); the mean and standard deviation are those of the
    /// per-fold scores (population standard deviation, as NumPy's `std`).
    @Test func cvJSON() throws {
        let result = try Workspace().logit("cv", "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        let folds = try #require(json["folds"] as? [[String: Any]])
        #expect(folds.count == 5)
        let accuracies = folds.map { $0["accuracy"] as! Double }
        let mean = accuracies.reduce(0, +) / 5
        let std = (accuracies.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5).squareRoot()
        let reportedMean = try #require((json["mean"] as? [String: Any])?["accuracy"] as? Double)
        let reportedStd = try #require((json["std"] as? [String: Any])?["accuracy"] as? Double)
        #expect(abs(mean - reportedMean) <= 1e-15 && abs(std - reportedStd) <= 1e-15)
        #expect(reportedMean > 0.8)
        #expect(folds.allSatisfy { ($0["validation_rows"] as? Int) == 180 && $0["log_loss"] is Double })
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
        // converged candidates (lbfgs) first, each group by mean log-loss, lower first
        let converged = candidates.map { $0["converged_in_all_folds"] as! Bool }
        #expect(converged == converged.sorted { $0 && !$1 })
        for group in [true, false] {
            let losses = candidates.filter { ($0["converged_in_all_folds"] as! Bool) == group }
                .map { ($0["mean"] as! [String: Any])["log_loss"] as! Double }
            #expect(losses == losses.sorted())
        }
        #expect(try result.json()["scoring"] as? String == "log_loss")
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

/// `tune --scoring` and `--output`, and `cv`/`tune` defaults (issue 11).
@Suite("logit tune: scoring, refit, defaults")
struct TuneScoringCommandTests {
    @Test func scoringAndNonConvergedMarked() throws {
        let result = try Workspace().logit("tune", "--solvers", "gd,newton", "--l2-values", "0.01,10", "--folds", "3",
                                           "--scoring", "roc_auc", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("ranked:  by mean roc_auc (higher is better)"))
        #expect(result.stdout.contains("roc auc"))
        #expect(result.stdout.contains("\n  3!  gd") && result.stdout.contains("\n  4!  gd"), "\(result.stdout)")
        #expect(result.stdout.contains("\nbest: --solver newton"))
        let bad = try Workspace().logit("tune", "--scoring", "recall")
        #expect(bad.status == 2 && bad.hasNoStackTrace)
    }

    @Test func jsonOmitsLearningRateWhereUnused() throws {
        let result = try Workspace().logit("tune", "--json", "--quiet", "--solvers", "gd,lbfgs", "--folds", "2")
        let candidates = try #require(try result.json()["candidates"] as? [[String: Any]])
        for c in candidates {
            #expect((c["learning_rate"] != nil) == (c["solver"] as? String == "gd"), "\(c)")
            #expect(c["score"] is Double && c["converged_in_all_folds"] is Bool)
        }
    }

    @Test func outputRefitsTheBestOnAllRows() throws {
        let workspace = Workspace()
        let result = try workspace.logit("tune", "--l2-values", "0.001,1", "--solver", "newton", "--folds", "3",
                                         "--output", "best.json", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("best candidate refitted on all 900 rows; model written to best.json"))
        let file = try ModelFile.read(from: workspace.file("best.json"))
        #expect(file.training.rows == 900 && file.training.configuration.solver == .newton)
        #expect(file.training.configuration.l2 == 0.001)   // the smaller penalty wins on log-loss here
        #expect(file.labelColumn == "Class" && file.scaler.kind == .standard)
        let predict = try workspace.logit("predict", "--model", "best.json", "--data", CLI.raisinCSV)
        #expect(predict.status == 0 && predict.stdout.split(separator: "\n").count == 901)
    }

    @Test func cvAndTuneShareDefaultFolds() throws {
        let cv = try Workspace().logit("cv", "--quiet")
        let tune = try Workspace().logit("tune", "--l2-values", "0.01", "--quiet")
        #expect(cv.stdout.contains("; 5 stratified folds") && tune.stdout.contains("× 5 stratified folds"), "\(cv)\n\(tune)")
    }
}

/// `tune --track`: a parent run, every candidate a child run under it
/// (`mlflow.parentRunId`), the best with its model (issue 11).
@Suite("logit tune --track")
struct TuneTrackingCommandTests {
    @Test func childRunsUnderAParent() throws {
        let workspace = Workspace()
        let result = try workspace.logit("tune", "--l2-values", "0.001,0.1,1", "--solver", "newton", "--folds", "3",
                                         "--track", "--run-name", "search", "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        let parentID = try #require(json["parent_run_id"] as? String)
        let bestID = try #require(json["best_run_id"] as? String)
        let store = MLflowFileStore(root: workspace.file("mlruns"))
        let runs = try store.runs()
        #expect(runs.count == 4)
        let children = runs.filter { $0.tags["mlflow.parentRunId"] == parentID }
        #expect(children.count == 3 && Set(children.map(\.name)) == ["search-1", "search-2", "search-3"])
        let best = try #require(children.first { $0.id == bestID })
        #expect(best.tags["logit.rank"] == "1" && best.params["l2"] == "0.001")
        #expect(children.allSatisfy { $0.params["learning_rate"] == nil && $0.metrics["cv_log_loss"] != nil })
        #expect(try store.run(id: parentID).tags["logit.best_run_id"] == bestID)
        // the best run holds the model: --model takes its id, name, or latest
        let evaluate = try workspace.logit("evaluate", "--model", "search-1", "--data", CLI.raisinCSV)
        #expect(evaluate.status == 0, "\(evaluate)")
        let latest = try workspace.logit("predict", "--model", "latest", "--data", CLI.raisinCSV)
        #expect(latest.status == 0, "\(latest)")
    }
}
