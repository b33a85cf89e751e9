import Foundation

/// A small line chart in SVG: epoch time against feature count (log scale),
/// one line per series.
struct SVGPlot {
    struct Series {
        var name: String
        var color: String
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]

    func render() -> String {
        let width = 720.0, height = 440.0, left = 80.0, right = 180.0, top = 50.0, bottom = 60.0
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) }
        guard let xMin = xs.min(), let xMax = xs.max(), let yMaxRaw = ys.max() else { return "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" }
        let yMax = niceCeiling(yMaxRaw * 1.1)
        let lx = log10(xMin), ux = log10(max(xMax, xMin * 1.0001))
        func px(_ x: Double) -> Double { left + (log10(x) - lx) / (ux - lx) * (width - left - right) }
        func py(_ y: Double) -> Double { height - bottom - y / yMax * (height - top - bottom) }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(width / 2)" y="24" text-anchor="middle" font-size="14">\(escape(title))</text>
        <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
        <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
        <text x="\((left + width - right) / 2)" y="\(height - 18)" text-anchor="middle">\(escape(xLabel))</text>
        <text x="20" y="\((top + height - bottom) / 2)" text-anchor="middle" transform="rotate(-90 20 \((top + height - bottom) / 2))">\(escape(yLabel))</text>

        """
        for x in Set(xs).sorted() {
            svg += "<line x1=\"\(px(x))\" y1=\"\(height - bottom)\" x2=\"\(px(x))\" y2=\"\(height - bottom + 5)\" stroke=\"black\"/>"
            svg += "<text x=\"\(px(x))\" y=\"\(height - bottom + 20)\" text-anchor=\"middle\">\(Int(x))</text>\n"
        }
        for step in 0...5 {
            let y = yMax * Double(step) / 5
            svg += "<line x1=\"\(left - 5)\" y1=\"\(py(y))\" x2=\"\(width - right)\" y2=\"\(py(y))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 8)\" y=\"\(py(y) + 4)\" text-anchor=\"end\">\(fixed(y, y < 10 ? 1 : 0))</text>\n"
        }
        for (index, s) in series.enumerated() {
            let points = s.points.sorted { $0.x < $1.x }
            let path = points.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(s.color)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            for p in points {
                svg += "<circle cx=\"\(px(p.x))\" cy=\"\(py(p.y))\" r=\"3.5\" fill=\"\(s.color)\"/>\n"
            }
            let ly = top + 20 + Double(index) * 20
            svg += "<line x1=\"\(width - right + 15)\" y1=\"\(ly - 4)\" x2=\"\(width - right + 35)\" y2=\"\(ly - 4)\" stroke=\"\(s.color)\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(width - right + 40)\" y=\"\(ly)\">\(escape(s.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
