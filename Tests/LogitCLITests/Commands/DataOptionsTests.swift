import Foundation
import Logit
import Testing

/// `--id-column`, `--drop`, `--features`, `--delimiter`, binary files,
/// `--class-names` and the missing label column (issue 11: real-world data).
@Suite("logit data options")
struct DataOptionsTests {
    /// Raisin as a TSV with a text identifier and a free-text column in front.
    static func raisinTSV(_ workspace: Workspace) throws -> String {
        let lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n")
        var out = ["id\tnote\t" + lines[0].replacingOccurrences(of: ",", with: "\t")]
        for (i, line) in lines.dropFirst().enumerated() {
            out.append("grain-\(i)\tsome text, \(i)\t" + line.replacingOccurrences(of: ",", with: "\t"))
        }
        return workspace.write("raisin.tsv", out.joined(separator: "\n") + "\n")
    }

    @Test("train skips --id-column and --drop columns of a TSV; predict echoes the ids")
    func idColumnAndDrop() throws {
        let workspace = Workspace()
        _ = try Self.raisinTSV(workspace)
        let train = try workspace.logit("train", "--data", "raisin.tsv", "--id-column", "id", "--drop", "note",
                                        "--output", "m.json", "--quiet", "--json")
        #expect(train.status == 0, "\(train)")
        #expect(try train.json()["features"] as? [String] == RaisinDataset.featureNames)
        let file = try ModelFile.read(from: workspace.file("m.json"))
        #expect(file.labelColumn == "Class")   // the default (last) column, recorded by name
        let predict = try workspace.logit("predict", "--model", "m.json", "--data", "raisin.tsv", "--id-column", "id")
        #expect(predict.status == 0, "\(predict)")
        let rows = predict.stdout.split(separator: "\n")
        #expect(rows.first == "id,predicted,p_Besni,p_Kecimen")
        #expect(rows.count == 901 && rows[1].hasPrefix("grain-0,") && rows[900].hasPrefix("grain-899,"))
        let jsonl = try workspace.logit("predict", "--model", "m.json", "--data", "raisin.tsv", "--id-column", "id", "--json")
        #expect(jsonl.stdout.hasPrefix("{\"id\":\"grain-0\","), "\(jsonl)")
    }

    @Test("--features selects and orders columns; --delimiter ';'")
    func featuresAndDelimiter() throws {
        let workspace = Workspace()
        let text = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).replacingOccurrences(of: ",", with: ";")
        workspace.write("raisin.csv", text)
        let result = try workspace.logit("train", "--data", "raisin.csv", "--delimiter", ";",
                                         "--features", "Perimeter,Area", "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(try result.json()["features"] as? [String] == ["Perimeter", "Area"])
        let bad = try workspace.logit("train", "--data", "raisin.csv", "--delimiter", ";", "--features", "Area,Nope")
        #expect(bad.status == 1 && bad.stderr.contains("no column named \"Nope\"") && bad.hasNoStackTrace, "\(bad)")
    }

    @Test("a Parquet file is refused with what to convert it to, in train and predict")
    func parquetRefused() throws {
        let workspace = Workspace()
        _ = workspace.write("data.parquet", "PAR1\u{0}\u{0}\u{0}\u{0}")
        let train = try workspace.logit("train", "--data", "data.parquet")
        #expect(train.status == 1 && train.stderr.contains("Parquet") && train.stderr.contains("convert it to CSV"), "\(train)")
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        let predict = try workspace.logit("predict", "--model", "m.json", "--data", "data.parquet")
        #expect(predict.status == 1 && predict.stderr.contains("Parquet"), "\(predict)")
    }

    @Test("evaluate on a file without the label column says the label column is missing")
    func missingLabelColumn() throws {
        let workspace = Workspace()
        let lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n")
        let noLabel = lines.map { $0.split(separator: ",").dropLast().joined(separator: ",") }.joined(separator: "\n")
        workspace.write("nolabel.csv", noLabel + "\n")
        #expect(try workspace.logit("train", "--data", CLI.raisinCSV, "--output", "m.json", "--quiet").status == 0)
        let result = try workspace.logit("evaluate", "--model", "m.json", "--data", "nolabel.csv")
        #expect(result.status == 1 && result.stderr.contains("label column") && result.hasNoStackTrace, "\(result)")
        // a model file from before the label column was recorded (no labelColumn field)
        var file = try ModelFile.read(from: workspace.file("m.json"))
        file.labelColumn = nil
        try file.write(to: workspace.file("old.json"))
        let old = try workspace.logit("evaluate", "--model", "old.json", "--data", "nolabel.csv")
        #expect(old.status == 1 && old.stderr.contains("no label column") && !old.stderr.contains("has no column"), "\(old)")
    }

