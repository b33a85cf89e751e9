import ArgumentParser
import Foundation
import Logit
import LogitNumerics

/// `logit-bench`: the BLAS backend against the pure-Swift backend, Float and
/// Double, one thread and all cores, on Raisin and on synthetic image-sized
/// feature vectors, measured against the memory read bandwidth of this run;
/// and whole jobs (`logit train` as a process, 10-class L-BFGS, Raisin
/// training and grid search) against NumPy and scikit-learn in the same run.
@main
struct LogitBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logit-bench",
        abstract: "Benchmark the BLAS and pure-Swift backends side by side, and whole jobs against NumPy and scikit-learn (medians, min–max, ratios).")

    @Flag(help: "A reduced run that finishes in about a minute.")
    var quick = false

    @Option(help: "Write every figure as JSON to this file.")
    var json: String?

    @Option(help: "Draw epoch time against feature count as SVG to this file.")
    var svg: String?

    @Option(help: "Compare with an earlier --json report and flag rows slower by more than --regression-threshold.")
    var compareBaseline: String?

    @Option(help: "Fraction of slow-down that counts as a regression.")
    var regressionThreshold = 0.25

    @Option(help: "The Python that runs the peers in scripts/bench (default: .venv-bench/bin/python when scripts/bench/setup_peers.sh made it, else python3).")
    var python: String?

    @Flag(help: "Skip the Python peers (NumPy and scikit-learn).")
    var noNumpy = false

    @Option(help: "Run only the rows whose key (kind/dataset/rows/features/classes/backend/precision/threads/solver, see --list) this regular expression matches anywhere, e.g. 'job/' or 'raisin'.")
    var filter: String?

    @Flag(help: "Print the key of every row (with --filter: of the rows it selects) and run nothing.")
    var list = false

    @Option(help: "Instead of the benchmark: train on this memory-mapped float32 .npy (with --mmap-labels) and report resident memory.")
    var mmapCheck: String?

    @Option(help: "The labels .npy for --mmap-check.")
    var mmapLabels: String?

    @Flag(help: "Instead of the benchmark: the drift rows (DriftBench.swift; --python runs scripts/bench/drift_peer.py).")
    var drift = false

    @Flag(help: "Instead of the benchmark: the image rows (ImageBench.swift; --python runs scripts/bench/images_peer.py).")
    var images = false

    /// Relaunches under OpenBLAS's right kernels when it fell back to generic
    /// ones (``OpenBLASCore``), then runs the benchmark.
    static func main() {
        #if OpenBLAS
        OpenBLASCore.relaunchWithRecommendedCore()
        #endif
        main(nil)
    }

    func validate() throws {
        guard regressionThreshold > 0 else { throw ValidationError("--regression-threshold must be > 0") }
    }

    func run() throws {
        if drift { return try DriftBench(python: python ?? "python3", quick: quick).run() }
        if images { return try ImageBench(python: python ?? "python3", quick: quick).run() }
        if let mmapCheck {
            guard let mmapLabels else { throw ValidationError("--mmap-check needs --mmap-labels") }
            try MemoryCheck.run(features: mmapCheck, labels: mmapLabels, epochs: 3)
            return
        }
        var bench = Bench(quick: quick, filter: try RowFilter(filter), listing: list)
        if list {
            _ = try bench.runAll()
            print(bench.listed.joined(separator: "\n"))
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let scripts = root.appendingPathComponent("scripts/bench").path
        if noNumpy {
            bench.numpyUnavailable = "--no-numpy"
            bench.sklearnUnavailable = "--no-numpy"
        } else {
            let venv = root.appendingPathComponent(".venv-bench/bin/python").path
            let interpreter = python ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3")
            let peer = PythonPeer(python: interpreter, scripts: scripts)
            bench.python = peer
            bench.numpyUnavailable = peer.unavailability(modules: ["numpy"])
            bench.sklearnUnavailable = bench.numpyUnavailable ?? peer.unavailability(modules: ["sklearn", "scipy", "threadpoolctl"])
            if let reason = bench.numpyUnavailable {
                bench.note("NumPy peer skipped: \(reason)")
            } else if let executable = peer.executable {
                bench.peer = NumPyPeer(python: executable, script: "\(scripts)/numpy_epoch.py")
            }
            if let reason = bench.sklearnUnavailable, bench.numpyUnavailable == nil {
                bench.note("scikit-learn peer skipped: \(reason)")
            }
        }
        let report = try bench.runAll()
        print(Table.render(report, notes: bench.notes))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            print("wrote \(json)")
        }
        if let svg {
            try Bench.plot(report).render().write(toFile: svg, atomically: true, encoding: .utf8)
            print("wrote \(svg)")
        }
        if let compareBaseline {
            let comparison = try BaselineComparison(current: report, baselinePath: compareBaseline,
                                                    threshold: regressionThreshold)
            print("\nbaseline \(compareBaseline): \(comparison.compared) rows compared, \(comparison.missing.count) new; read bandwidth now/then \(fixed(comparison.bandwidthRatio, 2))× (1 thread)")
            print("time ratio now/then: raw, and normalized by each run's read bandwidth (a regression is normalized > \(fixed(1 + regressionThreshold, 2))×)")
            for c in comparison.changes {
                let flag = c.normalizedRatio > 1 + regressionThreshold ? "REGRESSION " : ""
                print("  \(flag)\(c.key): \(fixed(c.baseline, 3)) ms -> \(fixed(c.current, 3)) ms, raw \(fixed(c.ratio, 2))×, normalized \(fixed(c.normalizedRatio, 2))×")
            }
            if !comparison.regressions.isEmpty {
                throw ExitCode(3)
            }
        }
    }
}

