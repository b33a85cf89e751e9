import Foundation
import Logit
import Testing

@Suite("logit predict")
struct PredictCommandTests {
    static func trained() throws -> Workspace {
        let workspace = Workspace()
        let result = try workspace.logit("train", "--output", "m.json", "--quiet")
        #expect(result.status == 0, "\(result)")
        return workspace
    }

    /// CSV: a header, then one line per row; probabilities sum to 1 (within
    /// 2e-6: two values printed with 6 decimals) and the predicted class has
    /// the larger one.
    @Test func csvByDefault() throws {
        let workspace = try Self.trained()
        let result = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV)
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 901 && lines[0] == "predicted,p_Besni,p_Kecimen")
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",")
            let p0 = Double(fields[1])!, p1 = Double(fields[2])!
            #expect(abs(p0 + p1 - 1) <= 2e-6)
            #expect(fields[0] == (p1 >= p0 ? "Kecimen" : "Besni"))
        }
    }

    /// JSON lines, from standard input, with the columns in another order and
    /// without the label column: the same predictions.
    @Test func jsonLinesFromStandardInput() throws {
        let workspace = try Self.trained()
        let csv = try workspace.logit("predict", "--model", "m.json", "--data", CLI.raisinCSV).stdout
            .split(separator: "\n").dropFirst()
        let lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n")
        let reversed = lines.prefix(21).map { line in
            line.split(separator: ",").dropLast().reversed().joined(separator: ",")
        }.joined(separator: "\n") + "\n"
        let result = try workspace.logit("predict", "--model", "m.json", "--data", "-", "--format", "jsonl",
                                         input: Data(reversed.utf8))
        #expect(result.status == 0, "\(result)")
        let objects = try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 20)
        for (object, line) in zip(objects, csv) {
            let fields = line.split(separator: ",")
            #expect(object["predicted"] as? String == String(fields[0]))
            let p = try #require(object["probabilities"] as? [String: Double])
            #expect(abs(p["Kecimen"]! - Double(fields[2])!) <= 1e-6)
        }
        let json = try workspace.logit("predict", "--model", "m.json", "--data", "-", "--json", input: Data(reversed.utf8))
        #expect(json.stdout == result.stdout)
    }

    @Test func npyInputAndOutputFile() throws {
        let workspace = try Self.trained()
        let raisin = try Dataset<Double>.raisin()
        try NPYWriter.write(raisin.features.rows(0..<5), to: workspace.file("x.npy"))
        let result = try workspace.logit("predict", "--model", "m.json", "--data", "x.npy", "--output", "p.csv")
        #expect(result.status == 0 && result.stdout.isEmpty, "\(result)")
        #expect(workspace.read("p.csv").split(separator: "\n").count == 6)
        let piped = try workspace.logit("predict", "--model", "m.json", "--data", "-",
                                        input: FileManager.default.contents(atPath: workspace.file("x.npy")))
        #expect(piped.stdout == workspace.read("p.csv"))
    }
}
