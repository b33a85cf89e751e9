import Foundation
import Logit
import Testing

/// `predict --digits/--threshold`, `evaluate --tune-threshold` (issue 11).
@Suite("logit output options")
struct OutputOptionsTests {
    @Test func predictDigitsAndThreshold() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let two = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV, "--digits", "2")
        #expect(two.status == 0, "\(two)")
        let rows = two.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.allSatisfy { $0[1].count == 4 && $0[2].count == 4 }, "\(rows.prefix(3))")   // 0.xx
        // a threshold of 0.9: Kecimen only where P(Kecimen) ≥ 0.9
        let strict = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV, "--threshold", "0.9")
        #expect(strict.status == 0, "\(strict)")
        let lines = strict.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(lines.count == 900)
        for line in lines {
            let p = try #require(Double(line[2]))
            // probabilities print with 6 digits: rows within 5e-7 of 0.9 could go either way
            if abs(p - 0.9) > 5e-7 { #expect((line[0] == "Kecimen") == (p >= 0.9), "\(line)") }
        }
        let kecimen = lines.filter { $0[0] == "Kecimen" }.count
        #expect(kecimen > 0 && kecimen < 450)
        let bad = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV, "--threshold", "1.5")
        #expect(bad.status == 2 && bad.stderr.contains("--threshold"))
    }

    @Test func evaluateTuneThreshold() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let result = try workspace.logit("evaluate", "--model", "m.json", "--data", CLI.raisinCSV, "--tune-threshold")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("threshold  0.") && result.stdout.contains("maximizes F1 of Kecimen"))
        let json = try workspace.logit("evaluate", "--model", "m.json", "--data", CLI.raisinCSV, "--tune-threshold",
                                       "--json").json()
        let tuned = try #require(json["tuned_threshold"] as? [String: Any])
        // the same rows through the library: the model's P(Kecimen) and ThresholdTuning
        let file = try ModelFile.read(from: workspace.file("m.json"))
        let data = try Dataset<Double>.raisin()
        let p = try file.model(as: Double.self).predictProbabilities(file.scaler.transform(data.features)).column(1)
        let expected = try ThresholdTuning.maximizingF1(trueLabels: data.labels, scores: p)
        // the CLI and this test may compute P on different backends (summation order):
        // probabilities agree to ~1e-15, so the chosen threshold to 1e-12
        let threshold = try #require(tuned["threshold"] as? Double)
        #expect(abs(threshold - expected.threshold) <= 1e-12, "\(threshold) vs \(expected.threshold)")
        // F1 from the same counts; Foundation's JSON number printing may move the last digit
        #expect(abs((tuned["f1"] as? Double ?? 0) - expected.f1) <= 1e-14)
    }
}