/// The benchmark plan and its results.
struct Bench {
    var quick: Bool
    /// Which rows to measure (`--filter`).
    var filter: RowFilter
    /// `--list`: collect the keys of the selected rows, measure nothing.
    var listing: Bool
    /// Row keys collected by `--list`.
    var listed: [String] = []
    var peer: NumPyPeer?
    /// The Python peers of the job rows.
    var python: PythonPeer?
    /// Why NumPy (scikit-learn) cannot run here; nil when it can.
    var numpyUnavailable: String? = "not checked"
    var sklearnUnavailable: String? = "not checked"
    var rows: [BenchRow] = []
    var notes: [String] = []
    var bandwidth = (one: 0.0, all: 0.0)
    let cores = BackendKind.coreCount
    let progress = ProgressLine()

    init(quick: Bool, filter: RowFilter, listing: Bool) {
        self.quick = quick
        self.filter = filter
        self.listing = listing
    }

    /// Whether to measure the rows with these keys (one measurement may produce
    /// several rows). With `--list`, records the selected keys and says no.
    mutating func wants(_ keys: [String]) -> Bool {
        let selected = keys.filter { filter.matches($0) }
        if listing {
            listed.append(contentsOf: selected)
            return false
        }
        return !selected.isEmpty
    }

    /// The keys of the rows one backend pair (plus optional extra backends) produces.
    func keys(kind: String, dataset: String, rows n: Int, features: Int, classes: Int, backends: [String],
              precision: String, threads: Int, solver: String) -> [String] {
        backends.map {
            BenchRow.key(kind: kind, dataset: dataset, rows: n, features: features, classes: classes, backend: $0,
                         precision: precision, threads: threads, solver: solver)
        }
    }

    var backendNames: [String] { BackendKind.available.map(\.rawValue) }

    mutating func note(_ text: String) { notes.append(text) }

    var warmup: Int { 2 }
    var repeats: Int { quick ? 3 : 7 }
    var threadCounts: [Int] { cores > 1 ? [1, cores] : [1] }

    /// Synthetic shapes: rows chosen so X (Float) is ≈ 300 MB in a full run,
    /// far beyond the last-level cache; smaller in a quick run.
    var shapes: [(features: Int, rows: Int, name: String)] {
        quick ? [(784, 20_000, "synthetic 28×28"), (3072, 4_000, "synthetic 32×32×3"), (12288, 1_000, "synthetic 64×64×3")]
              : [(784, 100_000, "synthetic 28×28"), (3072, 25_000, "synthetic 32×32×3"), (12288, 6_400, "synthetic 64×64×3")]
    }

