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
        try await Deadline.run(seconds: state.configuration.timeoutSeconds, body)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
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

    // MARK: - Model

    func ready() throws -> Response {
        guard let model = state.models.current else {
            return Self.json("{\"status\":\"loading\"}", status: .serviceUnavailable)
        }
        return Self.json("{\"status\":\"ready\",\"model_version\":\(JSONText.string(model.version))}")
    }

    /// `GET /v1/model`.
    struct ModelInfo: Encodable {
        var name: String
        var version: String
        var path: String
        var run_id: String?
        var classes: [String]
        var features: [String]
        var label_column: String?
        var precision: String
        var created_at: String
        var engine_version: String
        var training_rows: Int
        var metrics: ModelFile.Metrics?
        var has_reference: Bool
        var loaded_at: String
        var previous_version: String?
        /// For a model trained on images: its preprocessing (`/v1/predict/image` takes files).
        var image: ImagePreprocessing?
    }

    func modelInfo() throws -> Response {
        let model = try state.currentModel()
        let file = model.file
        return try Self.encoded(ModelInfo(
            name: model.name, version: model.version, path: model.reference.path, run_id: model.reference.runID,
            classes: file.classNames, features: file.featureNames, label_column: file.labelColumn,
            precision: file.precision, created_at: file.createdAt, engine_version: file.engineVersion,
            training_rows: file.trainingStatistics.rows, metrics: file.metrics, has_reference: model.monitor != nil,
            loaded_at: ISO8601DateFormatter().string(from: model.loadedAt),
            previous_version: state.models.previous?.version, image: file.imagePreprocessing))
    }

    // MARK: - Predict

    /// `POST /v1/predict`: labels and probabilities per row, recorded in the drift window.
    func predict(_ request: Request) async throws -> Response {
        let model = try state.currentModel()  // this request's model, whatever reloads happen meanwhile
        let body = try await body(request)
        let rows = try RequestRows.parse(body, contentType: request.headers[.contentType],
                                         query: { request.uri.queryParameters.get($0) }, file: model.file,
                                         maxRows: state.configuration.maxRows)
        let scored: ModelScorer<Double>.Scores
        do {
            scored = try model.scorer.score(rows.features, threshold: rows.threshold)
        } catch let error as ServingError {
            throw ServeError.badRequest(error.message)
        }
        let n = rows.features.rows, d = rows.features.columns, k = scored.probabilities.columns
        let classes = model.file.classNames
        let firstID = state.reserveIDs(n)
        var counts = [Int](repeating: 0, count: k)
        var out = "{\"model_version\":\(JSONText.string(model.version)),\"predictions\":["
        out.reserveCapacity(64 + n * (48 + k * 40))
        // class names as JSON once per request, not per row
        let classKeys = classes.map { JSONText.string($0) }
        let explanationEncoder = JSONEncoder()
        explanationEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try rows.features.withUnsafeBufferPointer { x in
            try scored.probabilities.withUnsafeBufferPointer { p in
                for i in 0..<n {
                    let probabilities = UnsafeBufferPointer(rebasing: p[(i * k)..<(i * k + k)])
                    guard probabilities.allSatisfy(\.isFinite) else {
                        throw ServeError.badRequest("row \(i): the class probabilities are not finite: the features are too large for this model's weights")
                    }
                    let id = firstID &+ UInt64(i)
                    model.monitor?.record(row: UnsafeBufferPointer(rebasing: x[(i * d)..<(i * d + d)]),
                                          probabilities: probabilities, id: id)
                    let label = scored.labels[i]
                    counts[label] += 1
                    if i > 0 { out += "," }
                    out += "{\"id\":\"\(id)\",\"label\":\(classKeys[label]),\"probabilities\":{"
                    for c in 0..<k {
                        if c > 0 { out += "," }
                        out += classKeys[c] + ":" + JSONText.number(probabilities[c])
                    }
                    out += "}"
                    if rows.explain {
                        let row = try model.explanation.explain(Array(x[(i * d)..<(i * d + d)]), index: i, line: nil,
                                                                source: "request", trueClass: nil,
                                                                model: model.scorer.model)
                        out += ",\"explanation\":" + String(decoding: try explanationEncoder.encode(row), as: UTF8.self)
                    }
                    out += "}"
                }
            }
        }
        out += "]}"
        state.metrics.predictions(classes: classes, counts: counts)
        return Self.json(out)
    }

    // MARK: - Monitor

    /// `POST /v1/monitor`.
    struct MonitorResponse: Encodable {
        var model_version: String
        var rows: Int
        var report: DriftReport
        var window: DriftReport?
        var window_rows: Int
    }

    /// `GET /v1/monitor`.
    struct WindowResponse: Encodable {
        var model_version: String
        var window_rows: Int
        var recorded: Int
        var labelled: Int
        var window: DriftReport?
    }

    func monitorOf(_ model: LoadedModel) throws -> DriftMonitor {
        guard let monitor = model.monitor else {
            throw ServeError(.conflict, "no_reference", model.monitorUnavailable ?? "no drift monitor")
        }
        return monitor
    }

    func monitor(_ request: Request) async throws -> Response {
        let model = try state.currentModel()
        let monitor = try monitorOf(model)
        let body = try await body(request)
        let rows = try RequestRows.parse(body, contentType: request.headers[.contentType],
                                         query: { request.uri.queryParameters.get($0) }, file: model.file,
                                         maxRows: state.configuration.maxRows)
        let labels = try rows.labels.map { try classIndices($0, classes: model.file.classNames) }
        let probabilities = try model.scorer.score(rows.features).probabilities
        let report: DriftReport
        do {
            report = try rows.features.withUnsafeBufferPointer { x in
                try DriftReport(reference: monitor.reference, current: x, rows: rows.features.rows, labels: labels,
                                probabilities: probabilities.elements)
            }
        } catch let error as DataError {
            throw ServeError.badRequest(error.description)
        }
        return try Self.encoded(MonitorResponse(model_version: model.version, rows: rows.features.rows, report: report,
                                                window: try? monitor.report(), window_rows: monitor.windowCount))
    }

    func classIndices(_ labels: [String], classes: [String]) throws -> [Int] {
        var index = [String: Int]()
        for (c, name) in classes.enumerated() { index[name] = c }
        return try labels.enumerated().map { i, name in
            guard let c = index[name.trimmingCharacters(in: .whitespaces)] else {
                throw ServeError.badRequest("row \(i): label '\(MessageText.shortened(name, to: 60))' is not one of the model's classes (\(classes.joined(separator: ", ")))")
            }
            return c
        }
    }

    func windowReport() throws -> Response {
        let model = try state.currentModel()
        let monitor = try monitorOf(model)
        let window = try? monitor.report()
        state.metrics.drift(report: window, windowRows: monitor.windowCount, labelled: window?.quality)
        return try Self.encoded(WindowResponse(model_version: model.version, window_rows: monitor.windowCount,
                                               recorded: monitor.totalRecorded,
                                               labelled: window?.quality?.current.rows ?? 0, window: window))
    }

    // MARK: - Feedback

    /// `POST /v1/feedback` body.
    struct FeedbackBody: Decodable {
        struct Item: Decodable {
            var id: String
            var label: String

            enum CodingKeys: String, CodingKey { case id, label }

            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                if let text = try? c.decode(String.self, forKey: .id) {
                    id = text
                } else {
                    id = String(try c.decode(UInt64.self, forKey: .id))
                }
                label = try c.decode(String.self, forKey: .label)
            }
        }

        var feedback: [Item]
    }

    /// `POST /v1/feedback` response.
    struct FeedbackResponse: Encodable {
        var accepted: Int
        var unknown: [String]
        var quality: LiveQuality.Scores?
    }

    func feedback(_ request: Request) async throws -> Response {
        let model = try state.currentModel()
        let monitor = try monitorOf(model)
        let body = try await body(request)
        let decoded: FeedbackBody
        do {
            decoded = try JSONDecoder().decode(FeedbackBody.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServeError.badRequest("invalid feedback JSON: \(RequestRows.describe(error)); send {\"feedback\": [{\"id\": \"…\", \"label\": \"…\"}]}")
        }
        guard decoded.feedback.count <= state.configuration.maxRows else {
            throw ServeError.badRequest("\(decoded.feedback.count) feedback items: more than the limit of \(state.configuration.maxRows)")
        }
        let classes = model.file.classNames
        var parsed = [(UInt64, Int)]()
        for (i, item) in decoded.feedback.enumerated() {
            guard let id = UInt64(item.id) else {
                throw ServeError.badRequest("feedback[\(i)]: id '\(MessageText.shortened(item.id, to: 40))' is not a prediction id")
            }
            guard let c = classes.firstIndex(of: item.label) else {
                throw ServeError.badRequest("feedback[\(i)]: label '\(MessageText.shortened(item.label, to: 60))' is not one of the model's classes (\(classes.joined(separator: ", ")))")
            }
            parsed.append((id, c))
        }
        var accepted = 0, unknown = [String]()
        // predictions made before a reload or rollback are in the other model's window
        let other = state.models.previous?.monitor
        for (id, c) in parsed {
            if monitor.recordLabel(c, for: id) || other?.recordLabel(c, for: id) == true {
                accepted += 1
            } else {
                unknown.append(String(id))
            }
        }
        let window = try? monitor.report()
        state.metrics.drift(report: window, windowRows: monitor.windowCount, labelled: window?.quality)
        return try Self.encoded(FeedbackResponse(accepted: accepted, unknown: unknown, quality: window?.quality?.current))
    }

    // MARK: - Metrics and admin

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
