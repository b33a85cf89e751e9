#if Service
import ArgumentParser
import Dispatch
import Foundation
import Logit
import Logging
import LogitServe
import Synchronization

/// `logit serve`: the prediction and monitoring HTTP service (LogitServe), a
/// thin command over ``LogitService/run(_:logger:onServerRunning:)``.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a model over HTTP: predictions, drift monitoring, feedback, Prometheus metrics, reload and rollback.",
        discussion: """
            With no --model, serves the embedded Raisin model (trained once and cached).
            Without --api-keys, authentication is off: allowed only on a loopback --host (a warning is logged),
            or anywhere with --no-auth. SIGHUP reloads the model and key file; SIGTERM/SIGINT stop gracefully.
            """)

    @Option(help: ArgumentHelp("The model: a model file, 'latest', a run id or a run name (default: the embedded Raisin model).",
                               valueName: "model"))
    var model: String?

    @Option(help: ArgumentHelp("The MLflow tracking folder where 'latest' and run ids are looked up.", valueName: "dir"))
    var track: String = ArgumentRewriter.defaultTrackingDirectory

    @Option(help: "Address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    @Option(help: "TCP port (0: any free port, printed at start-up).")
    var port = 8080

    @Option(name: .customLong("api-keys"), help: ArgumentHelp("API-key file (from `logit keys create`): requests need 'Authorization: Bearer KEY'.",
                                                              valueName: "file"))
    var apiKeys: String?

    @Flag(name: .customLong("no-auth"), help: "Serve without authentication on a non-loopback --host (not recommended).")
    var noAuth = false

    @Option(name: .customLong("max-body"), help: ArgumentHelp("Largest request body (e.g. 50MB, 512KB, 1000000).", valueName: "size"))
    var maxBody = "50MB"

    @Option(name: .customLong("max-rows"), help: "Most rows in one predict or monitor request.")
    var maxRows = 10_000

    @Option(name: .customLong("rate-limit"), help: ArgumentHelp("Requests per second per key (or per address without keys), e.g. 100/s; 'off' for none.",
                                                                valueName: "rate"))
    var rateLimit = "100/s"

    @Option(help: ArgumentHelp("Longest time a request may take (e.g. 10s, 500ms); 503 after.", valueName: "time"))
    var timeout = "10s"

    @Option(help: "Most rows in the drift window (the latest predicted rows).")
    var window = 10_000

    @Option(name: .customLong("window-max-age"), help: ArgumentHelp("Drop window rows older than this (e.g. 1h, 600s).", valueName: "time"))
    var windowMaxAge: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("Lowest log level written (JSON lines on standard error): trace, debug, info (one line per request), notice, warning, error.",
                                                                valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
            throw ValidationError("--log-level \(logLevel) must be trace, debug, info, notice, warning, error or critical")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) must be 0–65535") }
        guard maxRows >= 1 else { throw ValidationError("--max-rows \(maxRows) must be ≥ 1") }
        guard window >= 1 else { throw ValidationError("--window \(window) must be ≥ 1") }
        _ = try Self.bytes(maxBody, option: "--max-body")
        _ = try Self.rate(rateLimit)
        _ = try Self.seconds(timeout, option: "--timeout")
        if let windowMaxAge { _ = try Self.seconds(windowMaxAge, option: "--window-max-age") }
        if apiKeys == nil && !noAuth && !Self.isLoopback(host) {
            throw ValidationError("--host \(host) is reachable from other machines: give --api-keys FILE (see `logit keys create`), or --no-auth to serve without authentication")
        }
    }

    func run() throws {
        let modelSpecification = try model ?? Self.defaultModel()
        var configuration = ServeConfiguration(model: modelSpecification)
        configuration.host = host
        configuration.port = port
        configuration.trackingDirectory = track
        configuration.apiKeysPath = apiKeys
        configuration.maxBodyBytes = try Self.bytes(maxBody, option: "--max-body")
        configuration.maxRows = maxRows
        configuration.rateLimit = try Self.rate(rateLimit)
        configuration.timeoutSeconds = try Self.seconds(timeout, option: "--timeout")
        configuration.window = window
        configuration.windowMaxAge = try windowMaxAge.map { try Self.seconds($0, option: "--window-max-age") }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let sendable = configuration
        let level = Logger.Level(rawValue: logLevel) ?? .info
        Task {
            do {
                try await LogitService.run(sendable, logger: LogitService.makeLogger(level: level)) { host, port in
                    FileHandle.standardError.write(Data("logit serve: listening on http://\(host):\(port)\n".utf8))
                }
            } catch {
                outcome.error.withLock { $0 = "\(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = outcome.error.withLock({ $0 }) { throw CLIError(message) }
    }

    /// The error the service stopped with, handed from its task to the command.
    final class Outcome: Sendable {
        let error = Mutex<String?>(nil)
    }

    /// The embedded Raisin model, trained once into the cache folder
    /// (`$XDG_CACHE_HOME/logit` or `~/.cache/logit`, per engine version).
    static func defaultModel() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.cache" } ?? NSTemporaryDirectory())
        let folder = "\(cache)/logit/raisin-\(EngineVersion.current)"
        let path = folder + "/model.json"
        if (try? ModelFile.read(from: path)) != nil { return path }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create the model cache folder \(folder): \(error.localizedDescription)")
        }
        FileHandle.standardError.write(Data("logit serve: no --model: training the embedded Raisin model into \(path)\n".utf8))
        let train = try TrainCommand.parse(["--output", path, "--quiet"])
        try train.run()
        return path
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `50MB`, `512KB`, `1GB` (powers of 1024) or a byte count.
    static func bytes(_ text: String, option: String) throws -> Int {
        let upper = text.uppercased().trimmingCharacters(in: .whitespaces)
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, scale) in units where upper.hasSuffix(suffix) {
            if let value = Double(upper.dropLast(suffix.count)), value >= 1, value * Double(scale) < 1e15 {
                return Int(value * Double(scale))
            }
            throw ValidationError("\(option) \(text) is not a size such as 50MB, 512KB or 1000000")
        }
        guard let value = Int(upper), value >= 1 else {
            throw ValidationError("\(option) \(text) is not a size such as 50MB, 512KB or 1000000")
        }
        return value
    }

    /// `100/s`, `6000/min`, `100` (per second) or `off`.
    static func rate(_ text: String) throws -> Double? {
        let lower = text.lowercased()
        if lower == "off" || lower == "none" || lower == "0" { return nil }
        var number = Substring(lower), per = 1.0
        if let slash = lower.firstIndex(of: "/") {
            number = lower[..<slash]
            switch lower[lower.index(after: slash)...] {
            case "s", "sec", "second": per = 1
            case "m", "min", "minute": per = 60
            case "h", "hour": per = 3600
            default: throw ValidationError("--rate-limit \(text): the unit after '/' must be s, min or h")
            }
        }
        guard let value = Double(number), value > 0, value.isFinite else {
            throw ValidationError("--rate-limit \(text) is not a rate such as 100/s, 6000/min or off")
        }
        return value / per
    }

    /// `10s`, `500ms`, `2m`, `1h` or seconds.
    static func seconds(_ text: String, option: String) throws -> Double {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        var value: Double?
        for (suffix, scale) in units where lower.hasSuffix(suffix) {
            value = Double(lower.dropLast(suffix.count)).map { $0 * scale }
            break
        }
        if value == nil { value = Double(lower) }
        guard let value, value > 0, value.isFinite else {
            throw ValidationError("\(option) \(text) is not a time such as 10s, 500ms or 2m")
        }
        return value
    }
}
#endif
