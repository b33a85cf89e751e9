import Foundation
import Logit
import LogitNumerics

/// The drift rows of `logit-bench --drift`: the training statistics' cost
/// against one training epoch on the same data (issue 10, point 4), the drift
/// report against Evidently's DataDriftPreset and a plain SciPy loop on the
/// same data (scripts/bench/drift_peer.py), and the windowed monitor's intake
/// of Raisin-shaped rows on one core.
struct DriftBench {
    var python: String
    var quick: Bool

    func run() throws {
        try statisticsRow()
        try monitorRow()
        try reportRow()
    }

    /// n×d standard normal Float rows, seeded.
    static func gaussian(rows n: Int, columns d: Int, seed: UInt64, shift: (Int) -> Double = { _ in 0 }) -> Matrix<Float> {
        var random = SeededGenerator(seed: seed)
        return Matrix(rows: n, columns: d) { _, j in Float(random.nextGaussian() + shift(j)) }
    }

    func statisticsRow() throws {
        let n = 100_000, d = 784
        let x = Self.gaussian(rows: n, columns: d, seed: 1)
        let data = try Dataset(features: x, labels: (0..<n).map { $0 % 2 }, classNames: ["a", "b"])
        let stats = Samples(warmup: 1, repeats: quick ? 3 : 7) {
            _ = try? TrainingStatistics.summarize(data: data)
        }
        var sink: Float = 0
        let pass = Samples(warmup: 1, repeats: quick ? 3 : 7) {
            x.withUnsafeBufferPointer { b in
                var acc = SIMD16<Float>()
                let chunks = b.count / 16
                let raw = UnsafeRawPointer(b.baseAddress!)
                for c in 0..<chunks { acc += raw.loadUnaligned(fromByteOffset: c * 64, as: SIMD16<Float>.self) }
                sink += acc.sum()
            }
        }
        let epoch = try epochMilliseconds(data, rows: nil, backend: .swift)
        print("training statistics \(n)×\(d) float32 (mean/std/min/max one pass + 5000-row reservoir quantiles):")
        print("  statistics \(fixed(stats.median, 1)) ms (min \(fixed(stats.min, 1))), one read pass \(fixed(pass.median, 1)) ms, one GD epoch (swift backend, (3 − 1 epochs)/2) \(fixed(epoch, 1)) ms → \(fixed(stats.median / epoch, 2)) epochs  [\(sink == .infinity ? "" : "ok")]")
        try splitStatisticsRow(data)
    }

    /// What `logit train` does with the same data: the statistics of the
    /// training rows of its default 80/20 stratified split (runs of a few rows)
    /// against one epoch of the default backend on those rows.
    func splitStatisticsRow(_ data: Dataset<Float>) throws {
        let split = try StratifiedSplit(labels: data.labels, testFraction: 0.2, seed: 0)
        let rows = RowSelection(indices: split.train)
        let stats = Samples(warmup: 1, repeats: quick ? 3 : 7) {
            _ = try? TrainingStatistics.summarize(data: data, rows: rows.runs)
        }
        let epoch = try epochMilliseconds(data, rows: rows, backend: .preferred)
        print("  as logit train takes them (the \(rows.count) training rows of the 80/20 stratified split, \(rows.runs.count) runs):")
        print("  statistics \(fixed(stats.median, 1)) ms (min \(fixed(stats.min, 1))), one GD epoch (\(BackendKind.preferred) backend, (3 − 1 epochs)/2) \(fixed(epoch, 1)) ms → \(fixed(stats.median / epoch, 2)) epochs (target < 1\(stats.median < epoch ? ": met" : ": MISSED"))")
    }

    /// One GD epoch of `backend` (1 thread) over `rows` of `data` (nil: all),
    /// in ms: half the difference of the median fits of 3 and of 1 epochs, so
    /// what both fits do besides their epochs (validation, set-up) cancels.
    func epochMilliseconds(_ data: Dataset<Float>, rows: RowSelection?, backend: BackendKind) throws -> Double {
        var configuration = TrainingConfiguration(solver: .gradientDescent)
        configuration.maxIterations = 1
        let one = LogisticRegression<Float>(configuration: configuration, backend: backend, threads: 1)
        configuration.maxIterations = 3
        let three = LogisticRegression<Float>(configuration: configuration, backend: backend, threads: 1)
        let fit1 = try Samples(warmup: 1, repeats: quick ? 3 : 5) { _ = try one.fit(data, rows: rows, scaler: .none) }
        let fit3 = try Samples(warmup: 0, repeats: quick ? 3 : 5) { _ = try three.fit(data, rows: rows, scaler: .none) }
        return (fit3.median - fit1.median) / 2
    }

