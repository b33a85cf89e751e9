#if Service
import LogitImages

/// How `logit serve` runs: where it listens, which model it serves, and its
/// limits. Every limit is on by default.
public struct ServeConfiguration: Sendable {
    /// The address to bind (default loopback only).
    public var host = "127.0.0.1"
    /// The TCP port (0: any free port).
    public var port = 8080
    /// The most connections waiting to be accepted (`listen`'s backlog; the kernel caps it at
    /// `net.core.somaxconn`). Hummingbird's default of 256 dropped connection attempts when
    /// 600 clients connected at once: each dropped one waited for TCP's 1 s SYN retry.
    public var backlog = 4096
    /// The model reference (path, `latest`, run id or name; see `ModelReference`).
    public var model: String
    /// The tracking folder for run references.
    public var trackingDirectory = "mlruns"
    /// The API-key file (nil: no authentication).
    public var apiKeysPath: String?
    /// The largest request body, bytes (413 above).
    public var maxBodyBytes = 50 * 1024 * 1024
    /// The most rows in one predict or monitor request (400 above).
    public var maxRows = 10_000
    /// Requests per second per client (nil: no limit; 429 above).
    public var rateLimit: Double? = 100
    /// The burst allowed above the rate (default: one second's worth).
    public var rateBurst: Double?
    /// The longest a request may take, seconds (503 after).
    public var timeoutSeconds = 10.0
    /// The most rows in the drift window.
    public var window = 10_000
    /// The oldest a window row may be, seconds (nil: no age limit).
    public var windowMaxAge: Double?
    /// Limits on uploaded images (`/v1/predict/image`): 50 MB per file,
    /// 10–5000 pixels a side by default.
    public var imageLimits = ImageLimits.standard
    /// The most image answers cached by content hash per model (0: none).
    public var imageCacheEntries = 1024

    /// A configuration serving `model` with the defaults.
    public init(model: String) { self.model = model }
}
#endif
