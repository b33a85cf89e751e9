/// One measured row of the benchmark: what was run, how long it took
/// (median, min, max over repetitions after warm-up) and what it computed.
struct BenchRow: Codable, Sendable {
    /// "epoch", "fit", "primitive" or "job" (a whole job against its peer, same run).
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

    // Job rows: the same job run by its peer in the same benchmark run. The
    // engine's figures are in the fields above (accuracy: held-out rows).

    /// The peer and its version ("NumPy 2.4.6", "scikit-learn 1.9.1").
    var peer: String? = nil
    var peer_median_ms: Double? = nil
    var peer_min_ms: Double? = nil
    var peer_max_ms: Double? = nil
    var peer_repetitions: Int? = nil
    var peer_iterations: Int? = nil
    var peer_accuracy: Double? = nil
    /// Engine median over peer median (below 1: the engine is faster).
    var ratio: Double? = nil
    /// Why the peer did not run ("peer skipped: …"), or why the row is empty.
    var peer_skipped: String? = nil
    /// What each side chose or stopped at (best configuration, objective, settings).
    var detail: String? = nil
    /// The least time the job's epochs alone can take on this machine: the bytes
    /// they must read (every training row once per epoch) at the read bandwidth
    /// measured in this run (1 thread). A floor under the engine's time, whatever
    /// the code; nil where not worked out.
    var epoch_floor_ms: Double? = nil

    /// The fields that identify a row across runs (for baseline comparison and `--filter`).
    var key: String {
        Self.key(kind: kind, dataset: dataset, rows: rows, features: features, classes: classes, backend: backend,
                 precision: precision, threads: threads, solver: solver)
    }

    /// The key a row with these fields will have: `kind/dataset/rows/features/classes/backend/precision/threads/solver`.
    static func key(kind: String, dataset: String, rows: Int, features: Int, classes: Int, backend: String,
                    precision: String, threads: Int, solver: String) -> String {
        [kind, dataset, "\(rows)", "\(features)", "\(classes)", backend, precision, "\(threads)", solver]
            .joined(separator: "/")
    }
}

/// A target from the issue, checked against this run's rows.
struct TargetCheck: Codable, Sendable {
    var target: String
    var measured: String
    var met: Bool
    /// True when the target could not be checked in this run (its peer or input was missing).
    var skipped: Bool? = nil
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
