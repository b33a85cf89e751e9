#if Service
import Hummingbird

/// An error answered as JSON, `{"error": {"code": …, "message": …}}`, with
/// its HTTP status (and headers such as `Retry-After`). Every failure of a
/// request ends as one of these: never a stack trace.
public struct ServeError: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code (`bad_request`, `unauthorized`, …).
    public var code: String
    /// What is wrong, naming the row, column, feature or option.
    public var message: String
    /// Extra response headers.
    public var headers: HTTPFields = [:]

    /// An error with `status`, `code` and `message`.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// 400 `bad_request`.
    static func badRequest(_ message: String) -> ServeError { ServeError(.badRequest, "bad_request", message) }

    /// The JSON body.
    var json: String {
        "{\"error\":{\"code\":\(JSONText.string(code)),\"message\":\(JSONText.string(message))}}"
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    /// The JSON response, outside a router.
    func response() -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: json + "\n")))
    }

    /// Any error as a ServeError: the service's own, Hummingbird's HTTP errors
    /// (404, 405, 413 …), or 500 `internal` for anything else (logged by type only).
    static func from(_ error: any Error) -> ServeError {
        switch error {
        case let error as ServeError:
            return error
        case let error as HTTPError:
            let code = switch error.status {
            case .notFound: "not_found"
            case .methodNotAllowed: "method_not_allowed"
            case .contentTooLarge: "body_too_large"
            case .badRequest: "bad_request"
            default: "http_\(error.status.code)"
            }
            return ServeError(error.status, code, error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return ServeError(.contentTooLarge, "body_too_large", "the request body is larger than the limit")
        default:
            return ServeError(.internalServerError, "internal", "internal error (\(type(of: error))); the request id is in the logs")
        }
    }
}
#endif
