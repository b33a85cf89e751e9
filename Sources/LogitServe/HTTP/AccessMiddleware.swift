#if Service
import Hummingbird
import NIOCore

/// Authentication, authorization, rate limit, body limit and time limit,
/// in that order: 401 without a valid `Authorization: Bearer KEY` (when a
/// key file is configured), 403 for a non-admin key on `/admin/*`, 429 with
/// `Retry-After` past the client's rate, 413 for a declared body over the
/// limit (the time limit, 503, is the handlers': see ``Deadline``). The web page's files and `/health` need
/// no key.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let state: ServiceState

    /// Paths anyone may fetch.
    static let publicPaths: Set<String> = ["/", "/app.js", "/style.css", "/health", "/ready"]

    func handle(_ request: Request, context: ServeContext,
                next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.publicPaths.contains(path) { return try await next(request, context) }
        var context = context
        if state.authenticationEnabled {
            guard let header = request.headers.value(.authorization) else {
                throw ServeError(.unauthorized, "unauthorized", "missing 'Authorization: Bearer KEY' header",
                                 headers: [.wwwAuthenticate: "Bearer"])
            }
            let prefix = "Bearer "
            guard header.count > prefix.count, header.prefix(prefix.count).lowercased() == prefix.lowercased() else {
                throw ServeError(.unauthorized, "unauthorized", "the Authorization header must be 'Bearer KEY'",
                                 headers: [.wwwAuthenticate: "Bearer"])
            }
            guard let key = state.key(for: header.dropFirst(prefix.count).trimmingSpaces) else {
                throw ServeError(.unauthorized, "unauthorized", "unknown API key",
                                 headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
            }
            context.client = key.name
            context.isAdmin = key.isAdmin
        } else {
            context.isAdmin = true
        }
        if path.hasPrefix("/admin/") && !context.isAdmin {
            throw ServeError(.forbidden, "forbidden", "the key '\(context.client)' has no admin scope")
        }
        if let limiter = state.limiter, let wait = limiter.take(context.client, now: ServiceState.now()) {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw ServeError(.tooManyRequests, "rate_limited",
                             "more than \(Self.rate(limiter.rate)) requests a second for '\(context.client)'; retry in \(seconds) s",
                             headers: [.retryAfter: String(seconds)])
        }
        if let length = request.headers.value(.contentLength).flatMap({ Int($0) }), length > state.configuration.maxBodyBytes {
            throw Self.tooLarge(state.configuration.maxBodyBytes)
        }
        return try await next(request, context)
    }

    static func rate(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// 413 naming the limit.
    static func tooLarge(_ limit: Int) -> ServeError {
        ServeError(.contentTooLarge, "body_too_large", "the request body is larger than the limit of \(limit) bytes (--max-body)")
    }
}
#endif