    mutating func runAll() throws -> BenchReport {
        if !listing {
            // Always measured, even for a filtered run: --compare-baseline normalizes by it.
            progress.say("measuring read bandwidth")
            let bytes = quick ? 512 << 20 : 1 << 30
            bandwidth.one = ReadBandwidth.measure(bytes: bytes, threads: 1, repeats: quick ? 3 : 7)
            bandwidth.all = cores > 1 ? ReadBandwidth.measure(bytes: bytes, threads: cores, repeats: quick ? 3 : 7) : bandwidth.one
            #if OpenBLAS
            // Both binary-pass calibrations now, before any row: measured lazily, the
            // Double one came after the two-thread Float rows and read 80% and 89% in
            // two full runs, against 55–70% in eight fresh processes.
            _ = BLASBackend.binaryPassCalibration(for: Float.self)
            _ = BLASBackend.binaryPassCalibration(for: Double.self)
            #endif
        }
        try raisin()
        for shape in shapes {
            // A quick run keeps one multinomial shape and one precision for the larger shapes.
            for classes in quick && shape.features != 784 ? [2] : [2, 10] {
                try synthetic(shape, classes: classes, Float.self)
                if !quick || shape.features == 784 { try synthetic(shape, classes: classes, Double.self) }
            }
        }
        try solvers(Double.self)
        if !quick { try solvers(Float.self) }
        try jobs()
        progress.done()
        var report = BenchReport(
            date: ISO8601DateFormatter().string(from: Date()), machine: Bench.machineDescription(), cores: cores,
            openblas: Bench.openBLASDescription, mode: quick ? "quick" : "full",
            read_bandwidth_gb_per_s: bandwidth.one, read_bandwidth_all_cores_gb_per_s: bandwidth.all,
            rows: rows, targets: [])
        report.targets = Targets.check(report)
        return report
    }

    func bandwidth(threads: Int) -> Double { threads == 1 ? bandwidth.one : bandwidth.all }

    // MARK: Raisin

    mutating func raisin() throws {
        let raw = try Dataset<Double>.raisin()
        let scaler = try StandardScaler.fit(raw.features)
        var data = raw
        data.features = try scaler.transform(raw.features)
        try raisinRows(data, Float.self)
        try raisinRows(data, Double.self)
    }

    mutating func raisinRows<T: LogitScalar>(_ double: Dataset<Double>, _: T.Type) throws {
        let data = double.converted(to: T.self)
        // gd: the classic 100 epochs; lbfgs and newton: to the tight rule (‖∇L‖₂ ≤ 1e-10), λ₂ = 0.01,
        // as these rows have always measured.
        var configurations: [(String, TrainingConfiguration)] = [("gd", .classicGradientDescent)]
        configurations.append(("lbfgs", .tight(TrainingConfiguration(solver: .lbfgs, l2: 0.01))))
        if !quick { configurations.append(("newton", .tight(TrainingConfiguration(solver: .newton, l2: 0.01)))) }
        for (name, configuration) in configurations {
            guard wants(keys(kind: "fit", dataset: "raisin", rows: data.count, features: data.featureCount, classes: 2,
                             backends: backendNames, precision: T.precisionName, threads: 1, solver: name)) else { continue }
            var pair: [BackendKind: TrainingMeasurement] = [:]
            for backend in BackendKind.available {
                progress.say("Raisin \(name) \(T.precisionName) \(backend)")
                pair[backend] = try Measure.fits(data, configuration: configuration, backend: backend, threads: 1,
                                                 warmup: 3, repeats: quick ? 9 : 31)
            }
            appendPair(pair, kind: "fit", dataset: "raisin", rows: data.count, features: data.featureCount, classes: 2,
                       precision: T.precisionName, threads: 1, solver: name,
                       flopsPerRun: 4 * Double(data.count * data.featureCount) * Double(pair.first?.value.iterations ?? 0),
                       bytesPerRun: 0)
        }
        if T.self == Double.self,
           wants(keys(kind: "fit", dataset: "raisin", rows: data.count, features: data.featureCount, classes: 2,
                      backends: ["numpy"], precision: T.precisionName, threads: 1, solver: "gd")),
           let peer {
            progress.say("Raisin NumPy peer")
            do {
                // A folder of its own: several benchmark runs may share /tmp.
                let directory = try jobDirectory()
                defer { try? FileManager.default.removeItem(at: directory) }
                let output = try peer.measure(data, mode: "fit", epochs: 100, warmup: 2, repeats: quick ? 5 : 15,
                                              directory: directory)
                appendPeer(output, dataset: "raisin", rows: data.count, features: data.featureCount,
                           precision: T.precisionName, solver: "gd", kind: "fit")
            } catch {
                note("NumPy peer on Raisin failed: \(error)")
            }
        }
    }

