/// The human-readable report.
enum Table {
    static func render(_ report: BenchReport, notes: [String]) -> String {
        var out = [String]()
        out.append("logit-bench (\(report.mode)) \(report.date)")
        out.append("machine: \(report.machine); OpenBLAS: \(report.openblas)")
        out.append("read bandwidth measured in this run: \(fixed(report.read_bandwidth_gb_per_s, 1)) GB/s (1 thread), \(fixed(report.read_bandwidth_all_cores_gb_per_s, 1)) GB/s (\(report.cores) threads)")
        out.append("times: median (min–max) ms after warm-up; %BW = GB/s over X ÷ read bandwidth; blas× = Swift time ÷ BLAS time; Δw = largest weight difference between the backends")
        let header = ["dataset", "n×d", "k", "prec", "backend", "thr", "solver", "median (min–max) ms", "GFLOP/s", "GB/s", "%BW",
                      "objective", "acc", "Δw", "blas×"]
        for kind in ["fit", "epoch", "primitive"] {
            let rows = report.rows.filter { $0.kind == kind }
            guard !rows.isEmpty else { continue }
            out.append("")
            out.append(["fit": "Whole trainings", "epoch": "Gradient-descent epochs", "primitive": "Primitives"][kind]!)
            var lines = [header]
            for r in rows {
                lines.append([
                    r.dataset, "\(r.rows)×\(r.features)", "\(r.classes)", r.precision, r.backend, "\(r.threads)", r.solver,
                    "\(fixed(r.median_ms, 3)) (\(fixed(r.min_ms, 3))–\(fixed(r.max_ms, 3)))",
                    r.gflops > 0 ? fixed(r.gflops, 1) : "", r.gb_per_s > 0 ? fixed(r.gb_per_s, 1) : "",
                    r.gb_per_s > 0 ? fixed(100 * r.bandwidth_fraction, 0) : "",
                    r.objective.map { fixed($0, 6) } ?? "", r.accuracy.map { fixed($0, 4) } ?? "",
                    r.max_weight_diff.map { String(format: "%.1e", $0) } ?? "", r.speedup.map { fixed($0, 2) } ?? "",
                ])
            }
            out.append(contentsOf: align(lines))
        }
        let jobs = report.rows.filter { $0.kind == "job" }
        if !jobs.isEmpty {
            out.append("")
            out.append("Whole jobs against their peers, same run, 1 BLAS thread each (engine/peer < 1: the engine is faster; acc: held-out accuracy unless the detail says otherwise)")
            var lines = [["job", "n×d", "k", "prec", "backend", "solver", "engine median (min–max) ms", "peer", "peer median (min–max) ms",
                          "engine/peer", "iterations", "acc engine / peer"]]
            for r in jobs {
                let peerTime = r.peer_median_ms.map { "\(fixed($0, 1)) (\(fixed(r.peer_min_ms ?? .nan, 1))–\(fixed(r.peer_max_ms ?? .nan, 1)))" }
                lines.append([
                    r.dataset, "\(r.rows)×\(r.features)", "\(r.classes)", r.precision, r.backend, r.solver,
                    "\(fixed(r.median_ms, 1)) (\(fixed(r.min_ms, 1))–\(fixed(r.max_ms, 1)))",
                    r.peer ?? (r.peer_skipped ?? "–"), peerTime ?? "–", r.ratio.map { "\(fixed($0, 3))×" } ?? "–",
                    r.iterations.map { "\($0)\(r.converged == false ? " (not converged)" : "") / \(r.peer_iterations.map(String.init) ?? "–")" } ?? "",
                    "\(r.accuracy.map { fixed(100 * $0, 2) } ?? "–") / \(r.peer_accuracy.map { fixed(100 * $0, 2) } ?? "–")",
                ])
            }
            out.append(contentsOf: align(lines))
            for r in jobs where r.detail != nil || r.peer_skipped != nil {
                out.append("  \(r.dataset) \(r.solver): \([r.detail, r.peer_skipped].compactMap { $0 }.joined(separator: "; "))")
            }
        }
        out.append("")
        out.append("Targets")
        for t in report.targets {
            out.append("  \(t.skipped == true ? "SKIPPED" : t.met ? "met    " : "MISSED ") \(t.target): \(t.measured)")
        }
        for note in Set(notes).sorted() { out.append("note: \(note)") }
        return out.joined(separator: "\n")
    }

    static func align(_ lines: [[String]]) -> [String] {
        let widths = (0..<lines[0].count).map { c in lines.map { $0[c].count }.max() ?? 0 }
        return lines.map { line in
            zip(line, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
    }
}
