import Foundation

/// `Fixtures/drift.json`, written by scripts/reference/make_drift_fixtures.py
/// from Evidently 0.7.14's stattests and SciPy 1.16.3 (pinned in
/// scripts/requirements-drift.txt).
struct DriftFixture: Decodable, Sendable {
    struct Result: Decodable, Sendable {
        var method: String
        var `default`: Bool
        var threshold: Double
        var score: Double
        var drift_detected: Bool
    }

    struct Case: Decodable, Sendable {
        var name: String
        var reference: [Double]
        var current: [Double]
        var scipy_ks_statistic: Double
        var scipy_ks_pvalue: Double
        var ks_exact: Bool
        var ks_regime: String
        var scipy_wasserstein: Double
        var results: [Result]
        var testDescription: String { name }
    }

    var cases: [Case]

    static let shared: DriftFixture = {
        let url = Bundle.module.url(forResource: "drift", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(DriftFixture.self, from: Data(contentsOf: url))
    }()
}

