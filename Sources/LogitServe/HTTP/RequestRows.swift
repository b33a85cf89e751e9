#if Service
import Foundation
import HTTPTypes
import Logit
import LogitNumerics
import NIOCore

/// The rows of a `/v1/predict` or `/v1/monitor` request, read and checked
/// against the model: a JSON body `{"rows": [...], "explain", "threshold",
/// "labels"}` (each row an array in the model's feature order, or an object
/// keyed by feature name) or a `text/csv` body (a header naming the
/// features). Every problem is a 400 naming the row and the column or feature.
struct RequestRows {
    /// n×d raw features, in the model's order.
    var features: Matrix<Double>
    /// The true class of each row, when given (`labels`, or the CSV's label column).
    var labels: [String]?
    /// Whether per-feature contributions were asked for.
    var explain = false
    /// The binary decision threshold asked for.
    var threshold: Double?

    /// One JSON cell: a number, or what it should have been.
    enum Cell: Decodable {
        case number(Double)
        case null
        case text(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null; return }
            if let value = try? container.decode(Double.self) { self = .number(value); return }
            if let text = try? container.decode(String.self) { self = .text(text); return }
            self = .other
        }
    }

    /// One JSON row.
    enum Row: Decodable {
        case array([Cell])
        case object([String: Cell])
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let cells = try? container.decode([Cell].self) { self = .array(cells); return }
            if let cells = try? container.decode([String: Cell].self) { self = .object(cells); return }
            self = .other
        }
    }

    /// The JSON body.
    struct Body: Decodable {
        var rows: [Row]?
        var explain: Bool?
        var threshold: Double?
        var labels: [String]?
    }

    /// Reads `body` for `file`'s features.
    ///
    /// - Parameters:
    ///   - contentType: the request's `Content-Type` (JSON unless it says CSV).
    ///   - query: the query parameter named, if present (`explain`, `threshold`; they win over the body's).
    ///   - maxRows: the most rows allowed.
    /// - Throws: ``ServeError`` 400 (or 415 for another content type).
    static func parse(_ body: ByteBuffer, contentType: String?, query: (String) -> String?, file: ModelFile,
                      maxRows: Int) throws -> RequestRows {
        let type = contentType.map { HTTPFields.mediaType($0) } ?? "application/json"
        var rows: RequestRows
        switch type {
        case "text/csv", "application/csv", "text/plain":
            rows = try csv(body, file: file, maxRows: maxRows)
        case "application/x-www-form-urlencoded" where body.readableBytesView.first(where: { $0 > 0x20 }) == UInt8(ascii: "{"):
            // curl -d sends JSON with this type unless told otherwise: a body that is a JSON object is read as one
            rows = try json(body, file: file, maxRows: maxRows)
        case "application/json", "":
            rows = try json(body, file: file, maxRows: maxRows)
        default:
            throw ServeError(.unsupportedMediaType, "unsupported_media_type",
                             "Content-Type '\(MessageText.shortened(type, to: 60))' is not application/json or text/csv")
        }
        if let text = query("explain") {
            switch text.lowercased() {
            case "true", "1", "yes", "": rows.explain = true
            case "false", "0", "no": rows.explain = false
            default: throw ServeError.badRequest("query parameter explain='\(MessageText.shortened(text, to: 20))' must be true or false")
            }
        }
        if let text = query("threshold") {
            guard let value = Double(text) else {
                throw ServeError.badRequest("query parameter threshold='\(MessageText.shortened(text, to: 20))' is not a number")
            }
            rows.threshold = value
        }
        if let threshold = rows.threshold {
            guard file.classNames.count == 2 else {
                throw ServeError.badRequest("threshold is for binary models; this model has \(file.classNames.count) classes")
            }
            guard threshold > 0 && threshold < 1 else {
                throw ServeError.badRequest("threshold \(threshold) must be strictly between 0 and 1")
            }
        }
        return rows
    }

    static func csv(_ body: ByteBuffer, file: ModelFile, maxRows: Int) throws -> RequestRows {
        let bytes = Array(body.readableBytesView)
        let read: FeatureRows<Double>
        do {
            read = try FeatureRows<Double>.csv(bytes: bytes, source: "request body", featureNames: file.featureNames,
                                               labelColumn: file.labelColumn)
        } catch let error as DataError {
            throw ServeError.badRequest(error.description)
        }
        guard read.features.rows <= maxRows else {
            throw ServeError.badRequest("\(read.features.rows) rows: more than the limit of \(maxRows) rows a request (--max-rows)")
        }
        return RequestRows(features: read.features, labels: read.labels)
    }

    static func json(_ body: ByteBuffer, file: ModelFile, maxRows: Int) throws -> RequestRows {
        // The common body (rows as arrays of numbers) in one pass; anything else below.
        if let fast = body.withUnsafeReadableBytes({ NumericRowsJSON.parse($0, columns: file.featureCount, maxRows: maxRows) }) {
            return RequestRows(features: try Matrix(rows: fast.rows, columns: file.featureCount, elements: fast.values),
                               labels: nil, explain: fast.explain ?? false, threshold: fast.threshold)
        }
        let decoded: Body
        do {
            decoded = try JSONDecoder().decode(Body.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServeError.badRequest("invalid JSON: \(describe(error))")
        } catch {
            throw ServeError.badRequest("invalid JSON")
        }
        guard let rows = decoded.rows else {
            throw ServeError.badRequest("the body has no \"rows\": send {\"rows\": [[...], ...]} or text/csv")
        }
        guard !rows.isEmpty else { throw ServeError.badRequest("\"rows\" is empty: send 1 to \(maxRows) rows") }
        guard rows.count <= maxRows else {
            throw ServeError.badRequest("\(rows.count) rows: more than the limit of \(maxRows) rows a request (--max-rows)")
        }
        if let labels = decoded.labels, labels.count != rows.count {
            throw ServeError.badRequest("\(labels.count) labels for \(rows.count) rows: give one label per row")
        }
        let names = file.featureNames, d = names.count
        var position = [String: Int]()
        for (j, name) in names.enumerated() { position[name] = j }
        var features = Matrix<Double>(rows: rows.count, columns: d)
        try features.withUnsafeMutableBufferPointer { (x: UnsafeMutableBufferPointer<Double>) throws(ServeError) in
            for (i, row) in rows.enumerated() {
                switch row {
                case let .array(cells):
                    guard cells.count == d else {
                        throw ServeError.badRequest("row \(i) has \(cells.count) values but the model has \(d) features (\(list(names)))")
                    }
                    for (j, cell) in cells.enumerated() {
                        x[i * d + j] = try value(cell, row: i, feature: names[j], column: j)
                    }
                case let .object(cells):
                    for key in cells.keys where position[key] == nil {
                        throw ServeError.badRequest("row \(i) has an unknown feature '\(MessageText.shortened(key, to: 60))'; the model's features are \(list(names))")
                    }
                    for (j, name) in names.enumerated() {
                        guard let cell = cells[name] else {
                            throw ServeError.badRequest("row \(i) has no feature '\(MessageText.shortened(name, to: 60))' (the model's features are \(list(names)))")
                        }
                        x[i * d + j] = try value(cell, row: i, feature: name, column: j)
                    }
                case .other:
                    throw ServeError.badRequest("row \(i) is neither an array of \(d) numbers nor an object keyed by feature name")
                }
            }
        }
        return RequestRows(features: features, labels: decoded.labels, explain: decoded.explain ?? false,
                           threshold: decoded.threshold)
    }

    /// A cell's finite value, or 400 naming row, column and feature.
    static func value(_ cell: Cell, row: Int, feature: String, column: Int) throws(ServeError) -> Double {
        let place = "row \(row), column \(column) (\(MessageText.shortened(feature, to: 60)))"
        switch cell {
        case let .number(value):
            guard value.isFinite else { throw ServeError.badRequest("\(place) is \(value): features must be finite") }
            return value
        case .null:
            throw ServeError.badRequest("\(place) is null: every feature needs a number")
        case let .text(text):
            let shown = MessageText.shortened(text, to: 40)
            if let value = Double(text.trimmingCharacters(in: .whitespaces)) {
                guard value.isFinite else { throw ServeError.badRequest("\(place) is '\(shown)': features must be finite") }
                throw ServeError.badRequest("\(place) is the string '\(shown)': send numbers as JSON numbers")
            }
            throw ServeError.badRequest("\(place) is '\(shown)', not a number")
        case .other:
            throw ServeError.badRequest("\(place) is not a finite number (numbers beyond ±1.8e308 are not)")
        }
    }

    static func list(_ names: [String]) -> String {
        let shown = names.prefix(20).map { MessageText.shortened($0, to: 40) }.joined(separator: ", ")
        return names.count > 20 ? shown + ", … (\(names.count) in all)" : shown
    }

    /// A decoding error in words: what was wrong and where (JSON path).
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case let .dataCorrupted(context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return MessageText.shortened(underlying ?? context.debugDescription, to: 200) + (context.codingPath.isEmpty ? "" : " at \(path(context.codingPath))")
        @unknown default:
            return "the body is not valid JSON"
        }
    }
}
#endif