    func monitorRow() throws {
        let d = 7, k = 2
        var random = SeededGenerator(seed: 3)
        let values = (0..<(500 * d)).map { _ in random.nextGaussian() }
        let sample = ReferenceSample(featureNames: (0..<d).map { "f\($0)" }, classNames: ["a", "b"], rows: 500,
                                     values: values, labels: (0..<500).map { $0 % 2 },
                                     probabilities: (0..<1000).map { $0 % 2 == 0 ? 0.3 : 0.7 }, sourceRows: 500, seed: 0)
        let monitor = try DriftMonitor(reference: sample, capacity: 10_000, maxAge: 3600)
        let rows = quick ? 1_000_000 : 5_000_000
        let row = (0..<d).map { Double($0) }, p = [0.3, 0.7]
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            row.withUnsafeBufferPointer { r in
                p.withUnsafeBufferPointer { q in
                    for i in 0..<rows { monitor.record(row: r, probabilities: q, id: UInt64(i)) }
                }
            }
        }
        let seconds = Samples.ms(elapsed) / 1000
        let report = Samples(warmup: 1, repeats: 5) { _ = try? monitor.report() }
        print("windowed monitor, Raisin-shaped rows (7 features, 2 probabilities, request id, 10000-row window, age limit):")
        print("  \(rows) rows in \(fixed(seconds * 1000, 1)) ms = \(fixed(Double(rows) / seconds / 1e6, 2)) M rows/s on one core; report of the window \(fixed(report.median, 2)) ms")
        _ = k
    }

    func reportRow() throws {
        let n = quick ? 20_000 : 100_000, d = quick ? 100 : 784, m = 5000
        let referenceX = Self.gaussian(rows: m, columns: d, seed: 5)
        let currentX = Self.gaussian(rows: n, columns: d, seed: 6) { j in j % 2 == 0 ? 0.1 : 0 }
        let sample = ReferenceSample(featureNames: (0..<d).map { "f\($0)" }, classNames: ["a", "b"], rows: m,
                                     values: referenceX.elements.map { Double($0) }, labels: [Int](repeating: 0, count: m),
                                     probabilities: [], sourceRows: m, seed: 0)
        let current = currentX.elements.map { Double($0) }
        var result: DriftReport?
        let swift = Samples(warmup: 0, repeats: quick ? 3 : 3) {
            result = try? current.withUnsafeBufferPointer { try DriftReport(reference: sample, current: $0, rows: n) }
        }
        print("drift report \(n)×\(d) current vs \(m)-row reference (Wasserstein per feature):")
        print("  swift \(fixed(swift.median, 0)) ms (min \(fixed(swift.min, 0))), \(result?.dataset.driftedFeatures ?? -1) of \(d) drifted")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logit-drift-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let refPath = folder.appendingPathComponent("reference.npy").path
        let curPath = folder.appendingPathComponent("current.npy").path
        try NPYWriter.write(referenceX, to: refPath)
        try NPYWriter.write(currentX, to: curPath)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/bench/drift_peer.py").standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script, refPath, curPath]
        let out = Pipe()
        process.standardOutput = out
        do {
            try process.run()
        } catch {
            print("  peer skipped: \(error)")
            return
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            print("  peer skipped: \(python) \(script) failed (status \(process.terminationStatus)); install scripts/requirements-drift.txt")
            return
        }
        for (key, label) in [("evidently_ms", "Evidently DataDriftPreset"), ("scipy_ms", "SciPy wasserstein loop")] {
            if let ms = json[key] as? Double {
                print("  \(label) \(fixed(ms, 0)) ms → swift is \(fixed(ms / swift.median, 2))× faster")
            } else {
                print("  \(label): \(json[key.replacingOccurrences(of: "_ms", with: "_skipped")] ?? "skipped")")
            }
        }
    }
}
