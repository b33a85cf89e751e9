import Foundation

/// Runs another program to completion and times it from launch to exit: the
/// whole-process job rows measure what a user waits for (start-up and file
/// loading included), never only the compute inside.
enum ChildProcess {
    /// What a finished child printed and how long it ran.
    struct Outcome: Sendable {
        /// Wall-clock time from launch to exit, in milliseconds.
        var milliseconds: Double
        /// Everything it wrote to standard output.
        var output: Data
    }

    /// Runs `executable` with `arguments` and BLAS limited to one thread
    /// (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS, MKL_NUM_THREADS = 1).
    ///
    /// - Throws: ``Failure`` naming the command and quoting its standard error
    ///   when it cannot start or exits with a non-zero status.
    static func run(_ executable: String, _ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
        process.environment = environment
        // Standard error goes to a file so a chatty child can never block on a full pipe.
        let errorPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("logit-bench-stderr-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer { try? errors.close() }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let command = ([executable] + arguments).joined(separator: " ")
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try process.run()
        } catch {
            throw Failure(message: "cannot run \(command): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = Samples.ms(clock.now - start)
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            let tail = message.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").suffix(5)
                .joined(separator: "\n")
            throw Failure(message: "\(command) exited with status \(process.terminationStatus)\(tail.isEmpty ? "" : ": \(tail)")")
        }
        return Outcome(milliseconds: elapsed, output: data)
    }

    /// A child that could not run or failed.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
