#if Service
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import logit

/// `logit keys create` and `logit serve` as a user runs them: a real process
/// on 127.0.0.1 (port 0: a free port, read from its start-up line), a
/// prediction over HTTP, SIGHUP reload, and SIGTERM ending it with status 0.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeCommandTests {
    @Test func keysCreatePrintsTheKeyOnceAndRefusesDuplicates() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logit-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let created = try CLI.run(["keys", "create", "alice", "--admin", "--file", folder + "/keys.txt"])
        #expect(created.status == 0, "\(created)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.hasPrefix("lk_"))
        let text = try String(contentsOfFile: folder + "/keys.txt", encoding: .utf8)
        #expect(text.hasPrefix("alice admin "))
        #expect(!text.contains(key))
        let again = try CLI.run(["keys", "create", "alice", "--file", folder + "/keys.txt"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("a key named 'alice' already exists"), "\(again)")
    }

    @Test func limitOptionsParse() throws {
        #expect(try ServeCommand.bytes("50MB", option: "--max-body") == 50 * 1024 * 1024)
        #expect(try ServeCommand.bytes("512kb", option: "--max-body") == 512 * 1024)
        #expect(try ServeCommand.bytes("1000", option: "--max-body") == 1000)
        #expect(throws: (any Error).self) { try ServeCommand.bytes("lots", option: "--max-body") }
        #expect(throws: (any Error).self) { try ServeCommand.bytes("0MB", option: "--max-body") }
        #expect(try ServeCommand.rate("100/s") == 100)
        #expect(try ServeCommand.rate("6000/min") == 100)
        #expect(try ServeCommand.rate("off") == nil)
        #expect(throws: (any Error).self) { try ServeCommand.rate("100/fortnight") }
        #expect(throws: (any Error).self) { try ServeCommand.rate("-5/s") }
        #expect(try ServeCommand.seconds("10s", option: "--timeout") == 10)
        #expect(try ServeCommand.seconds("500ms", option: "--timeout") == 0.5)
        #expect(try ServeCommand.seconds("2m", option: "--timeout") == 120)
        #expect(try ServeCommand.seconds("1h", option: "--timeout") == 3600)
        #expect(throws: (any Error).self) { try ServeCommand.seconds("soon", option: "--timeout") }
        #expect(ServeCommand.isLoopback("127.0.0.1") && ServeCommand.isLoopback("localhost"))
        #expect(!ServeCommand.isLoopback("0.0.0.0"))
    }

    @Test func publicHostWithoutKeysIsRefused() throws {
        let result = try CLI.run(["serve", "--host", "0.0.0.0", "--model", "nothing.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--api-keys"), "\(result)")
        #expect(result.hasNoStackTrace)
    }

    @Test func serveAnswersReloadsOnHangupAndStopsOnTerm() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logit-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let trained = try CLI.run(["train", "--output", folder + "/model.json", "--quiet"])
        #expect(trained.status == 0, "\(trained)")
        let key = try CLI.run(["keys", "create", "svc", "--file", folder + "/keys.txt"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["serve", "--model", folder + "/model.json", "--port", "0", "--api-keys", folder + "/keys.txt"]
        let errPath = folder + "/err.log"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        func log() -> String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }
        // wait (at most 60 s) for "listening on http://127.0.0.1:PORT"
        var port: Int?
        for _ in 0..<600 where port == nil {
            if let range = log().range(of: "listening on http://127.0.0.1:") {
                port = Int(log()[range.upperBound...].prefix { $0.isNumber })
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let bound = try #require(port, "no start-up line: \(log())")

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(bound)/v1/predict")!)
        request.httpMethod = "POST"
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"rows": [[87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0]]}"#.utf8)
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((object?["predictions"] as? [[String: Any]])?.count == 1)

        // SIGHUP reloads the model (a second "model loaded" line)
        kill(process.processIdentifier, SIGHUP)
        for _ in 0..<100 where log().components(separatedBy: "\"model loaded\"").count < 3 {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(log().components(separatedBy: "\"model loaded\"").count == 3, "\(log())")

        // SIGTERM: graceful stop, exit 0
        process.terminate()
        for _ in 0..<300 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0, "\(log())")
        #expect(!log().contains(key))  // the key is never logged
    }
}
#endif
