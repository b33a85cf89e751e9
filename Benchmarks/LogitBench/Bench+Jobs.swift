import Foundation
import Logit
import LogitNumerics

/// Whole-job rows (issue 10): jobs people run, each against the peer a user
/// would otherwise run, measured in the same benchmark run, one BLAS thread on
/// both sides. Each row holds both medians and the ratio engine/peer; the
/// targets are ratios, never absolute times.
extension Bench {
    /// Every job row, in a fixed order.
    mutating func jobs() throws {
        try trainProcessJob()
        try lbfgsJob(digits: true)
        try lbfgsJob(digits: false)
        try raisinGradientDescentJob()
        try raisinGridSearchJob()
    }

    var engineBackend: String { BackendKind.preferred.rawValue }

    func jobKey(_ dataset: String, rows n: Int, features: Int, classes: Int, precision: String, solver: String) -> String {
        BenchRow.key(kind: "job", dataset: dataset, rows: n, features: features, classes: classes, backend: engineBackend,
                     precision: precision, threads: 1, solver: solver)
    }

    /// A job row with the engine's samples and, when it ran, the peer's.
    func jobRow(_ dataset: String, rows n: Int, features: Int, classes: Int, precision: String, solver: String,
                engine: Samples, peer: (name: String, report: PythonPeer.Report)?, skipped: String?) -> BenchRow {
        var r = row(kind: "job", dataset: dataset, rows: n, features: features, classes: classes, backend: engineBackend,
                    precision: precision, threads: 1, solver: solver, samples: engine, flops: 0, bytes: 0)
        if let (name, report) = peer, let median = report.median_ms {
            r.peer = name
            r.peer_median_ms = median
            r.peer_min_ms = report.min_ms
            r.peer_max_ms = report.max_ms
            r.peer_repetitions = report.repetitions
            r.peer_iterations = report.iterations
            r.peer_accuracy = report.accuracy
            r.ratio = engine.median / median
        }
        r.peer_skipped = skipped
        return r
    }

    /// A fresh folder for one job's files, removed by the caller.
    func jobDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("logit-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `logit` executable of the same build as this `logit-bench`.
    static var siblingLogit: String {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("logit").path
    }

    // MARK: logit train as a process

    /// `logit train` on a 100000×784 float32 .npy, 20 GD epochs, as a whole
    /// process, against `scripts/bench/numpy_train.py` as a whole process
    /// (interpreter start and np.load included). Full shape in every mode.
    mutating func trainProcessJob() throws {
        let (n, d) = (100_000, 784)
        let dataset = "train-process 28×28 .npy"
        guard wants([jobKey(dataset, rows: n, features: d, classes: 2, precision: "float", solver: "gd")]) else { return }
        let logit = Bench.siblingLogit
        guard FileManager.default.isExecutableFile(atPath: logit) else {
            note("job \(dataset) skipped: build the logit product (swift build -c release --product logit); looked for \(logit)")
            return
        }
        let directory = try jobDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let x = directory.appendingPathComponent("x.npy").path, y = directory.appendingPathComponent("y.npy").path
        progress.say("job: writing \(n)×\(d) float32 .npy")
        do {
            let data = try SyntheticClassification(rows: n, features: d, classes: 2, separation: 1, noise: 1, seed: 31)
                .generate(as: Float.self)
            try NPYWriter.write(data.features, to: x)
            try NPYWriter.write(labels: data.labels, to: y)
        }
        let common = ["train", "--data", x, "--labels", y, "--no-standardize", "--solver", "gd", "--epochs", "20",
                      "--precision", "float", "--threads", "1"]
        let repeats = quick ? 3 : 5
        // One untimed run with --json (it also warms the page cache) gives the held-out accuracy.
        var engine: [Double] = []
        let engineAccuracy: Double?, fitSeconds: Double?, trainRows: Double?
        do {
            progress.say("job: logit train (warm-up, --json)")
            let first = try ChildProcess.run(logit, common + ["--json"])
            engineAccuracy = Bench.number(at: ["test", "accuracy"], in: first.output)
            fitSeconds = Bench.number(at: ["seconds"], in: first.output)
            trainRows = Bench.number(at: ["train", "rows"], in: first.output)
            for i in 0..<repeats {
                progress.say("job: logit train \(i + 1)/\(repeats)")
                engine.append(try ChildProcess.run(logit, common + ["--quiet"]).milliseconds)
            }
        } catch {
            // The CLI failing is reported, not fatal: the other rows still run.
            note("job \(dataset) failed: \(error)")
            return
        }
        var peer: (String, PythonPeer.Report)?
        var skipped: String?
        if let reason = numpyUnavailable {
            skipped = "peer skipped: \(reason)"
        } else if let python {
            do {
                var times: [Double] = []
                var last: PythonPeer.Report?
                for i in 0...repeats {
                    progress.say("job: NumPy train process \(i)/\(repeats)")
                    let (report, ms) = try python.run("numpy_train.py", ["--x", x, "--y", y, "--epochs", "20"])
                    if i > 0 { times.append(ms) }  // the first run warms up like the engine's
                    last = report
                }
                var report = last!
                let samples = Samples(times)
                (report.median_ms, report.min_ms, report.max_ms, report.repetitions) =
                    (samples.median, samples.min, samples.max, times.count)
                peer = ("NumPy \(report.numpy ?? "?") process", report)
            } catch {
                skipped = "peer skipped: \(error)"
            }
        }
        var r = jobRow(dataset, rows: n, features: d, classes: 2, precision: "float", solver: "gd",
                       engine: Samples(engine), peer: peer, skipped: skipped)
        r.accuracy = engineAccuracy
        if let trainRows {
            // Full-batch gradient descent reads every training row once per epoch
            // (the gradient needs the new weights' scores), so 20 epochs cannot take
            // less than 20 × the training rows' bytes at the read bandwidth.
            let bytes = 20 * trainRows * Double(d * MemoryLayout<Float>.size)
            r.epoch_floor_ms = 1e3 * bytes / (bandwidth(threads: 1) * 1e9)
        }
        r.detail = "logit \(common.dropFirst().joined(separator: " ").replacingOccurrences(of: directory.path + "/", with: "")) --quiet (the fit itself: \(fitSeconds.map { fixed(1000 * $0, 0) + " ms" } ?? "not reported") in the --json warm-up run); NumPy: same 80/20 split size, 20 textbook epochs; acc: held-out rows"
        rows.append(r)
    }

    /// The number at `path` (object keys) in the JSON object `data`; nil when absent.
    static func number(at path: [String], in data: Data) -> Double? {
        var value = try? JSONSerialization.jsonObject(with: data)
        for key in path { value = (value as? [String: Any])?[key] }
        return value as? Double
    }

    // MARK: 10-class L-BFGS to scikit-learn's stopping point

    /// The engine's L-BFGS with every setting explicit except the stopping
    /// tolerances (the engine's default rule), λ₂ = 1/n (scikit-learn's C = 1).
    static func lbfgsConfiguration(trainingRows n: Int, maxIterations: Int) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.solver = .lbfgs
        c.l2 = 1 / Double(n)
        c.l1 = 0
        c.maxIterations = maxIterations
        c.lbfgsMemory = 10  // SciPy's L-BFGS-B maxcor, which scikit-learn uses
        c.classWeighting = .none
        c.learningRate = 0.01  // unused by lbfgs
        c.schedule = .constant
        c.seed = 0
        return c
    }

