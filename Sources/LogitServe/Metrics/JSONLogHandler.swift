#if Service
import Foundation
import Logging

/// A swift-log handler writing one JSON object per line to standard error:
/// `{"ts", "level", "label", "msg", …metadata}`. The service logs request
/// ids, routes, statuses and times through it, never feature values.
public struct JSONLogHandler: LogHandler {
    /// The lowest level written.
    public var logLevel: Logger.Level = .info
    /// Metadata added to every line.
    public var metadata: Logger.Metadata = [:]
    private let label: String

    /// A handler for the logger `label`.
    public init(label: String) { self.label = label }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one line.
    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var line = "{\"ts\":\(JSONText.string(Self.timestamp())),\"level\":\(JSONText.string(event.level.rawValue)),"
            + "\"label\":\(JSONText.string(label)),\"msg\":\(JSONText.string(event.message.description))"
        for key in fields.keys.sorted() {
            line += ",\(JSONText.string(key)):\(JSONText.string(fields[key]!.description))"
        }
        line += "}\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                      parts.tm_hour, parts.tm_min, parts.tm_sec, now.tv_nsec / 1_000_000)
    }
}
#endif
