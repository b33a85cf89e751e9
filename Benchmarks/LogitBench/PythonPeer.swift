import Foundation

/// The Python side of the job rows: one interpreter (by default the
/// `.venv-bench` that `scripts/bench/setup_peers.sh` makes from the pinned
/// `scripts/requirements-bench.txt`) running the scripts in `scripts/bench/`,
/// with BLAS on one thread.
struct PythonPeer: Sendable {
    /// The interpreter: a path or a name looked up on PATH.
    var python: String
    /// The folder of the peer scripts (`scripts/bench`).
    var scripts: String

    /// What a peer script prints: times over its repetitions and what it computed.
    struct Report: Decodable, Sendable {
        var median_ms: Double?
        var min_ms: Double?
        var max_ms: Double?
        var repetitions: Int?
        var iterations: Int?
        var converged: Bool?
        var accuracy: Double?
        var version: String?
        var numpy: String?
        var best_c: Double?
        var best_accuracy: Double?
        var mean_accuracies: [Double]?
    }

    /// The interpreter resolved to an executable path, or nil when there is none.
    var executable: String? {
        if python.contains("/") { return FileManager.default.isExecutableFile(atPath: python) ? python : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(python)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Nil when the interpreter imports every module in `modules`; the reason otherwise.
    func unavailability(modules: [String]) -> String? {
        guard let executable else { return "no Python interpreter \(python)" }
        do {
            _ = try ChildProcess.run(executable, ["-c", "import " + modules.joined(separator: ", ")])
            return nil
        } catch {
            return "\(python) cannot import \(modules.joined(separator: ", ")) (run bash scripts/bench/setup_peers.sh)"
        }
    }

    /// Runs `script` (a file in ``scripts``) and decodes the JSON object it
    /// prints last, with the process's wall time.
    func run(_ script: String, _ arguments: [String]) throws -> (report: Report, milliseconds: Double) {
        guard let executable else { throw ChildProcess.Failure(message: "no Python interpreter \(python)") }
        let outcome = try ChildProcess.run(executable, ["\(scripts)/\(script)"] + arguments)
        let lines = String(decoding: outcome.output, as: UTF8.self).split(separator: "\n")
        guard let last = lines.last(where: { $0.hasPrefix("{") }) else {
            throw ChildProcess.Failure(message: "\(script) printed no JSON object")
        }
        return (try JSONDecoder().decode(Report.self, from: Data(last.utf8)), outcome.milliseconds)
    }
}
