#if Service
import Foundation
import Testing
@testable import LogitServe

/// The metrics' handles are made once per label set and reused: the counts
/// and the latency histogram's count in the Prometheus text are the sums of
/// everything recorded, per series, and series do not bleed into each other.
@Suite struct ServiceMetricsTests {
    /// The value of the sample line that starts with `series` (exact match of name and labels).
    static func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func requestsCountPerRouteMethodAndStatus() {
        let metrics = ServiceMetrics()
        for _ in 0..<3 { metrics.request(route: "/v1/predict", method: "POST", status: 200, nanoseconds: 1_000_000) }
        metrics.request(route: "/v1/predict", method: "POST", status: 400, nanoseconds: 30_000)
        metrics.request(route: "/health", method: "GET", status: 200, nanoseconds: 20_000)
        let text = metrics.render()
        #expect(Self.value(text, #"logit_http_requests_total{route="/v1/predict",method="POST",status="200"}"#) == 3)
        #expect(Self.value(text, #"logit_http_requests_total{route="/v1/predict",method="POST",status="400"}"#) == 1)
        #expect(Self.value(text, #"logit_http_requests_total{route="/health",method="GET",status="200"}"#) == 1)
        #expect(Self.value(text, #"logit_http_request_duration_seconds_count{route="/v1/predict",method="POST",status="200"}"#) == 3)
        #expect(Self.value(text, #"logit_http_request_duration_seconds_bucket{route="/v1/predict",method="POST",status="200",le="+Inf"}"#) == 3)
        #expect(Self.value(text, #"logit_http_request_duration_seconds_count{route="/health",method="GET",status="200"}"#) == 1)
    }

    @Test func predictionsCountPerClassAcrossRequests() {
        let metrics = ServiceMetrics()
        metrics.predictions(classes: ["Besni", "Kecimen"], counts: [2, 5])
        metrics.predictions(classes: ["Besni", "Kecimen"], counts: [0, 1])
        // a reloaded model with another class list shares the counters of the names it keeps
        metrics.predictions(classes: ["Kecimen", "Other"], counts: [4, 1])
        let text = metrics.render()
        #expect(Self.value(text, #"logit_predictions_total{class="Besni"}"#) == 2)
        #expect(Self.value(text, #"logit_predictions_total{class="Kecimen"}"#) == 10)
        #expect(Self.value(text, #"logit_predictions_total{class="Other"}"#) == 1)
    }
}
#endif