    /// 10-class L-BFGS on scikit-learn's digits (written by the peer script,
    /// standardized there) or on a synthetic 20000×784 set (written here),
    /// Double, against scikit-learn's `LogisticRegression()`.
    mutating func lbfgsJob(digits: Bool) throws {
        let n = digits ? 1797 : (quick ? 5_000 : 20_000), d = digits ? 64 : 784
        let dataset = digits ? "digits 8×8" : "synthetic 28×28"
        guard wants([jobKey(dataset, rows: n, features: d, classes: 10, precision: "double", solver: "lbfgs")]) else { return }
        let directory = try jobDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = { (name: String) in directory.appendingPathComponent(name).path }
        if digits {
            if let reason = sklearnUnavailable {
                note("job digits skipped: the digits come from scikit-learn, and \(reason)")
                return
            }
            progress.say("job: writing digits")
            do {
                _ = try python!.run("sklearn_lbfgs.py", ["digits", "--out", directory.path])
            } catch {
                note("job digits skipped: the peer script could not write them: \(error)")
                return
            }
        } else {
            progress.say("job: writing \(n)×784 10-class .npy")
            // Separation 4: a learnable 10-class problem (pairwise Bayes accuracy Φ(2) ≈ 0.98), not chance level.
            let all = try SyntheticClassification(rows: n, features: d, classes: 10, separation: 4, noise: 1, seed: 41)
                .generate(as: Double.self)
            let split = try StratifiedSplit(labels: all.labels, testFraction: 0.2, seed: 7)
            let scaler = try StandardScaler.fit(all.subset(split.train).features)
            for (name, part) in [("train", all.subset(split.train)), ("test", all.subset(split.test))] {
                try NPYWriter.write(try scaler.transform(part.features), to: file("x_\(name).npy"))
                try NPYWriter.write(labels: part.labels, to: file("y_\(name).npy"))
            }
        }
        func load(_ name: String) throws -> Dataset<Double> {
            try NPYLoader.loadDataset(features: file("x_\(name).npy"), labels: file("y_\(name).npy"), as: Double.self, memoryMap: false)
        }
        let train = try load("train"), test = try load("test")
        let configuration = Bench.lbfgsConfiguration(trainingRows: train.count, maxIterations: 1000)
        let trainer = LogisticRegression<Double>(configuration: configuration, backend: .preferred, threads: 1)
        // The digits fit takes about 10 ms: three samples of it on a shared machine
        // put the ratio anywhere in 0.29–0.51×, so both sides take eleven (five quick).
        let repeats = digits ? (quick ? 5 : 11) : (quick ? 1 : 3)
        var result: TrainingResult<Double>?
        progress.say("job: engine L-BFGS \(dataset)")
        let samples = try Samples(warmup: 0, repeats: repeats) { result = try trainer.fit(train) }
        let predictions = try result!.model.predict(test.features, backend: BackendKind.preferred.makeBackend(threads: 1))
        let accuracy = Double(zip(predictions, test.labels).filter { $0 == $1 }.count) / Double(test.count)
        var peer: (String, PythonPeer.Report)?
        var skipped: String?
        if let reason = sklearnUnavailable {
            skipped = "peer skipped: \(reason)"
        } else {
            progress.say("job: scikit-learn L-BFGS \(dataset)")
            do {
                let (report, _) = try python!.run("sklearn_lbfgs.py", ["fit", "--dir", directory.path,
                                                                       "--repeats", "\(repeats)", "--max-iter", "1000"])
                peer = (report.version ?? "scikit-learn", report)
                if report.converged == false { note("scikit-learn did not converge on \(dataset) in 1000 iterations") }
            } catch {
                skipped = "peer skipped: \(error)"
            }
        }
        var r = jobRow(dataset, rows: n, features: d, classes: 10, precision: "double", solver: "lbfgs",
                       engine: samples, peer: peer, skipped: skipped)
        r.accuracy = accuracy
        r.iterations = result!.iterations
        r.converged = result!.converged
        r.objective = result!.finalObjective
        r.detail = "\(train.count) train / \(test.count) test rows, standardized on the train rows; λ₂ = 1/\(train.count) (C = 1), m = 10, max 1000 iterations, engine's default stopping rule; scikit-learn LogisticRegression(max_iter=1000)"
        rows.append(r)
    }

