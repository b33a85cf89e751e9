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
    public var client: String
    /// Whether the caller's key has the admin scope (true when auth is off).
    public var isAdmin = false

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Bodies are read by the handlers up to the service's own limit.
    public var maxUploadSize: Int { Int.max }
}
#endif
