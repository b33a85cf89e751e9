/// One logged value of a metric: a line `timestamp value step` of a file under
/// a run's `metrics/` folder.
public struct MLflowMetricPoint: Sendable, Equatable {
    /// Milliseconds since 1970.
    public var timestamp: Int64
    /// The value.
    public var value: Double
    /// The step (epoch, iteration); 0 for a single value.
    public var step: Int

    /// A metric value.
    public init(timestamp: Int64, value: Double, step: Int) {
        self.timestamp = timestamp
        self.value = value
        self.step = step
    }

    /// The line MLflow stores: `timestamp value step`, the value in shortest
    /// round-trip form (`nan`, `inf` and `-inf` as Python spells them).
    var line: String {
        let text: String
        if value.isNaN { text = "nan" } else if value == .infinity { text = "inf" } else if value == -.infinity {
            text = "-inf"
        } else { text = "\(value)" }
        return "\(timestamp) \(text) \(step)"
    }

    /// Parses a stored line (`timestamp value` or `timestamp value step`).
    init?(line: Substring) {
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let timestamp = Int64(parts[0]) else { return nil }
        let valueText = parts[1].lowercased()
        let value: Double
        switch valueText {
        case "nan": value = .nan
        case "inf", "infinity": value = .infinity
        case "-inf", "-infinity": value = -.infinity
        default:
            guard let parsed = Double(valueText) else { return nil }
            value = parsed
        }
        var step = 0
        if parts.count >= 3 {
            guard let parsed = Int(parts[2]) else { return nil }
            step = parsed
        }
        self.init(timestamp: timestamp, value: value, step: step)
    }
}
