#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import LogitNumerics
import Testing
@testable import LogitServe

/// The one-pass reader of `{"rows": [[…]]}` bodies: the numbers it reads equal
/// Foundation's JSONDecoder's (an independent parser) bit for bit, and every
/// body outside its narrow shape goes to the general path (nil).
@Suite struct NumericRowsJSONTests {
    static func parse(_ text: String, d: Int = 3, maxRows: Int = 10) -> NumericRowsJSON.Parsed? {
        Array(text.utf8).withUnsafeBytes { NumericRowsJSON.parse($0, columns: d, maxRows: maxRows) }
    }

    @Test func numbersEqualJSONDecoders() throws {
        let text = #" { "rows" : [ [0, -0.5e+3, 1E2], [123456789.123456789, -0, 4.9e-324],[1.7976931348623157e308,2.5,3] ] ,"explain":true, "threshold": 0.25 } "#
        let parsed = try #require(Self.parse(text))
        let reference = try JSONDecoder().decode([String: [[Double]]].self,
                                                 from: Data(#"{"rows": [[0, -0.5e+3, 1E2], [123456789.123456789, -0, 4.9e-324],[1.7976931348623157e308,2.5,3]]}"#.utf8))
        #expect(parsed.rows == 3)
        #expect(parsed.values.map(\.bitPattern) == reference["rows"]!.joined().map(\.bitPattern))
        #expect(parsed.explain == true)
        #expect(parsed.threshold == 0.25)
    }

    /// Every number the reader reads equals the standard library's
    /// correctly rounded `Double(String)` bit for bit: the digit and exponent
    /// counts on both sides of the exact fast path (≤ 19 digits making at most
    /// 2⁵³, |e| ≤ 22) and of strtod, with leading zeros, signs and subnormal or
    /// huge values, and runs of 1–35 digits on both sides of the 8-byte reads.
    @Test func numbersEqualTheStandardLibrarysParser() throws {
        var random = SeededGenerator(seed: 42)
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(random.next() % 10)) }) }
        var tokens = ["0", "-0", "0.0", "1", "-1", "9007199254740993", "0.1", "123456789012345", "1234567890123456",
                      "1e22", "1e23", "1e-22", "1e-23", "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308",
                      "0.000000000000000000000000001", "442.2460114", "0.819738392", "100000000000000000000000",
                      "12345678", "123456789", "1234567812345678", "12345678123456789", "9007199254740992",
                      "9007199254740992.5", "0.00000001", "0.0000000012345678", "9999999999999999999", "18446744073709551616",
                      "99999999999999999999.5", "0.12345678901234567890123", "12345678.87654321e-3"]
        for _ in 0..<20000 {
            var token = random.next() % 4 == 0 ? "-" : ""
            let integerDigits = Int(random.next() % 18)
            token += integerDigits == 0 ? "0" : String(1 + random.next() % 9) + digits(integerDigits - 1)
            if random.next() % 3 != 0 { token += "." + digits(1 + Int(random.next() % 18)) }
            if random.next() % 3 == 0 {
                token += ["e", "E"][Int(random.next() % 2)] + ["", "+", "-"][Int(random.next() % 3)]
                token += String(random.next() % 40)
            }
            tokens.append(token)
        }
        // Alone (the token ends the buffer) and followed by what ends a number in a
        // body, then more digits, so that the 8-byte digit reads straddle the end
        // of the number: the bytes next to "0"…"9" ('/', ':'), a non-ASCII byte.
        let followers = ["", ",", "]", " ", "/", ":", "\u{E9}", "x"]
        for (k, token) in tokens.enumerated() {
            let expected = try #require(Double(token), "\(token)")
            let follower = followers[k % followers.count]
            let text = follower.isEmpty ? token : token + follower + "12345678901234567"
            let (read, end) = Array(text.utf8).withUnsafeBytes { bytes -> (Double?, Int) in
                var reader = NumericRowsJSON.Reader(bytes: bytes)
                return (reader.number(), reader.i)
            }
            #expect(read?.bitPattern == expected.bitPattern, "\(text): read \(String(describing: read)), expected \(expected)")
            #expect(end == token.utf8.count, "\(text): stopped at \(end)")
        }
    }

    @Test(arguments: [
        #"{"rows": [[1, 2]]}"#,                      // wrong width: the general path words the error
        #"{"rows": [[1, 2, 3, 4]]}"#,
        #"{"rows": [[1, 2, "3"]]}"#,                 // strings, nulls, objects
        #"{"rows": [[1, 2, null]]}"#,
        #"{"rows": [{"a": 1}]}"#,
        #"{"rows": [[1, 2, 1e999]]}"#,               // not finite
        #"{"rows": [[1, 2, 01]]}"#,                  // not JSON numbers
        #"{"rows": [[1, 2, .5]]}"#,
        #"{"rows": [[1, 2, 3.]]}"#,
        #"{"rows": [[1, 2, +3]]}"#,
        #"{"rows": [[1, 2, NaN]]}"#,
        #"{"rows": []}"#,                             // empty, missing, other keys, labels
        #"{}"#,
        #"{"rows": [[1, 2, 3]], "labels": ["a"]}"#,
        #"{"rows": [[1, 2, 3]], "other": 1}"#,
        #"{"r\u006fws": [[1, 2, 3]]}"#,
        #"{"rows": [[1, 2, 3]]} trailing"#,           // malformed
        #"{"rows": [[1, 2, 3]],}"#,
        #"{"rows": [[1, 2, 3]]"#,
        #"{"rows": [[1, 2, 3]], "rows": [[1, 2, 3]]}"#,
        #"{"rows": [[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3],[1,2,3]]}"#,  // > maxRows
    ])
    func otherBodiesGoToTheGeneralPath(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    /// Through the service: the same rows as arrays (fast path) and as objects
    /// keyed by feature name (general path) get the same answers.
    @Test func bothPathsAnswerTheSame() async throws {
        let harness = try ServiceHarness()
        let names = ["Area", "MajorAxisLength", "MinorAxisLength", "Eccentricity", "ConvexArea", "Extent", "Perimeter"]
        let rows: [[Double]] = [[87524, 442.2460114, 253.291155, 0.819738392, 90546, 0.758650579, 1184.04],
                                [45928, 286.5405586, 208.7600423, 0.684989217, 47336, 0.699599385, 844.162]]
        let arrays = #"{"rows": [\#(rows.map { "[" + $0.map { "\($0)" }.joined(separator: ",") + "]" }.joined(separator: ","))]}"#
        let objects = #"{"rows": [\#(rows.map { row in "{" + zip(names, row).map { "\"\($0)\": \($1)" }.joined(separator: ",") + "}" }.joined(separator: ","))]}"#
        try await harness.test { client in
            var answers: [[[String: Double]]] = []
            for body in [arrays, objects] {
                try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                         body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok, "\(response.text)")
                    let predictions = response.object["predictions"] as? [[String: Any]] ?? []
                    answers.append(predictions.map { $0["probabilities"] as? [String: Double] ?? [:] })
                }
            }
            #expect(answers.count == 2 && answers[0] == answers[1] && answers[0].count == 2)
        }
    }
}
#endif
