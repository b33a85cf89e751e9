import Foundation
import Logit

/// How `logit monitor` shows a drift report: a text table for the terminal and
/// a self-contained HTML page (inline CSS and SVG, no script, no network).
struct MonitorPage {
    var report: DriftReport
    var reference: ReferenceSample
    /// The current rows, n×d row-major, original units.
    var current: [Double]
    var model: String
    var data: String

    /// Bins per histogram.
    static let bins = 24

    /// A number for people: 4 significant digits, scientific when tiny.
    static func format(_ value: Double) -> String {
        if value == 0 || (abs(value) >= 1e-3 && abs(value) < 1e6) { return String(format: "%.4g", value) }
        return String(format: "%.3e", value)
    }

    /// The terminal table.
    static func table(_ report: DriftReport, data: String) -> String {
        var table = TextTable(["feature", "method", "score", "threshold", "drifted"], leftAligned: [0, 1, 4])
        for f in report.features + report.prediction {
            table.add([f.column, f.method.rawValue + (f.band.map { " (\($0.rawValue))" } ?? ""), format(f.score),
                       format(f.threshold), f.driftDetected ? "yes" : "no"])
        }
        let d = report.dataset
        var text = "current: \(data) (\(report.currentRows) rows) vs reference sample (\(report.referenceRows) rows)\n\n"
        text += table.text
        text += "\n\(d.driftedFeatures) of \(d.features) features drifted (share \(format(d.shareDrifted)), drift share \(format(d.driftShare))): "
        text += d.driftDetected ? "DATA SET DRIFT\n" : "no data-set drift\n"
        if let q = report.quality {
            var quality = TextTable(["metric", "reference", "current", "change"])
            quality.add(["accuracy", format(q.reference.accuracy), format(q.current.accuracy), format(q.accuracyChange)])
            quality.add(["log-loss", format(q.reference.logLoss), format(q.current.logLoss), format(q.logLossChange)])
            for (c, name) in q.classes.enumerated() {
                quality.add(["F1 \(name)", format(q.reference.f1[c]), format(q.current.f1[c]),
                             format(q.current.f1[c] - q.reference.f1[c])])
            }
            text += "\nquality (\(q.current.rows) labelled rows):\n" + quality.text
        }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Shares of `values` in `bins` equal bins over [lo, hi] (the last bin closed).
    static func shares(_ values: [Double], lo: Double, hi: Double, bins: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: bins)
        let width = hi > lo ? (hi - lo) / Double(bins) : 1
        for v in values {
            let k = min(bins - 1, max(0, Int(((v - lo) / width).rounded(.down))))
            counts[k] += 1
        }
        return counts.map { $0 / Double(max(values.count, 1)) }
    }

    /// One feature's reference-vs-current histogram as an inline SVG.
    func chart(feature j: Int) -> String {
        let d = reference.featureCount
        let ref = reference.column(j)
        let cur = stride(from: j, to: current.count, by: d).map { current[$0] }
        let lo = min(ref.min() ?? 0, cur.min() ?? 0), hi = max(ref.max() ?? 1, cur.max() ?? 1)
        let r = Self.shares(ref, lo: lo, hi: hi, bins: Self.bins), c = Self.shares(cur, lo: lo, hi: hi, bins: Self.bins)
        let top = max(r.max() ?? 0, c.max() ?? 0, 1e-12)
        let w = 360.0, h = 140.0, barWidth = w / Double(Self.bins) / 2
        var bars = ""
        for k in 0..<Self.bins {
            let x = Double(k) * w / Double(Self.bins)
            let rh = r[k] / top * (h - 20), ch = c[k] / top * (h - 20)
            bars += "<rect class=\"ref\" x=\"\(x)\" y=\"\(h - rh)\" width=\"\(barWidth)\" height=\"\(rh)\"/>"
            bars += "<rect class=\"cur\" x=\"\(x + barWidth)\" y=\"\(h - ch)\" width=\"\(barWidth)\" height=\"\(ch)\"/>"
        }
        let name = Self.escape(reference.featureNames[j])
        return """
        <svg class="chart" data-feature="\(name)" viewBox="0 0 \(Int(w)) \(Int(h + 16))" width="\(Int(w))" height="\(Int(h + 16))" role="img" aria-label="histogram of \(name)">\
        <title>\(name): reference (blue) vs current (orange)</title>\(bars)\
        <line x1="0" y1="\(h)" x2="\(w)" y2="\(h)" stroke="#555"/>\
        <text x="0" y="\(h + 13)" font-size="11">\(Self.escape(Self.format(lo)))</text>\
        <text x="\(w)" y="\(h + 13)" font-size="11" text-anchor="end">\(Self.escape(Self.format(hi)))</text></svg>
        """
    }

