#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Logit
import LogitNumerics
import Testing
@testable import LogitServe

/// `/v1/monitor`, `/v1/feedback` and `/metrics`: the drift numbers are the
/// library's DriftReport for the same rows (equal, not close: the same code
/// on the same numbers, and JSON carries Doubles exactly).
@Suite struct MonitorTests {
    /// Raisin rows `range` as a JSON body with their true labels.
    static func body(_ range: Range<Int>, labels: Bool) throws -> (String, [[Double]], [String]) {
        let data = try RaisinFixture.trained.get().data
        let rows = range.map { data.features.row($0) }
        let names = range.map { data.classNames[data.labels[$0]] }
        let json = "{\"rows\": [" + rows.map { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
            + (labels ? ", \"labels\": [" + names.map { "\"\($0)\"" }.joined(separator: ",") + "]" : "") + "}"
        return (json, rows, names)
    }

    /// The library's report for `rows` (what `logit monitor` computes).
    static func libraryReport(_ rows: [[Double]], labels: [String]?) throws -> DriftReport {
        let trained = try RaisinFixture.trained.get()
        let scorer = try ModelScorer<Double>(trained.file)
        let matrix = try Matrix(rows)
        let probabilities = try scorer.score(matrix).probabilities.elements
        let indices = labels.map { $0.map { trained.file.classNames.firstIndex(of: $0)! } }
        let flat = rows.flatMap { $0 }
        return try flat.withUnsafeBufferPointer {
            try DriftReport(reference: trained.sample, current: $0, rows: rows.count, labels: indices,
                            probabilities: probabilities)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ object: Any?) throws -> T {
        try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: try #require(object)))
    }

    @Test func postedRowsGetTheLibrarysReport() async throws {
        let harness = try ServiceHarness()
        let (json, rows, labels) = try Self.body(0..<60, labels: true)
        let expected = try Self.libraryReport(rows, labels: labels)
        try await harness.test { client in
            try await client.execute(uri: "/v1/monitor", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: json)) { response in
                #expect(response.status == .ok)
                let report = try Self.decode(DriftReport.self, response.object["report"])
                #expect(report == expected)
                #expect(report.quality != nil)
                #expect(response.object["rows"] as? Int == 60)
            }
        }
    }

    @Test func windowFillsFromPredictionsAndFeedbackGivesAccuracy() async throws {
        let harness = try ServiceHarness()
        let (json, rows, labels) = try Self.body(100..<140, labels: false)
        try await harness.test { client in
            // empty window: no report yet
            try await client.execute(uri: "/v1/monitor", method: .get, headers: harness.user) { response in
                #expect(response.status == .ok)
                #expect(response.object["window_rows"] as? Int == 0)
                #expect(response.object["window"] is NSNull || response.object["window"] == nil)
            }
            let predictions = try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                                       body: ByteBuffer(string: json)) { response in
                try #require(response.object["predictions"] as? [[String: Any]])
            }
            #expect(predictions.count == 40)
            // the window's report equals the library's on the same rows
            let expected = try Self.libraryReport(rows, labels: nil)
            try await client.execute(uri: "/v1/monitor", method: .get, headers: harness.user) { response in
                #expect(response.object["window_rows"] as? Int == 40)
                let window = try Self.decode(DriftReport.self, response.object["window"])
                #expect(window.features == expected.features)
                #expect(window.prediction == expected.prediction)
            }
            // feedback: the true labels of the first 30 predictions, and one unknown id
            let ids = predictions.map { $0["id"] as? String ?? "" }
            let predicted = predictions.map { $0["label"] as? String ?? "" }
            let items = (0..<30).map { "{\"id\": \"\(ids[$0])\", \"label\": \"\(labels[$0])\"}" } + ["{\"id\": \"7\", \"label\": \"Besni\"}"]
            let accuracy = Double((0..<30).filter { predicted[$0] == labels[$0] }.count) / 30
            try await client.execute(uri: "/v1/feedback", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: "{\"feedback\": [\(items.joined(separator: ","))]}")) { response in
                #expect(response.status == .ok)
                #expect(response.object["accepted"] as? Int == 30)
                #expect(response.object["unknown"] as? [String] == ["7"])
                let quality = try #require(response.object["quality"] as? [String: Any])
                #expect(quality["rows"] as? Int == 30)
                // exact: a count over 30
                #expect(quality["accuracy"] as? Double == accuracy)
            }
            try await client.execute(uri: "/v1/feedback", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: #"{"feedback": [{"id": "1", "label": "Grape"}]}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage.contains("'Grape' is not one of the model's classes"))
            }
            try await client.execute(uri: "/metrics", method: .get, headers: harness.user) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains("logit_http_requests_total{route=\"/v1/predict\",method=\"POST\",status=\"200\"} 1"))
                #expect(text.contains("logit_http_request_duration_seconds_bucket{route=\"/v1/predict\""))
                #expect(text.contains("logit_predictions_total{class="))
                #expect(text.contains("logit_window_rows 40"))
                #expect(text.contains("logit_drift_score{feature=\"Area\",method=\"ks\"}"))
                #expect(text.contains("logit_model_info{version=\"\(harness.state.models.current!.version)\""))
                #expect(text.contains("logit_feedback_accuracy \(accuracy)"))
            }
        }
    }

    @Test func modelWithoutReferenceAnswers409() async throws {
        let harness = try ServiceHarness()
        let path = harness.folder.path("plain.json")
        try RaisinFixture.trained.get().file.write(to: path)
        try harness.state.reload(model: path)
        try await harness.test { client in
            try await client.execute(uri: "/v1/monitor", method: .get, headers: harness.user) { response in
                #expect(response.status == .conflict)
                #expect(response.errorCode == "no_reference")
            }
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: AccessTests.oneRow)) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
#endif
