import LogitNumerics

/// The issue's speed targets, checked against one run's rows. A target that
/// is missed says so; nothing here is a test.
enum Targets {
    static func check(_ report: BenchReport) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        let rows = report.rows
        let backend = BackendKind.preferred.rawValue
        let shapeNote = report.mode == "full" ? "" : " (quick run: smaller X, not the target shape)"
        func epoch(_ precision: String, _ threads: Int, _ backend: String) -> BenchRow? {
            rows.first { $0.kind == "epoch" && $0.dataset == "synthetic 28×28" && $0.classes == 2
                && $0.precision == precision && $0.threads == threads && $0.backend == backend }
        }
        for (precision, goal) in [("float", 0.75), ("double", 0.70)] {
            guard let r = epoch(precision, 1, backend) else { continue }
            let others = rows.filter { $0.kind == "epoch" && $0.dataset == r.dataset && $0.classes == 2
                && $0.precision == precision && $0.threads == 1 }
                .map { "\($0.backend) \(fixed(100 * $0.bandwidth_fraction, 0))%" }.joined(separator: ", ")
            checks.append(TargetCheck(
                target: "default path (\(backend)) \(r.rows)×784 \(precision) epoch, 1 thread: ≥ \(Int(goal * 100))% of read bandwidth\(shapeNote)",
                measured: "\(fixed(r.gb_per_s, 1)) GB/s of \(fixed(report.read_bandwidth_gb_per_s, 1)) GB/s = \(fixed(100 * r.bandwidth_fraction, 0))% (\(others))",
                met: r.bandwidth_fraction >= goal))
        }
        if let engine = epoch("float", 1, backend) {
            if let textbook = rows.first(where: { $0.kind == "primitive" && $0.dataset == engine.dataset
                && $0.precision == "float" && $0.threads == 1 && $0.solver == "two_gemv_epoch"
                && $0.backend == (BackendKind.isBLASAvailable ? "blas" : "swift") }) {
                let ratio = textbook.median_ms / engine.median_ms
                checks.append(TargetCheck(
                    target: "default epoch ≈ 2.5× faster than the textbook two-gemv epoch (float, 1 thread)",
                    measured: "\(fixed(ratio, 2))× (\(fixed(textbook.median_ms, 2)) ms vs \(fixed(engine.median_ms, 2)) ms)",
                    met: ratio >= 2.5))
            }
            if let numpy = rows.first(where: { $0.kind == "epoch" && $0.backend == "numpy" && $0.dataset == engine.dataset
                && $0.precision == "float" }) {
                let ratio = numpy.median_ms / engine.median_ms
                checks.append(TargetCheck(
                    target: "default epoch ≈ 2.5× faster than NumPy's (float, 1 thread)",
                    measured: "\(fixed(ratio, 2))× (NumPy \(fixed(numpy.median_ms, 2)) ms vs \(fixed(engine.median_ms, 2)) ms)",
                    met: ratio >= 2.5))
            }
            if report.cores > 1, let two = epoch("float", report.cores, backend) {
                let ratio = engine.median_ms / two.median_ms
                checks.append(TargetCheck(
                    target: "\(report.cores) threads ≥ 1.4× the one-thread epoch throughput (float, \(backend))",
                    measured: "\(fixed(ratio, 2))× (\(fixed(engine.median_ms, 2)) ms → \(fixed(two.median_ms, 2)) ms; read bandwidth \(fixed(report.read_bandwidth_gb_per_s, 1)) → \(fixed(report.read_bandwidth_all_cores_gb_per_s, 1)) GB/s)",
                    met: ratio >= 1.4))
            }
        }
        if let numpy = rows.first(where: { $0.kind == "fit" && $0.dataset == "raisin" && $0.backend == "numpy" }),
           let engine = rows.first(where: { $0.kind == "fit" && $0.dataset == "raisin" && $0.solver == "gd"
               && $0.precision == "double" && $0.backend == backend }) {
            let ratio = numpy.median_ms / engine.median_ms
            checks.append(TargetCheck(
                target: "Raisin, 100 epochs of the classic defaults: ≥ 10× faster than NumPy",
                measured: "\(fixed(ratio, 1))× (NumPy \(fixed(numpy.median_ms, 3)) ms vs \(fixed(engine.median_ms, 3)) ms, double)",
                met: ratio >= 10))
        }
        for solver in ["newton", "lbfgs"] {
            let fits = rows.filter { $0.kind == "fit" && $0.dataset == "synthetic 28×28" && $0.solver == solver }
            guard !fits.isEmpty else { continue }
            let text = fits.map {
                "\($0.backend) \($0.precision) \(fixed($0.median_ms, 0)) ms (\($0.iterations ?? 0) it\($0.converged == true ? "" : ", NOT converged"))"
            }.joined(separator: "; ")
            checks.append(TargetCheck(
                target: "\(solver) on \(fits[0].rows)×784 to ‖∇L‖ ≤ 1e-6: time to the optimum, BLAS against Swift",
                measured: text, met: fits.allSatisfy { $0.converged == true }))
        }
        checks += jobChecks(rows.filter { $0.kind == "job" })
        return checks
    }

    /// Issue 10's whole-job targets, as ratios engine/peer from the same run.
    static func jobChecks(_ jobs: [BenchRow]) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        func check(_ r: BenchRow, _ target: String, maxRatio: Double, accuracyPoints: Double? = nil) {
            guard let ratio = r.ratio, let peerMedian = r.peer_median_ms else {
                checks.append(TargetCheck(target: target, measured: r.peer_skipped ?? "peer not run", met: false, skipped: true))
                return
            }
            var measured = "engine/peer \(fixed(ratio, 3))× (\(fixed(r.median_ms, 1)) ms vs \(r.peer ?? "peer") \(fixed(peerMedian, 1)) ms; peer/engine \(fixed(1 / ratio, 2))×)"
            var met = ratio <= maxRatio
            if let points = accuracyPoints {
                if let mine = r.accuracy, let theirs = r.peer_accuracy {
                    let gap = 100 * abs(mine - theirs)
                    measured += "; test accuracy \(fixed(100 * mine, 2))% vs \(fixed(100 * theirs, 2))% (gap \(fixed(gap, 2)) points); iterations \(r.iterations.map(String.init) ?? "?") vs \(r.peer_iterations.map(String.init) ?? "?")"
                    met = met && gap <= points
                } else {
                    measured += "; accuracy not compared"
                    met = false
                }
            }
            checks.append(TargetCheck(target: target, measured: measured, met: met))
        }
        for r in jobs {
            switch (r.dataset, r.solver) {
            case (let d, "gd") where d.hasPrefix("train-process"):
                check(r, "logit train as a process, \(r.rows)×\(r.features) float32 .npy, 20 GD epochs: ≥ 3× faster than the NumPy script (ratio ≤ 0.333)", maxRatio: 1.0 / 3)
                if let floor = r.epoch_floor_ms, let peerMedian = r.peer_median_ms, peerMedian > 0, !checks.isEmpty {
                    let floorRatio = floor / peerMedian
                    checks[checks.count - 1].measured += "; floor: the 20 epochs alone read the training rows 20 times, \(fixed(floor, 0)) ms at this run's read bandwidth = \(fixed(floorRatio, 3))× the peer"
                        + (floorRatio > 1.0 / 3 ? " (the target is below this machine's floor on 1 thread)" : "")
                }
            case (_, "lbfgs"):
                check(r, "10-class L-BFGS to scikit-learn's stopping point, \(r.dataset) \(r.rows)×\(r.features): ≤ 0.5× scikit-learn's fit time, test accuracy within 0.5 points", maxRatio: 0.5, accuracyPoints: 0.5)
            case ("raisin", "gd"):
                check(r, "Raisin, 100 classic GD epochs (double): ≥ 5× faster than NumPy (ratio ≤ 0.2)", maxRatio: 0.2)
            case ("raisin", let s) where s.hasPrefix("lbfgs grid"):
                check(r, "Raisin grid search (\(s.dropFirst("lbfgs grid ".count)) C values × folds): ≥ 10× faster than GridSearchCV(n_jobs=1) (ratio ≤ 0.1)", maxRatio: 0.1)
            default:
                continue
            }
        }
        return checks
    }
}