    /// The page.
    var html: String {
        let d = report.dataset
        var cards = ""
        for (j, f) in report.features.enumerated() {
            cards += """
            <div class="card\(f.driftDetected ? " drifted" : "")"><h3>\(Self.escape(f.column))</h3>\(chart(feature: j))\
            <p>\(f.method.rawValue): score \(Self.format(f.score)), threshold \(Self.format(f.threshold)) — \
            <b>\(f.driftDetected ? "drift" : "no drift")</b></p></div>\n
            """
        }
        var rows = ""
        for f in report.features + report.prediction {
            rows += "<tr class=\"\(f.driftDetected ? "drifted" : "")\"><td>\(Self.escape(f.column))</td><td>\(f.method.rawValue)</td><td>\(Self.format(f.score))</td><td>\(Self.format(f.threshold))</td><td>\(f.driftDetected ? "yes" : "no")</td></tr>\n"
        }
        var quality = ""
        if let q = report.quality {
            quality = "<h2>Quality on \(q.current.rows) labelled rows</h2><table><tr><th>metric</th><th>reference</th><th>current</th><th>change</th></tr>"
            quality += "<tr><td>accuracy</td><td>\(Self.format(q.reference.accuracy))</td><td>\(Self.format(q.current.accuracy))</td><td>\(Self.format(q.accuracyChange))</td></tr>"
            quality += "<tr><td>log-loss</td><td>\(Self.format(q.reference.logLoss))</td><td>\(Self.format(q.current.logLoss))</td><td>\(Self.format(q.logLossChange))</td></tr>"
            for (c, name) in q.classes.enumerated() {
                for (metric, a, b) in [("precision", q.reference.precision[c], q.current.precision[c]),
                                       ("recall", q.reference.recall[c], q.current.recall[c]),
                                       ("F1", q.reference.f1[c], q.current.f1[c])] {
                    quality += "<tr><td>\(metric) \(Self.escape(name))</td><td>\(Self.format(a))</td><td>\(Self.format(b))</td><td>\(Self.format(b - a))</td></tr>"
                }
            }
            quality += "</table>"
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Drift report: \(Self.escape(data))</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2em;color:#222}
        .verdict{font-size:1.3em;padding:.5em 1em;border-radius:6px;display:inline-block}
        .verdict.ok{background:#e3f4e1}.verdict.drift{background:#fbe0dc}
        .grid{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ccc;border-radius:6px;padding:.5em 1em}
        .card.drifted{border-color:#c0392b}.ref{fill:#3b7dd8}.cur{fill:#f28e2b}
        table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}
        td:first-child{text-align:left}tr.drifted{background:#fbe0dc}
        </style></head><body>
        <h1>Drift report</h1>
        <p>Model <code>\(Self.escape(model))</code>; current data <code>\(Self.escape(data))</code> (\(report.currentRows) rows) against the model's reference sample (\(report.referenceRows) training rows).</p>
        <p class="verdict \(d.driftDetected ? "drift" : "ok")">\(d.driftedFeatures) of \(d.features) features drifted (share \(Self.format(d.shareDrifted)), drift share \(Self.format(d.driftShare))): <b>\(d.driftDetected ? "data-set drift" : "no data-set drift")</b></p>
        <p><svg width="12" height="12"><rect class="ref" width="12" height="12"/></svg> reference &nbsp; <svg width="12" height="12"><rect class="cur" width="12" height="12"/></svg> current</p>
        <div class="grid">
        \(cards)</div>
        <h2>Scores</h2>
        <table><tr><th>column</th><th>method</th><th>score</th><th>threshold</th><th>drift</th></tr>
        \(rows)</table>
        \(quality)
        </body></html>

        """
    }
}
