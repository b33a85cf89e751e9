import Foundation
import Logit
import LogitNumerics

/// The side-by-side peer: `scripts/bench/numpy_epoch.py`, the textbook two-pass
/// NumPy gradient-descent epoch, run on the same data in the same session.
struct NumPyPeer {
    var python: String
    var script: String

    struct Output: Decodable {
        var median_ms: Double
        var min_ms: Double
        var max_ms: Double
        var repetitions: Int
        var objective: Double
        var numpy: String
    }

    /// Whether Python with NumPy runs here; the reason when not.
    func availability() -> String? {
        guard FileManager.default.fileExists(atPath: script) else { return "\(script) not found" }
        do {
            _ = try run(["-c", "import numpy"])
            return nil
        } catch {
            return "\(python) with numpy is not available (\(error))"
        }
    }

    /// Writes X and y as .npy files and times NumPy on them, on one thread.
    func measure<T: LogitScalar>(_ data: Dataset<T>, mode: String, epochs: Int, warmup: Int, repeats: Int,
                                 directory: URL) throws -> Output {
        let x = directory.appendingPathComponent("x.npy").path
        let y = directory.appendingPathComponent("y.npy").path
        try NPYWriter.write(data.features, to: x)
        try NPYWriter.write(labels: data.labels, to: y)
        defer {
            try? FileManager.default.removeItem(atPath: x)
            try? FileManager.default.removeItem(atPath: y)
        }
        let text = try run([script, "--x", x, "--y", y, "--mode", mode, "--epochs", "\(epochs)",
                            "--warmup", "\(warmup)", "--repeats", "\(repeats)"])
        return try JSONDecoder().decode(Output.self, from: Data(text.utf8))
    }

    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerError(message: String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct PeerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message.isEmpty ? "the NumPy peer failed" : message }
    }
}
