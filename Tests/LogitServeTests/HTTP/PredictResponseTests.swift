#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Logit
import LogitNumerics
import Testing
@testable import LogitServe

/// The predict response is written into space sized once per request
/// (``JSONCursor``): class names that need escaping, long non-ASCII names,
/// many rows and explanations must all fit and read back as the scorer's
/// answers.
@Suite struct PredictResponseTests {
    /// Three classes whose names need JSON escaping or are long and non-ASCII.
    static let classNames = ["quote\"d", "back\\slash\ttab", "ünïcode-" + String(repeating: "é", count: 150)]

    /// A 3-class model on 4 features, trained on separated clusters.
    static func writeModel(into folder: TestFolder) throws -> String {
        var random = SeededGenerator(seed: 21)
        var values: [Double] = [], labels: [Int] = []
        for i in 0..<300 {
            let c = i % 3
            labels.append(c)
            for j in 0..<4 { values.append(Double(c == j ? 3 : 0) + random.nextUnitInterval()) }
        }
        let data = try Dataset(features: try Matrix(rows: 300, columns: 4, elements: values), labels: labels,
                               classNames: classNames)
        let classifier = try LogisticClassifier<Double>(fitting: data)
        let path = folder.path("three.json")
        try classifier.save(to: path)
        return path
    }

    @Test(arguments: [false, true]) func manyRowsWithAwkwardClassNamesReadBack(explain: Bool) async throws {
        let harness = try ServiceHarness(model: ServiceHarness.ModelWriter(write: Self.writeModel))
        let model = try harness.state.currentModel()
        var random = SeededGenerator(seed: 22)
        let n = 500
        let rows = (0..<n).map { _ in (0..<4).map { _ in 4 * random.nextUnitInterval() - 0.5 } }
        let expected = try model.scorer.score(try Matrix(rows: n, columns: 4, elements: rows.flatMap { $0 }))
        let body = try JSONSerialization.data(withJSONObject: ["rows": rows, "explain": explain])
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(bytes: body)) { response in
                #expect(response.status == .ok)
                let predictions = try #require(response.object["predictions"] as? [[String: Any]])
                #expect(predictions.count == n)
                var ids = Set<String>()
                for (i, prediction) in predictions.enumerated() {
                    ids.insert(try #require(prediction["id"] as? String))
                    #expect(prediction["label"] as? String == Self.classNames[expected.labels[i]])
                    let probabilities = try #require(prediction["probabilities"] as? [String: Double])
                    #expect(Set(probabilities.keys) == Set(Self.classNames))
                    for (c, name) in Self.classNames.enumerated() {
                        // The text is the shortest round-trip form (JSONTextTests: bit for bit through
                        // Double(_:)); Foundation's parser here goes through Decimal and was off by up to
                        // 5 ulp, so 16 ulp. Another row's or class's value is off by far more.
                        let e = expected.probabilities[i, c]
                        #expect(abs((probabilities[name] ?? .nan) - e) <= 16 * e.ulp, "row \(i) class \(c)")
                    }
                    #expect((prediction["explanation"] != nil) == explain)
                }
                #expect(ids.count == n)
            }
        }
    }
}
#endif
