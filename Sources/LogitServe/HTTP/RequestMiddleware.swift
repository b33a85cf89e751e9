#if Service
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The outermost middleware: gives every request an id (its valid
/// `X-Request-Id`, or a new one) echoed in the response, turns every error
/// into a JSON error response, enforces the time limit (503), records the
/// request count and latency per route and status, and logs one JSON line
/// per request (method, route, status, time, client; never a body or a
/// feature value).
struct RequestMiddleware: RouterMiddleware {
    typealias Context = ServeContext
    let state: ServiceState

    func handle(_ request: Request, context: ServeContext,
                next: (Request, ServeContext) async throws -> Response) async throws -> Response {
        let start = ServiceState.now()
        var context = context
        context.requestID = Self.requestID(request.headers.value(.xRequestID)) ?? state.newRequestID()
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let serveError = ServeError.from(error)
            if serveError.status == .internalServerError {
                state.logger.error("request failed", metadata: ["request_id": .string(context.requestID),
                                                                "error_type": .string(String(describing: type(of: error)))])
            }
            response = serveError.response()
        }
        response.headers[.xRequestID] = context.requestID
        let elapsed = ServiceState.now() &- start
        let route = context.endpointPath ?? "unmatched"
        state.metrics.request(route: route, method: request.method.rawValue, status: response.status.code,
                              nanoseconds: Int64(elapsed))
        state.logger.info("request", metadata: [
            "request_id": .string(context.requestID), "method": .string(request.method.rawValue),
            "route": .string(route), "status": .stringConvertible(response.status.code),
            "ms": .string(String(format: "%.3f", Double(elapsed) / 1e6)), "client": .string(context.client),
        ])
        return response
    }

    /// The caller's id when it is 1–128 printable ASCII characters without
    /// spaces, else nil (the service then makes one: ``ServiceState/newRequestID()``).
    static func requestID(_ given: String?) -> String? {
        if let given, !given.isEmpty, given.utf8.count <= 128, given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return given
        }
        return nil
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    static let xRequestID = HTTPField.Name("X-Request-Id")!
}
#endif
