import Foundation

/// The small subset of YAML that MLflow's file store keeps in `meta.yaml`: one
/// `key: value` per line with scalar values (quoted or plain strings,
/// integers, `null`, `[]`).
///
/// Writing quotes every string in single quotes (so `'0'` stays a string for
/// MLflow's YAML loader); reading accepts what MLflow writes too (plain
/// strings, single- and double-quoted strings) and ignores nested lines.
enum MLflowYAML {
    /// A value in a `meta.yaml` file.
    enum Value: Equatable {
        case string(String)
        case integer(Int64)
        case null
        case emptyList
    }

    /// The text of `pairs`, one line each, in order.
    static func write(_ pairs: [(String, Value)]) -> String {
        pairs.map { key, value in
            let text: String
            switch value {
            case let .string(s): text = "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
            case let .integer(i): text = String(i)
            case .null: text = "null"
            case .emptyList: text = "[]"
            }
            return "\(key): \(text)\n"
        }.joined()
    }

    /// The top-level scalar entries of a `meta.yaml` text, as strings (`null`
    /// and `~` are nil; `[]` is kept as text).
    static func read(_ text: String) -> [String: String?] {
        var result = [String: String?]()
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = String(rawLine)
            guard let first = line.first, first != " ", first != "-", first != "#",
                  let colon = line.range(of: ": ") ?? (line.hasSuffix(":") ? line.range(of: ":", options: .backwards) : nil)
            else { continue }
            let key = String(line[..<colon.lowerBound])
            let raw = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
            result[key] = unquote(raw)
        }
        return result
    }

    private static func unquote(_ raw: String) -> String? {
        if raw.isEmpty || raw == "null" || raw == "~" { return nil }
        if raw.count >= 2, raw.hasPrefix("'"), raw.hasSuffix("'") {
            return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
            return String(raw.dropFirst().dropLast())
                .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        return raw
    }
}
