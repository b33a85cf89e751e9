import Foundation
import Logit
import Testing

/// `explain --class` and `--top` for multinomial models, sorted by magnitude,
/// within 100 columns (issue 11).
@Suite("logit explain: --class, --top")
struct ExplainOptionsTests {
    /// A 3-class CSV with 6 features, one of them (f5) nearly irrelevant.
    static func threeClasses(_ workspace: Workspace) {
        var lines = ["f0,f1,f2,f3,f4,a_rather_long_feature_name_for_width,kind"]
        for i in 0..<120 {
            let c = i % 3, t = Double(i) / 120
            let values = [Double(c) + 0.4 * sin(7 * t), Double(2 - c) * 0.5 + 0.3 * cos(5 * t), 0.2 * Double(c) + sin(3 * t),
                          cos(11 * t), 0.1 * Double(c) + 0.5 * sin(13 * t), 0.01 * sin(17 * t)]
            lines.append(values.map { String(format: "%.5f", $0) }.joined(separator: ",") + ",k\(c)")
        }
        workspace.write("three.csv", lines.joined(separator: "\n") + "\n")
    }

    @Test func multinomialFitsAndSortsByMagnitude() throws {
        let workspace = Workspace()
        Self.threeClasses(workspace)
        #expect(try workspace.logit("train", "--data", "three.csv", "--output", "m.json", "--quiet").status == 0)
        let all = try workspace.logit("explain", "--model", "m.json")
        #expect(all.status == 0, "\(all)")
        #expect(all.stdout.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(all.stdout)")
        let file = try ModelFile.read(from: workspace.file("m.json"))
        // rows in order of the largest |standardized weight| over the classes
        let size = (0..<file.featureCount).map { j in file.weights.map { abs($0[j]) }.max()! }
        let expectedOrder = (0..<file.featureCount).sorted { size[$0] > size[$1] }.map { file.featureNames[$0] }
        let shown = all.stdout.split(separator: "\n").compactMap { line in
            file.featureNames.first { line.hasPrefix(String($0.prefix(23))) }
        }
        #expect(shown == expectedOrder, "\(all.stdout)")
    }

    @Test func oneClassTopK() throws {
        let workspace = Workspace()
        Self.threeClasses(workspace)
        #expect(try workspace.logit("train", "--data", "three.csv", "--output", "m.json", "--quiet").status == 0)
        let result = try workspace.logit("explain", "--model", "m.json", "--class", "k1", "--top", "2")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("weight (original)"))
        #expect(result.stdout.contains("(4 smaller weights not shown; --top 2)"))
        let file = try ModelFile.read(from: workspace.file("m.json"))
        let w = file.weights[1]
        // names longer than 24 characters are clipped to 23 and "…"
        let top2 = w.indices.sorted { abs(w[$0]) > abs(w[$1]) }.prefix(2).map { String(file.featureNames[$0].prefix(23)) }
        let rows = result.stdout.split(separator: "\n").filter { line in
            file.featureNames.contains { line.hasPrefix(String($0.prefix(23))) }
        }
        #expect(rows.count == 2 && rows[0].hasPrefix(top2[0]) && rows[1].hasPrefix(top2[1]), "\(result.stdout)")
        let row = try workspace.logit("explain", "--model", "m.json", "--class", "k1", "--top", "2", "--row", "1",
                                      "--data", "three.csv")
        #expect(row.status == 0 && row.stdout.contains("(4 others)"), "\(row)")
        let bad = try workspace.logit("explain", "--model", "m.json", "--class", "nope")
        #expect(bad.status == 1 && bad.stderr.contains("not one of the model's classes"), "\(bad)")
    }
}
