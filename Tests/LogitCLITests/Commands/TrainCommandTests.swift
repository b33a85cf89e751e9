import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("logit train")
struct TrainCommandTests {
    /// With no arguments: the embedded Raisin data, a stratified 720/180
    /// split, a table of scores.
    @Test func noArgumentsTrainsOnRaisin() throws {
        let workspace = Workspace()
        let result = try workspace.logit("train", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("Raisin (embedded): 900 rows × 7 features, 2 classes (Besni, Kecimen)"))
        #expect(result.stdout.contains("stratified split 720 train / 180 test"))
        #expect(result.stdout.contains("rows  accuracy  log-loss  objective"))
        #expect(result.stdout.contains("train   720") && result.stdout.contains("test    180"))
        #expect(result.stderr.isEmpty)
        // The default is scikit-learn's: C = 1 and its stopping rule, said on the model and stop lines.
        #expect(result.stdout.contains("C 1.0 (l2 = 1/(C·n) = 0.00139)"), "\(result.stdout)")
        #expect(result.stdout.contains("stop:    max|∇L| ≤ 1e-4 or relative ΔL ≤ 1.4e-14, at most 1000 iterations"), "\(result.stdout)")
    }

    /// Non-convergence is never silent: lbfgs stopped by its iteration limit warns on stderr.
    @Test func nonConvergenceWarns() throws {
        let result = try Workspace().logit("train", "--epochs", "2", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("did not converge after 2 of 2 iterations (maxIterations)"))
        #expect(result.stderr.contains("warning: lbfgs did not converge: it reached its limit of 2 iterations"), "\(result.stderr)")
    }

    /// The JSON has train and test objects with accuracy, log_loss and
    /// objective, and the run's facts. The test objective is the training
    /// formula on the test rows: log-loss plus the same penalty as on train.
    @Test func jsonHasTheIssuesKeys() throws {
        let result = try Workspace().logit("train", "--json", "--quiet", "--l2", "0.1")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        let train = try #require(json["train"] as? [String: Any]), test = try #require(json["test"] as? [String: Any])
        for scores in [train, test] {
            for key in ["accuracy", "log_loss", "objective", "rows"] { #expect(scores[key] is NSNumber, "\(key)") }
        }
        let trainAccuracy = try #require(train["accuracy"] as? Double), testAccuracy = try #require(test["accuracy"] as? Double)
        #expect(trainAccuracy > 0.8 && testAccuracy > 0.8)
        #expect(json["solver"] as? String == "lbfgs" && json["converged"] as? Bool == true)
        #expect((json["iterations"] as? Int ?? 0) > 0)
        #expect(json["backend"] as? String == BackendKind.preferred.rawValue)
        #expect(json["classes"] as? [String] == ["Besni", "Kecimen"])
        #expect(json["features"] as? [String] == RaisinDataset.featureNames)
        // Penalty (λ₂/2)‖W‖² is the same on both sets: objective − log-loss agrees (without class weights).
        let trainPenalty = (train["objective"] as! Double) - (train["log_loss"] as! Double)
        let testPenalty = (test["objective"] as! Double) - (test["log_loss"] as! Double)
        #expect(trainPenalty > 0 && abs(trainPenalty - testPenalty) <= 1e-9)
    }

    #if OpenBLAS
    /// The run names the OpenBLAS kernels it used, in `--json` and in the model
    /// file. Where OpenBLAS fell back to its generic kernels on a CPU with
    /// wider vectors, `logit` relaunched itself with the right ones (this test
    /// process, not relaunched, still runs OpenBLAS's own choice);
    /// `OPENBLAS_CORETYPE` given by the user always wins.
    @Test func namesTheBLASKernels() throws {
        let workspace = Workspace()
        let result = try workspace.logit("train", "--json", "--quiet", "--epochs", "3", "--output", "m.json")
        #expect(result.status == 0, "\(result)")
        let core = try #require(try result.json()["blas_core"] as? String)
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let better = OpenBLASCore.recommendation {
            #expect(core == "\(better) (relaunched: OpenBLAS \(OpenBLASCore.version) fell back to \(OpenBLASCore.current) on this CPU)")
        } else {
            #expect(core.hasPrefix(OpenBLASCore.current + " ("), "\(core)")
        }
        #expect(try ModelFile.read(from: workspace.file("m.json")).training.blasCore == core)
        // Raisin's 7 features are narrower than one vector, and its 720 training rows
        // small: the pass over a transposed copy, whatever the start-up timing.
        #expect(try result.json()["binary_pass"] as? String == "transposed-copy")
        #expect(try ModelFile.read(from: workspace.file("m.json")).training.binaryPass == "transposed-copy")

        let chosen = try CLI.run(["train", "--json", "--quiet", "--epochs", "3"], in: workspace.path,
                                 environment: ["OPENBLAS_CORETYPE": "Prescott"])
        #expect(try chosen.json()["blas_core"] as? String == "Prescott (OPENBLAS_CORETYPE)")
        let swift = try workspace.logit("train", "--json", "--quiet", "--epochs", "3", "--backend", "swift")
        let json = try swift.json()
        #expect(json.keys.contains("blas_core") && json["blas_core"] is NSNull, "null on the Swift backend")
        #expect(json["binary_pass"] as? String == "transposed-copy")
    }
    #endif

    @Test(arguments: ["gd", "sgd", "newton", "lbfgs"])
    func everySolverTrains(solver: String) throws {
        let result = try Workspace().logit("train", "--json", "--quiet", "--solver", solver, "--epochs", "30")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["solver"] as? String == solver)
        #expect(((json["test"] as? [String: Any])?["accuracy"] as? Double ?? 0) > 0.75)
    }

