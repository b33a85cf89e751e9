import Foundation

/// Writes values as JSON on standard output.
enum JSONOutput {
    /// The encoder: sorted keys, optionally pretty-printed, NaN and infinities as strings.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                      nan: "nan")
        return encoder
    }

    /// Prints `value` as one pretty-printed JSON object.
    static func print<V: Encodable>(_ value: V) throws {
        let data = try encoder(pretty: true).encode(value)
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    /// `value` as compact JSON on one line.
    static func line<V: Encodable>(_ value: V, encoder: JSONEncoder) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