    @Test("--class-names names .npy labels")
    func classNamesForNPY() throws {
        let workspace = Workspace()
        let raisin = try Dataset<Double>.raisin()
        try NPYWriter.write(raisin.features, to: workspace.file("x.npy"))
        try NPYWriter.write(labels: raisin.labels, to: workspace.file("y.npy"))
        let result = try workspace.logit("train", "--data", "x.npy", "--labels", "y.npy", "--class-names", "Besni,Kecimen",
                                         "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        #expect(try result.json()["classes"] as? [String] == ["Besni", "Kecimen"])
        let wrong = try workspace.logit("train", "--data", "x.npy", "--labels", "y.npy", "--class-names", "a,b,c")
        #expect(wrong.status == 1 && wrong.stderr.contains("3 names") && wrong.stderr.contains("2 classes"), "\(wrong)")
    }
}

/// A model with an imputer (fitted in the library) predicts and evaluates CSV
/// rows with missing cells; one without refuses them, located.
@Suite("logit predict/evaluate with an imputing model")
struct ImputingModelCommandTests {
    @Test func missingCellsFilledByTheModel() throws {
        let workspace = Workspace()
        let raisin = try Dataset<Double>.raisin()
        let classifier = try LogisticClassifier<Double>(fitting: raisin, configuration: TrainingConfiguration(solver: .newton),
                                                        labelColumn: "Class", imputation: .mean)
        try classifier.save(to: workspace.file("imputing.json"))
        let plain = try LogisticClassifier<Double>(fitting: raisin, configuration: TrainingConfiguration(solver: .newton),
                                                   labelColumn: "Class")
        try plain.save(to: workspace.file("plain.json"))
        var lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n").map(String.init)
        var cells = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[0] = "NA"
        cells[2] = ""
        lines[1] = cells.joined(separator: ",")
        workspace.write("holes.csv", lines.joined(separator: "\n") + "\n")
        let predicted = try workspace.logit("predict", "--model", "imputing.json", "--data", "holes.csv")
        #expect(predicted.status == 0, "\(predicted)")
        // row 1 as the library fills it
        var row = raisin.features.row(0)
        row[0] = .nan
        row[2] = .nan
        let p = try classifier.predictProbabilities(row)
        let first = predicted.stdout.split(separator: "\n")[1].split(separator: ",")
        #expect(abs(Double(first[2])! - p[1]) <= 5e-7)   // printed with 6 decimals
        let evaluated = try workspace.logit("evaluate", "--model", "imputing.json", "--data", "holes.csv")
        #expect(evaluated.status == 0, "\(evaluated)")
        let refused = try workspace.logit("predict", "--model", "plain.json", "--data", "holes.csv")
        #expect(refused.status == 1 && refused.stderr.contains("line 2") && refused.hasNoStackTrace, "\(refused)")
    }

    /// `train --impute mean`: the fill value stored in the model is the mean of
    /// the column over the training rows that have it (all rows here, with
    /// --test-fraction 0), computed here from the file's text; without
    /// --impute the hole is an error naming its line.
    @Test func trainImputesFromTheTrainingRows() throws {
        let workspace = Workspace()
        var lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n").map(String.init)
        var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[1] = "NA"
        lines[3] = cells.joined(separator: ",")
        workspace.write("holes.csv", lines.joined(separator: "\n") + "\n")
        let refused = try workspace.logit("train", "--data", "holes.csv", "--quiet")
        #expect(refused.status == 1 && refused.stderr.contains("line 4") && refused.hasNoStackTrace, "\(refused)")
        let trained = try workspace.logit("train", "--data", "holes.csv", "--impute", "mean", "--test-fraction", "0",
                                          "--output", "m.json", "--quiet")
        #expect(trained.status == 0, "\(trained)")
        let present = lines.dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[1]) }
        let expected = present.reduce(0, +) / Double(present.count)
        let file = try ModelFile.read(from: workspace.file("m.json"))
        let fill = try #require(file.imputer?.fillValues[1])
        // A mean of 899 values in Double: a few ulps.
        #expect(abs(fill - expected) <= 1e-12 * abs(expected), "\(fill) vs \(expected)")
    }
}
