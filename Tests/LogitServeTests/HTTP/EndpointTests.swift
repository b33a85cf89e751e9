#if Service
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logit
import LogitNumerics
import Testing
@testable import LogitServe

/// Every endpoint end to end through HummingbirdTesting's router client.
@Suite struct EndpointTests {
    static let rowsJSON = """
        {"rows": [[87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0],
                  {"Perimeter": 1121.8, "Area": 75166, "MajorAxisLength": 406.69, "MinorAxisLength": 243.03,
                   "Eccentricity": 0.80, "ConvexArea": 78789, "Extent": 0.68}]}
        """
    static let rows: [[Double]] = [[87524, 442.2, 253.3, 0.82, 90546, 0.76, 1184.0],
                                   [75166, 406.69, 243.03, 0.80, 78789, 0.68, 1121.8]]

    @Test func healthReadyAndModel() async throws {
        let harness = try ServiceHarness()
        let version = try #require(harness.state.models.current?.version)
        try await harness.test { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["status"] as? String == "ok")
                #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
            }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.object["model_version"] as? String == version)
            }
            try await client.execute(uri: "/v1/model", method: .get, headers: harness.user) { response in
                #expect(response.status == .ok)
                let object = response.object
                #expect(object["version"] as? String == version)
                #expect(object["classes"] as? [String] == ["Besni", "Kecimen"])
                #expect((object["features"] as? [String])?.count == 7)
                #expect(object["has_reference"] as? Bool == true)
                #expect((object["metrics"] as? [String: Any])?["train"] != nil)
            }
            // the request id given is echoed
            try await client.execute(uri: "/health", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "abc-123"]) { response in
                #expect(response.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
            }
        }
    }

    @Test func webPageNeedsNoKey() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            for (path, type) in [("/", "text/html"), ("/app.js", "text/javascript"), ("/style.css", "text/css")] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix(type) == true)
                }
            }
        }
    }

    /// Probabilities equal the library's scoring of the same rows (plumbing:
    /// the numerics are tested against scikit-learn elsewhere). Tolerance
    /// 1e-12: the same arithmetic, and JSON carries Double's shortest
    /// round-trip text, so only the last bits could differ.
    @Test func predictMatchesLibraryScoring() async throws {
        let harness = try ServiceHarness()
        let file = try RaisinFixture.trained.get().file
        let expected = try LogisticClassifier<Double>(file).predictProbabilities(Self.rows)
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(json: Self.rowsJSON)) { response in
                #expect(response.status == .ok)
                let predictions = try #require(response.object["predictions"] as? [[String: Any]])
                #expect(predictions.count == 2)
                #expect(response.object["model_version"] as? String == harness.state.models.current?.version)
                for (i, prediction) in predictions.enumerated() {
                    let p = try #require(prediction["probabilities"] as? [String: Double])
                    #expect(abs(p["Besni"]! - expected[i, 0]) < 1e-12)
                    #expect(abs(p["Kecimen"]! - expected[i, 1]) < 1e-12)
                    #expect(prediction["label"] as? String == (expected[i, 1] >= 0.5 ? "Kecimen" : "Besni"))
                    #expect(UInt64(prediction["id"] as? String ?? "") != nil)
                }
            }
            // text/csv, columns in another order with an extra column: the same answer
            let csv = "Class,Perimeter,Area,MajorAxisLength,MinorAxisLength,Eccentricity,ConvexArea,Extent\nX,1184.0,87524,442.2,253.3,0.82,90546,0.76\n"
            try await client.execute(uri: "/v1/predict", method: .post,
                                     headers: [.authorization: "Bearer \(harness.userKey)", .contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .ok)
                let predictions = try #require(response.object["predictions"] as? [[String: Any]])
                let p = try #require(predictions.first?["probabilities"] as? [String: Double])
                #expect(abs(p["Kecimen"]! - expected[0, 1]) < 1e-12)
            }
        }
    }

    @Test func thresholdAndExplain() async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            // this row's P(Kecimen) is ≈ 0.498: threshold 0.01 predicts Kecimen, 0.99 Besni
            let body = #"{"rows": [[75166, 406.69, 243.03, 0.80, 78789, 0.68, 1121.8]], "threshold": 0.01, "explain": true}"#
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                let prediction = try #require((response.object["predictions"] as? [[String: Any]])?.first)
                #expect(prediction["label"] as? String == "Kecimen")
                let explanation = try #require(prediction["explanation"] as? [String: Any])
                let contributions = try #require(explanation["contributions"] as? [[String: Any]])
                #expect(contributions.count == 7)
                // the contributions and the intercept add up to the score (log-odds), to rounding
                let sum = contributions.compactMap { ($0["contribution"] as? [Double])?.first }.reduce(0, +)
                    + ((explanation["intercept"] as? [Double])?.first ?? .nan)
                #expect(abs(sum - ((explanation["scores"] as? [Double])?.first ?? .nan)) < 1e-9)
            }
            try await client.execute(uri: "/v1/predict?threshold=0.99", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: #"{"rows": [[75166, 406.69, 243.03, 0.80, 78789, 0.68, 1121.8]]}"#)) { response in
                let prediction = try #require((response.object["predictions"] as? [[String: Any]])?.first)
                #expect(prediction["label"] as? String == "Besni")
            }
        }
    }

    @Test(arguments: [
        (#"{"rows": [[1, 2]]}"#, "row 0 has 2 values but the model has 7 features"),
        (#"{"rows": [[1, 2, 3, 4, 5, 6, "x"]]}"#, "row 0, column 6 (Perimeter) is 'x'"),
        (#"{"rows": [[1, 2, 3, 4, 5, 6, 7], [1, 2, 3, null, 5, 6, 7]]}"#, "row 1, column 3 (Eccentricity) is null"),
        (#"{"rows": [[1, 2, 3, 4, 5, 6, 1e999]]}"#, "row 0, column 6 (Perimeter) is not a finite number"),
        (#"{"rows": [[1, 2, 3, 4, 5, 6, "NaN"]]}"#, "row 0, column 6 (Perimeter) is 'NaN': features must be finite"),
        (#"{"rows": [{"Area": 1}]}"#, "row 0 has no feature 'MajorAxisLength'"),
        (#"{"rows": [{"Area": 1, "MajorAxisLength": 1, "MinorAxisLength": 1, "Eccentricity": 1, "ConvexArea": 1, "Extent": 1, "Perimeter": 1, "Color": 2}]}"#,
         "row 0 has an unknown feature 'Color'"),
        (#"{"rows": []}"#, "\"rows\" is empty"),
        (#"{"rows": "#, "invalid JSON"),
        (#"{"data": []}"#, "the body has no \"rows\""),
        (#"{"rows": [[1, 2, 3, 4, 5, 6, 7]], "threshold": 1.5}"#, "threshold 1.5 must be strictly between 0 and 1"),
        (#"{"rows": [7]}"#, "row 0 is neither an array"),
    ])
    func badRequestsNameTheProblem(_ body: String, _ message: String) async throws {
        let harness = try ServiceHarness()
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorCode == "bad_request")
                #expect(response.errorMessage.contains(message), "\(response.errorMessage)")
            }
            // and the service keeps serving
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: Self.rowsJSON)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func csvErrorsNameLineAndColumn() async throws {
        let harness = try ServiceHarness()
        let csv = "Area,MajorAxisLength,MinorAxisLength,Eccentricity,ConvexArea,Extent,Perimeter\n1,2,3,4,5,6,7\n1,2,abc,4,5,6,7\n"
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post,
                                     headers: [.authorization: "Bearer \(harness.userKey)", .contentType: "text/csv"],
                                     body: ByteBuffer(string: csv)) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage.contains("line 3"), "\(response.errorMessage)")
                #expect(response.errorMessage.contains("'abc' is not a number in column 'MinorAxisLength'"))
            }
        }
    }

    @Test func tooManyRowsAndUnsupportedType() async throws {
        let harness = try ServiceHarness { $0.maxRows = 1 }
        try await harness.test { client in
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: Self.rowsJSON)) { response in
                #expect(response.status == .badRequest)
                #expect(response.errorMessage.contains("more than the limit of 1 rows"))
            }
            try await client.execute(uri: "/v1/predict", method: .post,
                                     headers: [.authorization: "Bearer \(harness.userKey)", .contentType: "image/png"],
                                     body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
            try await client.execute(uri: "/nowhere", method: .get, headers: harness.user) { response in
                #expect(response.status == .notFound)
                #expect(response.errorCode == "not_found")
            }
        }
    }
}
#endif
