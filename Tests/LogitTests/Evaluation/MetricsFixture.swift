import Foundation
import Logit
import LogitNumerics
import Testing

/// `Fixtures/metrics.json`, written by scripts/reference/make_metrics_fixtures.py
/// with scikit-learn 1.9.1 (see the script for what each case covers).
struct MetricsFixture: Decodable, Sendable {
    struct Average: Decodable, Sendable {
        var precision: Double
        var recall: Double
        var f1: Double
    }

    struct Classification: Decodable, Sendable {
        var name: String
        var y_true: [Int]
        var y_pred: [Int]
        var labels: [Int]?
        var resolved_labels: [Int]
        var accuracy: Double
        var precision: [Double]
        var recall: [Double]
        var f1: [Double]
        var support: [Int]
        var micro: Average
        var macro: Average
        var weighted: Average
        var confusion_matrix: [[Int]]
    }

    struct TuningRow: Decodable, Sendable {
        var threshold: Double
        var precision: Double
        var recall: Double
        var f1: Double
    }

    struct Target: Decodable, Sendable {
        var target: Double
        var result: TuningRow?
    }

    struct Tuning: Decodable, Sendable {
        var max_f1: TuningRow
        var precision_targets: [Target]
        var recall_targets: [Target]
    }

    struct Curve: Decodable, Sendable {
        var fpr: [Double]
        var tpr: [Double]
        var thresholds_after_inf: [Double]
    }

    struct BinaryScores: Decodable, Sendable {
        var name: String
        var y_true: [Int]
        var scores: [Double]
        var roc_auc: Double
        var roc_curve: Curve
        var tuning: Tuning
    }

    struct Probabilities: Decodable, Sendable {
        var name: String
        var y_true: [Int]
        var probabilities: [[Double]]
        var sample_weight: [Double]
        var roc_auc_ovr_macro: Double
        var roc_auc_ovr_weighted: Double
        var log_loss: Double
        var log_loss_weighted: Double
    }

    struct LogLossCase: Decodable, Sendable {
        var name: String
        var y_true: [Int]
        var dtype: String
        var positive_probabilities: [Double]?
        var probabilities: [[Double]]?
        var sample_weight: [Double]?
        var normalize: Bool
        var value: Double
    }

    struct Standard: Decodable, Sendable {
        var mean: [Double]
        var `var`: [Double]
        var scale: [Double]
        var train_transformed: [[Double]]
        var test_transformed: [[Double]]
    }

    struct MinMax: Decodable, Sendable {
        var data_min: [Double]
        var data_max: [Double]
        var scale: [Double]
        var min: [Double]
        var train_transformed: [[Double]]
        var test_transformed: [[Double]]
    }

    struct Scalers: Decodable, Sendable {
        var train: [[Double]]
        var test: [[Double]]
        var standard: Standard
        var minmax: MinMax
    }

    struct Report: Decodable, Sendable {
        var name: String
        var y_true: [Int]
        var y_pred: [Int]
        var labels: [Int]?
        var class_names: [String]?
        var digits: Int
        var text: String
    }

    var classification: [Classification]
    var binary_scores: [BinaryScores]
    var multiclass_probabilities: [Probabilities]
    var log_loss: [LogLossCase]
    var scalers: Scalers
    var reports: [Report]

    /// The fixture, decoded once.
    static let shared: MetricsFixture = {
        let url = Bundle.module.url(forResource: "metrics", withExtension: "json", subdirectory: "Fixtures")!
        return try! JSONDecoder().decode(MetricsFixture.self, from: Data(contentsOf: url))
    }()
}

/// Expects |actual − expected| ≤ relative · max(|expected|, floor) element by
/// element. `floor` keeps the bound meaningful for expected values at or near 0.
func expectClose(_ actual: [Double], _ expected: [Double], relative: Double, floor: Double = 1,
                 _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= relative * max(abs(e), floor)) {
        Issue.record("\(what)[\(i)]: \(a) vs \(e) (relative tolerance \(relative))", sourceLocation: sourceLocation)
    }
}

func expectClose(_ actual: Double, _ expected: Double, relative: Double, floor: Double = 1, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose([actual], [expected], relative: relative, floor: floor, what, sourceLocation: sourceLocation)
}
