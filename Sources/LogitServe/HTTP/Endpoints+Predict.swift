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
        let rows = try RequestRows.parse(body, contentType: request.headers.value(.contentType),
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
        // Class names as JSON keys, escaped once per model: one flat byte array.
        let keyBytes = model.classKeys.bytes, keyStart = model.classKeys.starts, longestKey = model.classKeys.longest
        var out = ByteBufferAllocator().buffer(capacity: 0)
        out.writeString(model.predictionsPrefix)
        try rows.features.withUnsafeBufferPointer { x in
            try scored.probabilities.withUnsafeBufferPointer { p in
                if let bad = (0..<n).first(where: { i in !p[(i * k)..<(i * k + k)].allSatisfy(\.isFinite) }) {
                    throw ServeError.badRequest("row \(bad): the class probabilities are not finite: the features are too large for this model's weights")
                }
                // The whole request into the drift window under one lock.
                model.monitor?.record(rows: x, probabilities: p, firstID: firstID)
                // Explanations only when asked, encoded before the rows are written.
                var explanations: [[UInt8]] = []
                if rows.explain {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                    for i in 0..<n {
                        let row = try model.explanation.explain(Array(x[(i * d)..<(i * d + d)]), index: i, line: nil,
                                                                source: "request", trueClass: nil,
                                                                model: model.scorer.model)
                        explanations.append(Array(try encoder.encode(row)))
                    }
                }
                // Every row's largest size: punctuation and field names (80), the id, the label,
                // and k keys with their numbers; then the explanation's own bytes.
                let rowBytes = 80 + JSONCursor.wholeNumberBytes + longestKey + keyBytes.count + k * (2 + JSONCursor.doubleBytes)
                let size = n * rowBytes + explanations.reduce(0) { $0 + $1.count + 20 } + 2
                keyBytes.withUnsafeBufferPointer { keys in
                    _ = out.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { free in
                        var w = JSONCursor(free)
                        for i in 0..<n {
                            let label = scored.labels[i]
                            counts[label] += 1
                            w.write(i > 0 ? ",{\"id\":\"" : "{\"id\":\"")
                            w.write(firstID &+ UInt64(i))
                            w.write("\",\"label\":")
                            w.write(UnsafeBufferPointer(rebasing: keys[keyStart[label]..<keyStart[label + 1]]))
                            w.write(",\"probabilities\":{")
                            for c in 0..<k {
                                if c > 0 { w.write(",") }
                                w.write(UnsafeBufferPointer(rebasing: keys[keyStart[c]..<keyStart[c + 1]]))
                                w.write(":")
                                w.write(p[i * k + c])
                            }
                            w.write("}")
                            if !explanations.isEmpty {
                                w.write(",\"explanation\":")
                                explanations[i].withUnsafeBufferPointer { w.write($0) }
                            }
                            w.write("}")
                        }
                        w.write("]}")
                        return w.count
                    }
                }
            }
        }
        state.metrics.predictions(classes: classes, counts: counts)
        return Self.json(out)
    }
}
#endif
