#if Service
import Foundation
import Hummingbird
import Logit
import LogitNumerics
import NIOCore

/// `POST /v1/monitor` and `GET /v1/monitor`: drift of posted rows and of the window.
extension Endpoints {
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
}
#endif
