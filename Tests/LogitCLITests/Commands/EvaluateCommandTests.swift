import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("logit evaluate")
struct EvaluateCommandTests {
    @Test func fullReport() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let result = try workspace.logit("evaluate", "--model", "m.json", "--data", CLI.raisinCSV)
        #expect(result.status == 0, "\(result)")
        for expected in ["              precision    recall  f1-score   support", "       Besni       0.", "    accuracy  ",
                         "   macro avg", "weighted avg", "confusion matrix (rows: true class, columns: predicted class)",
                         "ROC-AUC    0.9", "log-loss   0.", "objective  0."] {
            #expect(result.stdout.contains(expected), "\(expected)")
        }
    }

    /// The JSON report's numbers agree with each other: the confusion
    /// matrix's diagonal over its total is the accuracy.
    @Test func jsonReport() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let json = try workspace.logit("evaluate", "--model", "m.json", "--data", CLI.raisinCSV, "--json").json()
        let matrix = try #require(json["confusion_matrix"] as? [[Int]])
        #expect(matrix.count == 2 && matrix.flatMap { $0 }.reduce(0, +) == 900)
        let accuracy = try #require(json["accuracy"] as? Double)
        #expect(abs(accuracy - Double(matrix[0][0] + matrix[1][1]) / 900) <= 1e-15)
        #expect((json["roc_auc"] as? Double ?? 0) > 0.9 && (json["log_loss"] as? Double ?? 9) < 0.5)
        let report = try #require(json["classification_report"] as? [String: Any])
        #expect((report["classes"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Besni", "Kecimen"])
    }

    /// A three-class CSV: multinomial training, one-vs-rest ROC-AUC.
    @Test func multinomial() throws {
        let workspace = Workspace()
        var lines = ["a,b,kind"]
        for i in 0..<90 {
            let c = i % 3, t = Double(i) / 90
            lines.append("\(Double(c) + 0.3 * sin(7 * t)),\(Double(2 - c) * 0.5 + 0.2 * cos(5 * t)),k\(c)")
        }
        workspace.write("three.csv", lines.joined(separator: "\n") + "\n")
        #expect(try workspace.logit("train", "--data", "three.csv", "--output", "m.json", "--quiet").status == 0)
        let json = try workspace.logit("evaluate", "--model", "m.json", "--data", "three.csv", "--json").json()
        #expect(json["classes"] as? [String] == ["k0", "k1", "k2"])
        #expect((json["confusion_matrix"] as? [[Int]])?.count == 3)
        #expect((json["roc_auc"] as? Double ?? 0) > 0.9)
    }

    /// A model trained in Float on the Swift backend evaluates in Double on
    /// the other backend, and the reverse: the same accuracy, log-loss within
    /// 1e-5 (Float rounding of weights and scores).
    @Test func eitherPrecisionAndBackendLoadInTheOther() throws {
        let workspace = Workspace()
        let other = BackendKind.available.last!.rawValue, first = BackendKind.available.first!.rawValue
        #expect(try workspace.logit("train", "--precision", "float", "--backend", other, "--output", "f.json", "--quiet").status == 0)
        #expect(try workspace.logit("train", "--precision", "double", "--backend", first, "--output", "d.json", "--quiet").status == 0)
        let asFloat = try workspace.logit("evaluate", "--model", "f.json", "--data", CLI.raisinCSV, "--json").json()
        let asDouble = try workspace.logit("evaluate", "--model", "f.json", "--data", CLI.raisinCSV, "--json",
                                           "--precision", "double", "--backend", first).json()
        #expect(asFloat["accuracy"] as? Double == asDouble["accuracy"] as? Double)
        #expect(abs((asFloat["log_loss"] as! Double) - (asDouble["log_loss"] as! Double)) <= 1e-5)
        let dAsFloat = try workspace.logit("evaluate", "--model", "d.json", "--data", CLI.raisinCSV, "--json",
                                           "--precision", "float", "--backend", other)
        #expect(dAsFloat.status == 0, "\(dAsFloat)")
    }
}
