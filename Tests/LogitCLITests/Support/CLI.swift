import Foundation
import Testing

/// Runs the built `logit` executable, which SwiftPM puts next to the test
/// bundle in the build products folder (`LOGIT_EXECUTABLE` overrides it).
enum CLI {
    /// What one run printed and returned.
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }

        /// Standard output parsed as one JSON object.
        func json() throws -> [String: Any] {
            guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any] else {
                throw CLIFailure("stdout is not a JSON object: \(stdout.prefix(200))")
            }
            return object
        }

        /// Standard error says nothing a user should not see: no crash, no
        /// stack trace, no Swift runtime message.
        var hasNoStackTrace: Bool {
            !["Fatal error", "Stack dump", "stack trace", "Backtrace", "Segmentation", "Illegal instruction",
              "Current stack"].contains { stderr.contains($0) }
        }
    }

    struct CLIFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The executable's path.
    static let executable: String = {
        if let path = ProcessInfo.processInfo.environment["LOGIT_EXECUTABLE"], !path.isEmpty { return path }
        var folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("logit").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("logit").path
        return bundle
    }()

    /// Runs `logit arguments…` in `directory` with `input` on standard input.
    @discardableResult
    static func run(_ arguments: [String], in directory: String? = nil, input: Data? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("logit-cli-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path, errPath = scratch.appendingPathComponent("err").path
        let inPath = scratch.appendingPathComponent("in").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: input ?? Data())

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "LOGIT_BACKEND")
        env.removeValue(forKey: "LOGIT_THREADS")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdout = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let stderr = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let stdin = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        process.waitUntilExit()
        try stdout.close()
        try stderr.close()
        try stdin.close()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// The embedded Raisin CSV, as shipped in the Logit resources.
    static var raisinCSV: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Logit/Resources/Raisin/Raisin_Dataset.csv").path
    }
}

/// A fresh temporary folder for one test, removed when released.
final class Workspace {
    let path: String

    init() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("logit-cli-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        _ = FileManager.default.createFile(atPath: file(name), contents: Data(text.utf8))
        return file(name)
    }

    func read(_ name: String) -> String { (try? String(contentsOfFile: file(name), encoding: .utf8)) ?? "" }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    /// Runs `logit` in this folder.
    @discardableResult
    func logit(_ arguments: String..., input: Data? = nil) throws -> CLI.Result {
        try CLI.run(arguments, in: path, input: input)
    }

    /// Runs `logit` in this folder with an argument list.
    @discardableResult
    func logit(arguments: [String], input: Data? = nil) throws -> CLI.Result {
        try CLI.run(arguments, in: path, input: input)
    }
}
