/// One measured row of the benchmark: what was run, how long it took
/// (median, min, max over repetitions after warm-up) and what it computed.
struct BenchRow: Codable, Sendable {
    /// "epoch", "fit", "primitive" or "peer".
    var kind: String
    var dataset: String
    var rows: Int
    var features: Int
    var classes: Int
    /// "blas", "swift" or "numpy".
    var backend: String
    /// "float" or "double".
    var precision: String
    var threads: Int
    /// gd, sgd, newton, lbfgs, or the primitive (gemv_n, gemv_t, gemm_nt, gemm_tn, two_gemv_epoch).
    var solver: String
    var repetitions: Int
    var median_ms: Double
    var min_ms: Double
    var max_ms: Double
    var gflops: Double
    /// Bytes of X read per median time, in GB/s (10⁹ bytes).
    var gb_per_s: Double
    /// gb_per_s over the read bandwidth measured in this run for the same thread count.
    var bandwidth_fraction: Double
    var objective: Double?
    var accuracy: Double?
    /// Largest |w_blas − w_swift| between the two backends' models of the same run.
    var max_weight_diff: Double?
    /// The Swift backend's median over this row's (on BLAS rows), or NumPy's over the engine's (on peer-compared rows).
    var speedup: Double?
    /// Iterations run (fit rows).
    var iterations: Int?
    var converged: Bool?

    /// The fields that identify a row across runs (for baseline comparison).
    var key: String {
        [kind, dataset, "\(rows)", "\(features)", "\(classes)", backend, precision, "\(threads)", solver]
            .joined(separator: "/")
    }
}

/// A target from the issue, checked against this run's rows.
struct TargetCheck: Codable, Sendable {
    var target: String
    var measured: String
    var met: Bool
}

/// Everything one run measured.
struct BenchReport: Codable, Sendable {
    var date: String
    var machine: String
    var cores: Int
    var openblas: String
    var mode: String
    var read_bandwidth_gb_per_s: Double
    var read_bandwidth_all_cores_gb_per_s: Double
    var rows: [BenchRow]
    var targets: [TargetCheck]
}