    // MARK: Synthetic epochs and primitives

    mutating func synthetic<T: LogitScalar>(_ shape: (features: Int, rows: Int, name: String), classes: Int,
                                            _: T.Type) throws {
        let precision = T.precisionName
        let plan = self  // the key closures read a copy: they cannot capture a mutating self
        let backendNames = plan.backendNames
        let epochKeys = { (threads: Int) in
            plan.keys(kind: "epoch", dataset: shape.name, rows: shape.rows, features: shape.features, classes: classes,
                 backends: backendNames, precision: precision, threads: threads, solver: "gd")
        }
        let withPrimitives = classes == 2 && (!quick || shape.features == 784)
        let primitiveKeys = { (threads: Int) -> [String] in
            guard withPrimitives else { return [] }
            return Measure.primitiveNames.flatMap { name in
                plan.keys(kind: "primitive", dataset: shape.name, rows: shape.rows, features: shape.features,
                     classes: name.hasPrefix("gemm") ? 10 : 2, backends: backendNames, precision: precision,
                     threads: threads, solver: name)
            }
        }
        let numpyKeys = withPrimitives && shape.features == 784
            ? keys(kind: "epoch", dataset: shape.name, rows: shape.rows, features: shape.features, classes: 2,
                   backends: ["numpy"], precision: precision, threads: 1, solver: "gd") : []
        guard wants(threadCounts.flatMap { epochKeys($0) + primitiveKeys($0) } + numpyKeys) else { return }
        progress.say("generating \(shape.rows)×\(shape.features) \(T.precisionName), \(classes) classes")
        let data = try SyntheticClassification(rows: shape.rows, features: shape.features, classes: classes,
                                               separation: 1, noise: 1, seed: 17).generate(as: T.self)
        // Multinomial epochs do k dot products per row: fewer repetitions keep the run short.
        let repeatsHere = classes > 2 ? max(3, repeats / 2) : repeats
        for threads in threadCounts where wants(epochKeys(threads)) {
            var pair: [BackendKind: TrainingMeasurement] = [:]
            for backend in BackendKind.available {
                progress.say("epoch \(shape.name) k=\(classes) \(T.precisionName) \(backend) \(threads)t")
                pair[backend] = try Measure.epochs(data, backend: backend, threads: threads, warmup: warmup,
                                                   repeats: repeatsHere)
            }
            let outputs = classes == 2 ? 1 : classes
            appendPair(pair, kind: "epoch", dataset: shape.name, rows: shape.rows, features: shape.features,
                       classes: classes, precision: T.precisionName, threads: threads, solver: "gd",
                       flopsPerRun: 4 * Double(shape.rows * shape.features * outputs),
                       bytesPerRun: Double(shape.rows * shape.features * MemoryLayout<T>.stride))
        }
        if withPrimitives {
            for threads in threadCounts where wants(primitiveKeys(threads)) {
                for backend in BackendKind.available {
                    progress.say("primitives \(shape.name) \(T.precisionName) \(backend) \(threads)t")
                    for (name, samples, flops) in try Measure.primitives(data.features, backend: backend, threads: threads,
                                                                         warmup: warmup, repeats: repeats) {
                        let bytes = Double(shape.rows * shape.features * MemoryLayout<T>.stride)
                        rows.append(row(kind: "primitive", dataset: shape.name, rows: shape.rows, features: shape.features,
                                        classes: name.hasPrefix("gemm") ? 10 : 2, backend: backend.rawValue,
                                        precision: T.precisionName, threads: threads, solver: name, samples: samples,
                                        flops: flops, bytes: bytes))
                    }
                }
            }
            if !numpyKeys.isEmpty, wants(numpyKeys), let peer {
                progress.say("NumPy peer epoch \(shape.name) \(T.precisionName)")
                do {
                    let directory = try jobDirectory()
                    defer { try? FileManager.default.removeItem(at: directory) }
                    let output = try peer.measure(data, mode: "epoch", epochs: 0, warmup: warmup, repeats: repeats,
                                                  directory: directory)
                    appendPeer(output, dataset: shape.name, rows: shape.rows, features: shape.features,
                               precision: T.precisionName, solver: "gd", kind: "epoch")
                } catch {
                    note("NumPy peer on \(shape.name) failed: \(error)")
                }
            }
        }
    }

