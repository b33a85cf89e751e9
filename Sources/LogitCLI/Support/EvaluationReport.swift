import Foundation
import Logit

/// What `logit evaluate` reports, as text or JSON.
struct EvaluationReport: Encodable {
    var model: String
    var runID: String?
    var data: String
    var rows: Int
    var classes: [String]
    var accuracy: Double
    var logLoss: Double
    /// Binary: the area under the ROC curve of P(class 1); more classes: the
    /// macro one-vs-rest mean. Nil when undefined (a class missing).
    var rocAUC: Double?
    var rocAUCNote: String?
    var objective: Double
    var classificationReport: ClassificationReport
    /// `confusionMatrix[i][j]`: rows of true class i predicted as class j.
    var confusionMatrix: [[Int]]
    /// `--tune-threshold`: the threshold on P(class 1) that maximizes F1 on
    /// these rows, with its precision, recall and F1.
    var threshold: ThresholdTuning.Result? = nil

    enum CodingKeys: String, CodingKey {
        case model, data, rows, classes, accuracy, objective
        case runID = "run_id"
        case logLoss = "log_loss"
        case rocAUC = "roc_auc"
        case rocAUCNote = "roc_auc_note"
        case classificationReport = "classification_report"
        case confusionMatrix = "confusion_matrix"
        case threshold = "tuned_threshold"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(runID, forKey: .runID)
        try c.encode(data, forKey: .data)
        try c.encode(rows, forKey: .rows)
        try c.encode(classes, forKey: .classes)
        try c.encode(accuracy, forKey: .accuracy)
        try c.encode(logLoss, forKey: .logLoss)
        try c.encode(rocAUC, forKey: .rocAUC)
        try c.encodeIfPresent(rocAUCNote, forKey: .rocAUCNote)
        try c.encode(objective, forKey: .objective)
        try c.encode(classificationReport, forKey: .classificationReport)
        try c.encode(confusionMatrix, forKey: .confusionMatrix)
        try c.encodeIfPresent(threshold, forKey: .threshold)
    }

    var text: String {
        var out = "model: \(model)\(runID.map { " (run \($0))" } ?? "")\n"
        out += "data:  \(data), \(rows) rows\n\n"
        out += classificationReport.text + "\n"
        out += "confusion matrix (rows: true class, columns: predicted class)\n"
        var table = TextTable([""] + classes)
        for (i, row) in confusionMatrix.enumerated() { table.add([classes[i]] + row.map(String.init)) }
        out += table.text + "\n"
        var summary = TextTable(["", ""])
        summary.add(["accuracy", String(format: "%.4f", accuracy)])
        summary.add(["ROC-AUC", rocAUC.map { String(format: "%.4f", $0) } ?? "undefined (\(rocAUCNote ?? ""))"])
        summary.add(["log-loss", String(format: "%.4f", logLoss)])
        summary.add(["objective", String(format: "%.4f", objective)])
        out += summary.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .joined(separator: "\n")
        if let threshold {
            out += "\nthreshold  " + String(format: "%.4f", threshold.threshold)
                + String(format: " maximizes F1 of %@ on these rows: F1 %.4f, precision %.4f, recall %.4f",
                         classes[1], threshold.f1, threshold.precision, threshold.recall)
                + "\n           (use it with logit predict --threshold " + String(format: "%.4f", threshold.threshold)
                + "; tune it on validation rows, not test rows)\n"
        }
        return out
    }
}
