#if Service
import Foundation
import Hummingbird
import Logit
import LogitNumerics
import NIOCore

/// The service's routes: the handlers of every endpoint, over the shared
/// ``ServiceState``. Request and response shapes are documented in docs/serve.md.
struct Endpoints: Sendable {
    let state: ServiceState

    /// Registers every route on `router`.
    func register(on router: Router<ServeContext>) {
        router.get("/") { _, _ in Self.text(WebPage.indexHTML, type: "text/html; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.text(WebPage.appJS, type: "text/javascript; charset=utf-8") }
        router.get("/style.css") { _, _ in Self.text(WebPage.styleCSS, type: "text/css; charset=utf-8") }
        router.get("/health") { _, _ in Self.json("{\"status\":\"ok\"}") }
        router.get("/ready") { _, _ in try ready() }
        router.get("/v1/model") { _, _ in try modelInfo() }
        router.post("/v1/predict") { request, _ in try await limited { try await predict(request) } }
        router.post("/v1/predict/image") { request, _ in try await limited { try await predictImage(request) } }
        router.post("/v1/monitor") { request, _ in try await limited { try await monitor(request) } }
        router.get("/v1/monitor") { _, _ in try windowReport() }
        router.post("/v1/feedback") { request, _ in try await limited { try await feedback(request) } }
        router.get("/metrics") { _, _ in metrics() }
        router.post("/admin/reload") { request, _ in try await limited { try await reload(request) } }
        router.post("/admin/rollback") { _, _ in try rollback() }
    }

    // MARK: - Responses

    /// `body` under the time limit (503 `timeout` past it, reading the body included).
    func limited(_ body: @escaping @Sendable () async throws -> Response) async throws -> Response {
        try await Deadline.run(seconds: state.configuration.timeoutSeconds, timer: state.deadlines, body)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: buffer))
    }

    static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func encoded(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var buffer = ByteBuffer()
        buffer.writeBytes(try encoder.encode(value))
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: buffer))
    }

    /// The body, up to the limit (413 above it).
    func body(_ request: Request) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: state.configuration.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw AccessMiddleware.tooLarge(state.configuration.maxBodyBytes)
        }
    }
}
#endif
