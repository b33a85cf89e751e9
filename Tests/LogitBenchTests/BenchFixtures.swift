@testable import logit_bench

/// Small hand-made rows and reports for the pure parts of logit-bench.
enum BenchFixtures {
    static func row(kind: String = "epoch", dataset: String = "synthetic 28×28", threads: Int = 1,
                    backend: String = "blas", solver: String = "gd", median: Double) -> BenchRow {
        BenchRow(kind: kind, dataset: dataset, rows: 1000, features: 784, classes: 2, backend: backend,
                 precision: "float", threads: threads, solver: solver, repetitions: 3, median_ms: median,
                 min_ms: median, max_ms: median, gflops: 0, gb_per_s: 0, bandwidth_fraction: 0)
    }

    static func report(_ rows: [BenchRow], bandwidth: Double, allCores: Double? = nil) -> BenchReport {
        BenchReport(date: "2026-01-01T00:00:00Z", machine: "test", cores: 2, openblas: "test", mode: "quick",
                    read_bandwidth_gb_per_s: bandwidth, read_bandwidth_all_cores_gb_per_s: allCores ?? bandwidth,
                    rows: rows, targets: [])
    }
}
