#if Service
import Foundation
import Hummingbird
import Logit
import LogitNumerics
import NIOCore

/// `GET /metrics`, `POST /admin/reload` and `POST /admin/rollback`.
extension Endpoints {
    func metrics() -> Response {
        if let monitor = state.models.current?.monitor {
            let window = try? monitor.report()
            state.metrics.drift(report: window, windowRows: monitor.windowCount, labelled: window?.quality)
        }
        return Self.text(state.metrics.render(), type: "text/plain; version=0.0.4; charset=utf-8")
    }

    struct ReloadBody: Decodable { var model: String? }

    func reload(_ request: Request) async throws -> Response {
        let body = try await body(request)
        var specification: String?
        if body.readableBytes > 0 {
            do {
                specification = try JSONDecoder().decode(ReloadBody.self, from: Data(body.readableBytesView)).model
            } catch let error as DecodingError {
                throw ServeError.badRequest("invalid reload JSON: \(RequestRows.describe(error)); send {\"model\": \"path\"} or nothing")
            }
        }
        do {
            let (loaded, old) = try state.reload(model: specification)
            return Self.json("{\"model_version\":\(JSONText.string(loaded.version)),\"previous_version\":\(old.map { JSONText.string($0.version) } ?? "null")}")
        } catch let error as ServeError {
            throw error
        } catch {
            state.logger.warning("reload failed; the old model keeps serving", metadata: ["error": .string("\(error)")])
            throw ServeError(.badRequest, "reload_failed", "the model did not load, the old one keeps serving: \(error)")
        }
    }

    func rollback() throws -> Response {
        let (current, previous) = try state.rollback()
        return Self.json("{\"model_version\":\(JSONText.string(current.version)),\"previous_version\":\(JSONText.string(previous.version))}")
    }
}
#endif
