#if Service
import Dispatch
import Foundation
import Logging
import Logit
import Synchronization

/// Everything the service's requests share: the configuration, the model
/// holder, the API keys, the rate limiter, the metrics and the prediction-id
/// counter. Thread-safe; no global state.
public final class ServiceState: Sendable {
    /// How the service runs.
    public let configuration: ServeConfiguration
    /// The model serving now and the one before.
    public let models = ModelHolder()
    /// The structured logger.
    public let logger: Logger
    let metrics = ServiceMetrics()
    let limiter: RateLimiter?
    private let keyFile: Mutex<APIKeyFile?>
    /// The next prediction id (ids start at a random multiple of 2²⁰ below
    /// 2⁵², so ids of a restarted service do not repeat the old ones' and
    /// stay exact in JavaScript).
    private let nextID: Atomic<UInt64>
    /// Every in-flight request's time limit, on one timer.
    let deadlines = DeadlineTimer()
    /// Request ids: a per-process random key and a counter (see ``newRequestID()``).
    private let requestIDKey: (prefix: UInt32, mask: UInt64)
    private let requestCount = Atomic<UInt64>(0)
    /// Serializes reloads (a reload is slow; two at once would race to install).
    private let reloading = Mutex(false)

    /// State for `configuration`, with its key file read (no model yet: see ``reload(model:)``).
    ///
    /// - Throws: ``ServeSetupError`` for an unreadable or malformed key file.
    public init(configuration: ServeConfiguration, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        keyFile = Mutex(try configuration.apiKeysPath.map { try APIKeyFile(contentsOf: $0) })
        limiter = configuration.rateLimit.map { RateLimiter(rate: $0, burst: configuration.rateBurst) }
        nextID = Atomic(UInt64.random(in: 1..<(1 << 32)) << 20)
        requestIDKey = (UInt32.random(in: .min ... .max), UInt64.random(in: .min ... .max))
    }

    /// A new request id: 24 lowercase hex digits, unique in this process and
    /// unlikely to repeat across processes.
    ///
    /// The first 8 digits are a random per-process prefix; the last 16 are a
    /// counter XOR a random key, through a bijective mixer (SplitMix64's
    /// finalizer), so two requests of one process never share an id and ids do
    /// not read as a plain count (they are not secrets: the mixer is public and
    /// invertible). Unlike a fresh random draw per
    /// request, it makes no system call (12 `getrandom` calls a request were 3%
    /// of a 1-row prediction's time).
    func newRequestID() -> String {
        let n = requestCount.add(1, ordering: .relaxed).oldValue
        var z = n ^ requestIDKey.mask
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        z ^= z >> 31
        return Hex.encode(requestIDKey.prefix, z)
    }

    /// Whether requests need a key.
    public var authenticationEnabled: Bool { configuration.apiKeysPath != nil }

    /// The key whose secret is `secret` (nil: unknown).
    func key(for secret: Substring) -> APIKey? {
        let file = keyFile.withLock { $0 }
        return file?.key(for: secret.utf8)
    }

    /// Reserves `count` consecutive prediction ids; returns the first.
    func reserveIDs(_ count: Int) -> UInt64 {
        nextID.add(UInt64(count), ordering: .relaxed).oldValue
    }

    /// Loads `model` (default: the configured reference again), validates it,
    /// and serves it; re-reads the key file too. On any failure the old model
    /// (and keys) keep serving.
    ///
    /// - Returns: (new, replaced).
    /// - Throws: the load error (``ServingError``, ``ModelFileError``, ``DataError``, ``ServeSetupError``).
    @discardableResult
    public func reload(model: String? = nil) throws -> (LoadedModel, LoadedModel?) {
        guard reloading.withLock({ busy in
            if busy { return false }
            busy = true
            return true
        }) else {
            throw ServeError(.conflict, "reload_in_progress", "another reload is in progress; try again")
        }
        defer { reloading.withLock { $0 = false } }
        let keys = try configuration.apiKeysPath.map { try APIKeyFile(contentsOf: $0) }
        let loaded = try LoadedModel(specification: model ?? configuration.model,
                                     trackingDirectory: configuration.trackingDirectory,
                                     window: configuration.window, maxAge: configuration.windowMaxAge,
                                     imageLimits: configuration.imageLimits,
                                     imageCacheEntries: configuration.imageCacheEntries)
        if let keys { keyFile.withLock { $0 = keys } }
        let old = models.install(loaded)
        metrics.modelServing(version: loaded.version, name: loaded.name)
        logger.info("model loaded", metadata: ["model_version": .string(loaded.version), "model": .string(loaded.name),
                                               "previous_version": .string(old?.version ?? "none")])
        return (loaded, old)
    }

    /// Serves an already loaded model (tests, and the first load).
    public func install(_ model: LoadedModel) {
        models.install(model)
        metrics.modelServing(version: model.version, name: model.name)
    }

    /// Goes back to the previous model.
    ///
    /// - Throws: ``ServeError`` 409 when there is none.
    @discardableResult
    public func rollback() throws -> (LoadedModel, LoadedModel) {
        guard let swapped = models.rollback() else {
            throw ServeError(.conflict, "no_previous_model", "there is no previous model to roll back to")
        }
        metrics.modelServing(version: swapped.current.version, name: swapped.current.name)
        logger.info("model rolled back", metadata: ["model_version": .string(swapped.current.version),
                                                    "previous_version": .string(swapped.previous.version)])
        return swapped
    }

    /// The model serving now, or 503 `not_ready`.
    func currentModel() throws -> LoadedModel {
        guard let model = models.current else {
            throw ServeError(.serviceUnavailable, "not_ready", "no model is loaded yet")
        }
        return model
    }

    /// Uptime nanoseconds.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
#endif
