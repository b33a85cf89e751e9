#if Service
import CoreMetrics
import Foundation
import Logit
import Prometheus
import Synchronization

/// The service's Prometheus metrics, in a registry of its own (no global
/// metrics system): requests and latency per route and status, predictions
/// per class, drift score per feature, rows in the window, and the model
/// version as an info gauge. Recorded through swift-metrics' API with the
/// Prometheus factory.
final class ServiceMetrics: Sendable {
    /// The registry `/metrics` renders.
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let infoGauge = Mutex<Prometheus.Gauge?>(nil)
    private let driftGauges = Mutex<[Prometheus.Gauge]>([])

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        // latency buckets from 100 µs to 10 s: the 1-row target is a p99 of 5 ms
        factory.defaultDurationHistogramBuckets = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// The counter and latency histogram of one route, method and status.
    private struct RequestSeries: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// Metric handles by their labels, made on first use. Making one through
    /// the factory validates the name and sorts and looks up the labels in the
    /// registry: per request, that was more than recording the value.
    private let requestHandles = Mutex<[RequestSeries: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])
    private let classCounters = Mutex<[String: CoreMetrics.Counter]>([:])

    /// Counts one request and its latency.
    func request(route: String, method: String, status: Int, nanoseconds: Int64) {
        let series = RequestSeries(route: route, method: method, status: status)
        let (counter, timer) = requestHandles.withLock { handles in
            if let made = handles[series] { return made }
            let dimensions = [("route", route), ("method", method), ("status", String(status))]
            let made = (CoreMetrics.Counter(label: "logit_http_requests_total", dimensions: dimensions, factory: factory),
                        CoreMetrics.Timer(label: "logit_http_request_duration_seconds", dimensions: dimensions, factory: factory))
            handles[series] = made
            return made
        }
        counter.increment()
        timer.recordNanoseconds(nanoseconds)
    }

    /// Counts predictions per class (`counts[c]` rows predicted as `classes[c]`).
    func predictions(classes: [String], counts: [Int]) {
        classCounters.withLock { counters in
            for (c, count) in counts.enumerated() where count > 0 {
                let counter: CoreMetrics.Counter
                if let made = counters[classes[c]] {
                    counter = made
                } else {
                    counter = CoreMetrics.Counter(label: "logit_predictions_total", dimensions: [("class", classes[c])], factory: factory)
                    counters[classes[c]] = counter
                }
                counter.increment(by: count)
            }
        }
    }

    /// Sets the info gauge `logit_model_info{version,name} 1` for the model now serving.
    func modelServing(version: String, name: String) {
        infoGauge.withLock { gauge in
            if let gauge { registry.unregisterGauge(gauge) }
            let new = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_model_info", unitName: "", helpText: "The model serving now (1), by version and name."), labels: [("version", version), ("name", name)])
            new.set(to: 1)
            gauge = new
        }
    }

    /// Sets the drift gauges from the window's report (or clears them when there is none).
    func drift(report: DriftReport?, windowRows: Int, labelled quality: LiveQuality?) {
        driftGauges.withLock { gauges in
            for gauge in gauges { registry.unregisterGauge(gauge) }
            gauges.removeAll()
            let rows = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_window_rows", unitName: "", helpText: "Rows in the drift window."))
            rows.set(to: Double(windowRows))
            guard let report else { return }
            for feature in report.features {
                let g = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_drift_score", unitName: "", helpText: "Drift score of each feature over the window (p-value for ks/chisquare/z, distance otherwise)."),
                                           labels: [("feature", feature.column), ("method", feature.method.rawValue)])
                g.set(to: feature.score)
                gauges.append(g)
            }
            let share = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_drift_share", unitName: "", helpText: "Share of features drifting over the window."))
            share.set(to: report.dataset.shareDrifted)
            if let quality {
                let accuracy = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_feedback_accuracy", unitName: "", helpText: "Accuracy on window rows whose true labels came back."))
                accuracy.set(to: quality.current.accuracy)
                let labelled = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_feedback_rows", unitName: "", helpText: "Window rows with true labels."))
                labelled.set(to: Double(quality.current.rows))
                gauges += [accuracy, labelled]
                for (c, f1) in quality.current.f1.enumerated() where c < quality.classes.count {
                    let g = registry.makeGauge(descriptor: MetricNameDescriptor(metricName: "logit_feedback_f1", unitName: "", helpText: "F1 per class on window rows with true labels."), labels: [("class", quality.classes[c])])
                    g.set(to: f1)
                    gauges.append(g)
                }
            }
        }
    }

    /// The Prometheus text exposition.
    func render() -> String { registry.emitToString() }
}
#endif
