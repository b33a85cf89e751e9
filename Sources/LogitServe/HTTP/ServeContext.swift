#if Service
import Hummingbird
import Logging
import NIOCore

/// The per-request context of the service: Hummingbird's core context plus
/// the request id, the client (key name or remote address) and its scope.
public struct ServeContext: RequestContext {
    /// Hummingbird's storage (logger, endpoint path, parameters).
    public var coreContext: CoreRequestContextStorage
    /// The request's id: its `X-Request-Id` header, or one generated.
    public var requestID: String = ""
    /// Who is calling: the API key's name, or the remote address when auth is off.
    public var client: String {
        get { clientName ?? remoteAddress?.ipAddress ?? "local" }
        set { clientName = newValue }
    }
    /// Whether the caller's key has the admin scope (true when auth is off).
    public var isAdmin = false
    /// The key's name once authenticated.
    private var clientName: String?
    /// The peer, formatted only when ``client`` is read without a key name:
    /// `inet_ntop` per request was 1.5% of a 1-row prediction's time.
    private let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read by the handlers up to the service's own limit.
    public var maxUploadSize: Int { Int.max }
}
#endif