    // MARK: Converged solvers

    mutating func solvers<T: LogitScalar>(_: T.Type) throws {
        let n = quick ? 2_000 : 20_000
        let plan = self  // the key closure reads a copy: it cannot capture a mutating self
        let solverKeys = { (solver: Solver) in
            plan.keys(kind: "fit", dataset: "synthetic 28×28", rows: n, features: 784, classes: 2, backends: plan.backendNames,
                 precision: T.precisionName, threads: 1, solver: solver.rawValue)
        }
        guard wants(solverKeys(.newton) + solverKeys(.lbfgs)) else { return }
        progress.say("generating \(n)×784 \(T.precisionName) for the solvers")
        let raw = try SyntheticClassification(rows: n, features: 784, classes: 2, separation: 1, noise: 1, seed: 23)
            .generate(as: T.self)
        var data = raw
        data.features = try StandardScaler.fit(raw.features).transform(raw.features)
        for solver in [Solver.newton, .lbfgs] where wants(solverKeys(solver)) {
            var configuration = TrainingConfiguration(solver: solver, l2: 0.01)
            configuration.gradientTolerance = 1e-6
            configuration.gradientNorm = .euclidean  // ‖∇L‖₂ ≤ 1e-6, as these rows have always measured
            configuration.objectiveTolerance = 0
            var pair: [BackendKind: TrainingMeasurement] = [:]
            for backend in BackendKind.available {
                progress.say("\(solver) \(n)×784 \(T.precisionName) \(backend)")
                pair[backend] = try Measure.fits(data, configuration: configuration, backend: backend, threads: 1,
                                                 warmup: 0, repeats: quick ? 1 : 3)
            }
            appendPair(pair, kind: "fit", dataset: "synthetic 28×28", rows: n, features: 784, classes: 2,
                       precision: T.precisionName, threads: 1, solver: solver.rawValue, flopsPerRun: 0, bytesPerRun: 0)
        }
    }

    // MARK: Rows

    func row(kind: String, dataset: String, rows n: Int, features: Int, classes: Int, backend: String,
             precision: String, threads: Int, solver: String, samples: Samples, flops: Double, bytes: Double) -> BenchRow {
        let seconds = samples.median / 1e3
        let gbPerSecond = bytes > 0 ? bytes / seconds / 1e9 : 0
        return BenchRow(
            kind: kind, dataset: dataset, rows: n, features: features, classes: classes, backend: backend,
            precision: precision, threads: threads, solver: solver, repetitions: samples.milliseconds.count,
            median_ms: samples.median, min_ms: samples.min, max_ms: samples.max,
            gflops: flops > 0 ? flops / seconds / 1e9 : 0, gb_per_s: gbPerSecond,
            bandwidth_fraction: gbPerSecond / bandwidth(threads: threads))
    }