    // MARK: Raisin

    /// The classic Raisin training, every setting explicit: gradient descent,
    /// η = 0.01, λ₂ = 0.01, 100 epochs, zero start, no early stop.
    static var classicRaisinConfiguration: TrainingConfiguration {
        var c = TrainingConfiguration()
        c.solver = .gradientDescent
        c.learningRate = 0.01
        c.schedule = .constant
        c.l2 = 0.01
        c.l1 = 0
        c.maxIterations = 100
        c.gradientTolerance = 0
        c.objectiveTolerance = 0
        c.classWeighting = .none
        // The textbook loop computes no loss: the engine computes it at the first
        // and after the last epoch only (its history is sparse).
        c.objectiveEvery = 100
        return c
    }

    /// Raisin, 100 classic epochs (Double, standardized once), against the
    /// NumPy textbook loop (`numpy_epoch.py --mode fit`) on the same rows.
    mutating func raisinGradientDescentJob() throws {
        let raw = try Dataset<Double>.raisin()
        guard wants([jobKey("raisin", rows: raw.count, features: raw.featureCount, classes: 2, precision: "double",
                            solver: "gd")]) else { return }
        var data = raw
        data.features = try StandardScaler.fit(raw.features).transform(raw.features)
        progress.say("job: Raisin 100 epochs, engine")
        let engine = try Measure.fits(data, configuration: Bench.classicRaisinConfiguration, backend: .preferred,
                                      threads: 1, warmup: 3, repeats: quick ? 9 : 31)
        var peer: (String, PythonPeer.Report)?
        var skipped: String?
        var detail = "standardized once; η = 0.01, λ₂ = 0.01, 100 epochs, zero start; engine objective \(fixed(engine.objective, 6))"
        if let reason = numpyUnavailable {
            skipped = "peer skipped: \(reason)"
        } else {
            progress.say("job: Raisin 100 epochs, NumPy")
            let directory = try jobDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            do {
                let output = try NumPyPeer(python: python!.executable!, script: "\(python!.scripts)/numpy_epoch.py")
                    .measure(data, mode: "fit", epochs: 100, warmup: 2, repeats: quick ? 5 : 15, directory: directory)
                var report = PythonPeer.Report()
                (report.median_ms, report.min_ms, report.max_ms, report.repetitions) =
                    (output.median_ms, output.min_ms, output.max_ms, output.repetitions)
                peer = ("NumPy \(output.numpy)", report)
                detail += ", NumPy objective \(fixed(output.objective, 6))"
            } catch {
                skipped = "peer skipped: \(error)"
            }
        }
        var r = jobRow("raisin", rows: data.count, features: data.featureCount, classes: 2, precision: "double",
                       solver: "gd", engine: engine.samples, peer: peer, skipped: skipped)
        r.objective = engine.objective
        r.accuracy = engine.accuracy
        r.iterations = engine.iterations
        r.detail = detail + "; accuracy on the training rows"
        rows.append(r)
    }

