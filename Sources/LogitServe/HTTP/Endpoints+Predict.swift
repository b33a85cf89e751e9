#if Service
import Foundation
import Hummingbird
import Logit
import LogitNumerics
import NIOCore

/// `POST /v1/predict`: rows in, labels and probabilities out.
extension Endpoints {
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
        // The response is written straight into the buffer that goes out: no String per value.
        var out = ByteBufferAllocator().buffer(capacity: 64 + n * (48 + k * 40))
        out.writeString("{\"model_version\":" + JSONText.string(model.version) + ",\"predictions\":[")
        // class names as JSON once per request, not per row
        let classKeys = classes.map { JSONText.string($0) }
        let explanationEncoder = JSONEncoder()
        explanationEncoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try rows.features.withUnsafeBufferPointer { x in
            try scored.probabilities.withUnsafeBufferPointer { p in
                if let bad = (0..<n).first(where: { i in !p[(i * k)..<(i * k + k)].allSatisfy(\.isFinite) }) {
                    throw ServeError.badRequest("row \(bad): the class probabilities are not finite: the features are too large for this model's weights")
                }
                // The whole request into the drift window under one lock.
                model.monitor?.record(rows: x, probabilities: p, firstID: firstID)
                for i in 0..<n {
                    let label = scored.labels[i]
                    counts[label] += 1
                    out.writeStaticString(i > 0 ? ",{\"id\":\"" : "{\"id\":\"")
                    JSONText.write(firstID &+ UInt64(i), to: &out)
                    out.writeStaticString("\",\"label\":")
                    out.writeString(classKeys[label])
                    out.writeStaticString(",\"probabilities\":{")
                    for c in 0..<k {
                        if c > 0 { out.writeStaticString(",") }
                        out.writeString(classKeys[c])
                        out.writeStaticString(":")
                        JSONText.write(p[i * k + c], to: &out)
                    }
                    out.writeStaticString("}")
                    if rows.explain {
                        let row = try model.explanation.explain(Array(x[(i * d)..<(i * d + d)]), index: i, line: nil,
                                                                source: "request", trueClass: nil,
                                                                model: model.scorer.model)
                        out.writeStaticString(",\"explanation\":")
                        out.writeBytes(try explanationEncoder.encode(row))
                    }
                    out.writeStaticString("}")
                }
            }
        }
        out.writeStaticString("]}")
        state.metrics.predictions(classes: classes, counts: counts)
        return Self.json(out)
    }
}
#endif