    /// Appends the BLAS and Swift rows of one run, with their parity (largest
    /// weight difference) and the speed-up of BLAS over Swift.
    mutating func appendPair(_ pair: [BackendKind: TrainingMeasurement], kind: String, dataset: String, rows n: Int,
                             features: Int, classes: Int, precision: String, threads: Int, solver: String,
                             flopsPerRun: Double, bytesPerRun: Double) {
        var difference: Double?
        if let blas = pair[.blas], let swift = pair[.swift] {
            difference = zip(blas.weights, swift.weights).map { abs($0 - $1) }.max()
        }
        for backend in BackendKind.available {
            guard let m = pair[backend] else { continue }
            var r = row(kind: kind, dataset: dataset, rows: n, features: features, classes: classes,
                        backend: backend.rawValue, precision: precision, threads: threads, solver: solver,
                        samples: m.samples, flops: flopsPerRun, bytes: bytesPerRun)
            r.objective = m.objective
            r.accuracy = m.accuracy
            r.max_weight_diff = difference
            r.iterations = m.iterations
            r.converged = m.converged
            if backend == .blas, let swift = pair[.swift] { r.speedup = swift.samples.median / m.samples.median }
            rows.append(r)
        }
    }

    mutating func appendPeer(_ output: NumPyPeer.Output, dataset: String, rows n: Int, features: Int,
                             precision: String, solver: String, kind: String) {
        let samples = Samples([output.min_ms, output.median_ms, output.max_ms])
        let bytes = kind == "epoch" ? Double(n * features * (precision == "float" ? 4 : 8)) : 0
        var r = row(kind: kind, dataset: dataset, rows: n, features: features, classes: 2, backend: "numpy",
                    precision: precision, threads: 1, solver: solver, samples: samples,
                    flops: kind == "epoch" ? 4 * Double(n * features) : 0, bytes: bytes)
        r.repetitions = output.repetitions
        r.median_ms = output.median_ms
        r.objective = output.objective
        rows.append(r)
        notes.append("NumPy \(output.numpy) (one thread) ran the textbook two-pass epoch")
    }

    // MARK: Description

    static var openBLASDescription: String {
        #if OpenBLAS
        return "\(BLASBackend.configuration); kernels: \(OpenBLASCore.selection); "
            + "binary pass, measured at start-up: Float \(BLASBackend.binaryPassCalibration(for: Float.self)), "
            + "Double \(BLASBackend.binaryPassCalibration(for: Double.self))"
        #else
        return "not in this build"
        #endif
    }

    static func machineDescription() -> String {
        let model = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) }
        return "\(model ?? "unknown CPU"), \(BackendKind.coreCount) cores"
    }

    static func plot(_ report: BenchReport) -> SVGPlot {
        let colors = ["blas": "#1f77b4", "swift": "#d62728"]
        var series: [SVGPlot.Series] = []
        for backend in ["blas", "swift"] {
            for precision in ["float", "double"] {
                let points = report.rows.filter {
                    $0.kind == "epoch" && $0.classes == 2 && $0.threads == 1 && $0.backend == backend && $0.precision == precision
                }.map { (x: Double($0.features), y: $0.median_ms) }
                if !points.isEmpty {
                    series.append(SVGPlot.Series(name: "\(backend) \(precision)",
                                                 color: precision == "float" ? colors[backend]! : colors[backend]! + "99",
                                                 points: points))
                }
            }
        }
        return SVGPlot(title: "Gradient-descent epoch, binary, 1 thread (X of about the same size at each d)",
                       xLabel: "features (log scale)", yLabel: "median epoch time (ms)", series: series)
    }
}

/// A progress line on standard error: rewritten in place on a terminal,
/// plain lines otherwise.
final class ProgressLine: Sendable {
    let isTerminal = isatty(2) != 0

    func say(_ text: String) {
        if isTerminal {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        } else {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }

    func done() {
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