    /// The C grid of the grid search: 20 values, 10^-3 … 10^3 evenly in log scale.
    static let gridC: [Double] = (0..<20).map { Foundation.pow(10, -3 + 6 * Double($0) / 19) }

    /// A grid search on raw Raisin: 20 values of C × 10 stratified folds, L-BFGS,
    /// z-scored inside each fold, λ₂ = 1/(C·n_train_fold), one thread; against
    /// scikit-learn's GridSearchCV(n_jobs=1) on the same grid and the same folds.
    mutating func raisinGridSearchJob() throws {
        let data = try Dataset<Double>.raisin()
        let grid = Bench.gridC
        let solver = "lbfgs grid \(grid.count)×10"
        guard wants([jobKey("raisin", rows: data.count, features: data.featureCount, classes: 2, precision: "double",
                            solver: solver)]) else { return }
        let folds = try StratifiedKFold(labels: data.labels, folds: 10, seed: 0).folds
        let trainSizes = Set(folds.map(\.train.count))
        guard trainSizes.count == 1, let nTrain = trainSizes.first else {
            // One λ₂ per C needs equal training sizes; Raisin's 900 rows give 810 in every fold.
            note("job raisin grid skipped: folds of unequal training sizes \(trainSizes.sorted())")
            return
        }
        let configurations = grid.map { c -> TrainingConfiguration in
            var configuration = Bench.lbfgsConfiguration(trainingRows: nTrain, maxIterations: 1000)
            configuration.l2 = 1 / (c * Double(nTrain))
            return configuration
        }
        var results: [CrossValidationResult] = []
        progress.say("job: Raisin grid search, engine")
        let samples = try Samples(warmup: 1, repeats: quick ? 3 : 5) {
            results = try configurations.map {
                try CrossValidation<Double>(configuration: $0, backend: .preferred, scaling: .standard, parallelism: 1)
                    .run(data, folds: folds)
            }
        }
        // The engine's HyperparameterSearch order: mean accuracy, then lower log-loss, then grid order.
        let best = results.indices.min { a, b in
            let (x, y) = (results[a], results[b])
            if x.meanAccuracy != y.meanAccuracy { return x.meanAccuracy > y.meanAccuracy }
            if x.meanLogLoss != y.meanLogLoss { return x.meanLogLoss < y.meanLogLoss }
            return a < b
        }!
        var detail = "C = 10^-3…10^3 (20, log), λ₂ = 1/(C·\(nTrain)); engine best C = \(String(format: "%.4g", grid[best])) (CV accuracy \(fixed(results[best].meanAccuracy, 4)))"
        var peer: (String, PythonPeer.Report)?
        var skipped: String?
        if let reason = sklearnUnavailable {
            skipped = "peer skipped: \(reason)"
        } else {
            progress.say("job: Raisin grid search, GridSearchCV")
            let directory = try jobDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            do {
                let file = { (name: String) in directory.appendingPathComponent(name).path }
                try NPYWriter.write(data.features, to: file("x.npy"))
                try NPYWriter.write(labels: data.labels, to: file("y.npy"))
                try JSONEncoder().encode(folds).write(to: URL(fileURLWithPath: file("folds.json")))
                let (report, _) = try python!.run("sklearn_grid.py", [
                    "--x", file("x.npy"), "--y", file("y.npy"), "--folds", file("folds.json"),
                    "--repeats", "\(quick ? 3 : 5)", "--max-iter", "1000", "--c",
                ] + grid.map { String($0) })
                peer = (report.version ?? "scikit-learn", report)
                if let c = report.best_c, let accuracy = report.best_accuracy {
                    detail += "; GridSearchCV best C = \(String(format: "%.4g", c)) (CV accuracy \(fixed(accuracy, 4)))"
                }
                if let theirs = report.mean_accuracies, theirs.count == results.count {
                    let gap = zip(theirs, results).map { abs($0 - $1.meanAccuracy) }.max() ?? 0
                    detail += "; largest |Δ mean CV accuracy| over the grid \(fixed(gap, 4))"
                }
            } catch {
                skipped = "peer skipped: \(error)"
            }
        }
        var r = jobRow("raisin", rows: data.count, features: data.featureCount, classes: 2, precision: "double",
                       solver: solver, engine: samples, peer: peer, skipped: skipped)
        r.accuracy = results[best].meanAccuracy
        r.peer_accuracy = peer?.1.best_accuracy
        r.detail = detail + "; acc = best mean CV accuracy"
        rows.append(r)
    }
}
