import Foundation
import Logit
import Testing

@Suite("logit explain")
struct ExplainCommandTests {
    @Test func weightsPerFeature() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let result = try workspace.logit("explain", "--model", "m.json")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("binary: log-odds of Kecimen (vs Besni)"))
        #expect(result.stdout.contains("weight (standardized)") && result.stdout.contains("weight (original)"))
        for name in RaisinDataset.featureNames + ["intercept"] { #expect(result.stdout.contains("\n\(name) ")) }

        // Original units: w / std (the scaler's scale) and b − Σ w·mean/std.
        let json = try workspace.logit("explain", "--model", "m.json", "--json").json()
        let file = try ModelFile.read(from: workspace.file("m.json"))
        guard case let .standard(scaler) = file.scaler else { Issue.record("not standardized"); return }
        let features = try #require(json["features"] as? [[String: Any]])
        for (j, feature) in features.enumerated() {
            let original = (feature["weights_original"] as! [Double])[0]
            #expect(abs(original - file.weights[0][j] / scaler.scale[j]) <= 1e-12 * abs(original))
        }
        let intercept = try #require((json["intercept_original"] as? [Double])?.first)
        let expected = file.bias[0] - (0..<7).reduce(0) { $0 + file.weights[0][$1] * scaler.mean[$1] / scaler.scale[$1] }
        #expect(abs(intercept - expected) <= 1e-9 * abs(expected))
    }

    /// One row: the contributions plus the intercept add up to the score, and
    /// σ(score) is the probability `predict` gives that row.
    @Test func oneRowsContributions() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let text = try workspace.logit("explain", "--model", "m.json", "--row", "3", "--data", CLI.raisinCSV)
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("row 3 of \(CLI.raisinCSV) (line 4): predicted "))
        #expect(text.stdout.contains("true class Kecimen") && text.stdout.contains("score (log-odds)"))

        let json = try workspace.logit("explain", "--model", "m.json", "--row", "3", "--data", CLI.raisinCSV, "--json").json()
        let row = try #require(json["row"] as? [String: Any])
        let contributions = try #require(row["contributions"] as? [[String: Any]])
        let sum = contributions.reduce(0) { $0 + ($1["contribution"] as! [Double])[0] } + (row["intercept"] as! [Double])[0]
        let score = (row["scores"] as! [Double])[0]
        #expect(abs(sum - score) <= 1e-12)
        let probability = (row["probabilities"] as! [String: Double])["Kecimen"]!
        #expect(abs(probability - 1 / (1 + exp(-score))) <= 1e-12)
        let predicted = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV).stdout
            .split(separator: "\n")[3].split(separator: ",")
        #expect(abs(Double(predicted[2])! - probability) <= 1e-6)
    }
}