    /// Options reach the trainer: class weights, L1, batch size, precision,
    /// backend, threads, no standardization, test fraction, seed.
    @Test func optionsAreApplied() throws {
        let result = try Workspace().logit(
            "train", "--json", "--quiet", "--solver", "sgd", "--learning-rate", "0.05", "--epochs", "20",
            "--batch-size", "64", "--l1", "0.001", "--class-weight", "balanced", "--precision", "float",
            "--backend", "swift", "--threads", "2", "--test-fraction", "0.3", "--seed", "7", "--tolerance", "1e-9")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["precision"] as? String == "float" && json["backend"] as? String == "swift")
        #expect(json["class_weight"] as? String == "balanced" && json["l1"] as? Double == 0.001)
        #expect(json["learning_rate"] as? Double == 0.05 && json["seed"] as? Int == 7)
        #expect((json["test"] as? [String: Any])?["rows"] as? Int == 270)
        #expect(json["iterations"] as? Int == 20)

        let raw = try Workspace().logit("train", "--json", "--quiet", "--no-standardize", "--solver", "gd", "--epochs", "5")
        #expect(try raw.json()["standardized"] as? Bool == false)
    }

    /// `--data` (CSV with `--label`), `--test` (a separate file), and `.npy`
    /// data with `--labels`.
    @Test func dataFromFiles() throws {
        let workspace = Workspace()
        let lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n")
        // Move the label to the front and rename it; train on 600 rows, test on the rest.
        func reorder(_ line: Substring) -> String {
            var fields = line.split(separator: ",").map(String.init)
            let label = fields.removeLast()
            return ([label] + fields).joined(separator: ",")
        }
        var header = reorder(lines[0])
        header = header.replacingOccurrences(of: "Class,", with: "variety,")
        let body = lines.dropFirst().map(reorder)
        let shuffled = body.enumerated().sorted { ($0.offset * 7919) % 900 < ($1.offset * 7919) % 900 }.map(\.element)
        workspace.write("train.csv", ([header] + shuffled.prefix(600)).joined(separator: "\n") + "\n")
        workspace.write("test.csv", ([header] + shuffled.dropFirst(600)).joined(separator: "\n") + "\n")
        let result = try workspace.logit("train", "--data", "train.csv", "--label", "variety", "--test", "test.csv",
                                         "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect((json["train"] as? [String: Any])?["rows"] as? Int == 600)
        #expect((json["test"] as? [String: Any])?["rows"] as? Int == 300)
        #expect(json["test_data"] as? String == "test.csv")

        let raisin = try Dataset<Double>.raisin()
        try NPYWriter.write(raisin.features, to: workspace.file("x.npy"))
        try NPYWriter.write(labels: raisin.labels, to: workspace.file("y.npy"))
        let npy = try workspace.logit("train", "--data", "x.npy", "--labels", "y.npy", "--json", "--quiet")
        #expect(npy.status == 0, "\(npy)")
        let npyJSON = try npy.json()
        #expect(npyJSON["classes"] as? [String] == ["0", "1"])
        #expect(npyJSON["features"] as? [String] == (0..<7).map { "x\($0)" })
        try NPYWriter.write(raisin.features.rows(400..<500), to: workspace.file("xt.npy"))
        try NPYWriter.write(labels: Array(raisin.labels[400..<500]), to: workspace.file("yt.npy"))
        let npyTest = try workspace.logit("train", "--data", "x.npy", "--labels", "y.npy", "--test", "xt.npy",
                                          "--test-labels", "yt.npy", "--json", "--quiet")
        #expect(npyTest.status == 0, "\(npyTest)")
        #expect((try npyTest.json()["test"] as? [String: Any])?["rows"] as? Int == 100)
        // The same data and split as the embedded CSV: the same scores.
        let csv = try workspace.logit("train", "--json", "--quiet").json()
        #expect((npyJSON["test"] as? [String: Any])?["accuracy"] as? Double
            == (csv["test"] as? [String: Any])?["accuracy"] as? Double)
    }

    /// The model file written by `--output` is self-describing.
    @Test func outputWritesAModelFile() throws {
        let workspace = Workspace()
        let result = try workspace.logit("train", "--output", "model.json", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("model written to model.json"))
        let file = try ModelFile.read(from: workspace.file("model.json"))
        #expect(file.classNames == ["Besni", "Kecimen"] && file.featureNames == RaisinDataset.featureNames)
        #expect(file.engineVersion == EngineVersion.current && file.formatVersion == ModelFile.currentFormatVersion)
        #expect(file.scaler.kind == .standard && file.labelColumn == "Class")
        #expect(file.training.configuration.solver == .lbfgs && file.training.rows == 720)
        #expect(file.metrics?.test?.rows == 180)
        #expect(file.trainingStatistics.rows == 720 && file.trainingStatistics.features.count == 7)
        let area = file.trainingStatistics.features[0]
        #expect(area.name == "Area" && area.min <= area.quantiles[4] && area.quantiles[4] <= area.max)
    }
}
