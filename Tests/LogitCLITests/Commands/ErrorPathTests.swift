import Foundation
import Logit
import LogitNumerics
import Testing

/// Exit status 0 success, 1 bad input (one `error:` line naming the file,
/// line, column or option), 2 usage; never a stack trace.
@Suite("Errors and exit statuses")
struct ErrorPathTests {
    static func expectBadInput(_ result: CLI.Result, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr == "error: \(message)\n", "\(result)", sourceLocation: sourceLocation)
        #expect(result.hasNoStackTrace, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    }

    static func expectUsage(_ result: CLI.Result, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 2, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(fragment) && result.stderr.contains("Usage: logit"), "\(result)",
                sourceLocation: sourceLocation)
        #expect(result.hasNoStackTrace, sourceLocation: sourceLocation)
    }

    @Test func usageErrorsExitTwo() throws {
        let workspace = Workspace()
        Self.expectUsage(try workspace.logit("train", "--bogus"), "Unknown option '--bogus'")
        Self.expectUsage(try workspace.logit("train", "--solver", "magic"), "The value 'magic' is invalid for '--solver")
        Self.expectUsage(try workspace.logit("train", "--epochs", "many"), "--epochs")
        Self.expectUsage(try workspace.logit("train", "--l1", "0.1"), "--l1 0.1 needs --solver gd or sgd")
        Self.expectUsage(try workspace.logit("train", "--test-fraction", "1.5"), "--test-fraction 1.5 must be in [0, 1)")
        Self.expectUsage(try workspace.logit("train", "--data", "x.npy"), "--data x.npy is a .npy matrix: give its labels with --labels FILE")
        Self.expectUsage(try workspace.logit("cv", "--folds", "1"), "--folds 1 must be ≥ 2")
        Self.expectUsage(try workspace.logit("tune", "--l2-values", "0.1,abc"), "--l2-values 'abc' is not a number ≥ 0")
        Self.expectUsage(try workspace.logit("evaluate", "--data", "x.csv"), "Missing expected argument '--model <model>'")
        Self.expectUsage(try workspace.logit("explain", "--model", "m.json", "--row", "2"), "--row needs --data FILE")
        Self.expectUsage(try workspace.logit("frobnicate"), "Unexpected argument 'frobnicate'")
    }

    @Test func badDataNamesFileLineAndColumn() throws {
        let workspace = Workspace()
        Self.expectBadInput(try workspace.logit("train", "--data", "nope.csv"), "nope.csv: no such file")
        workspace.write("bad.csv", "a,b,label\n1,2,x\n3,zz,y\n")
        Self.expectBadInput(try workspace.logit("train", "--data", "bad.csv"),
                            "bad.csv, line 3, column 2: \"zz\" is not a number in column \"b\"")
        Self.expectBadInput(try workspace.logit("train", "--data", "bad.csv", "--label", "kind"),
                            "bad.csv, line 1: no label column named \"kind\"; the columns are \"a\", \"b\", \"label\"")
        workspace.write("one.csv", "a,label\n1,x\n2,x\n")
        let oneClass = try workspace.logit("train", "--data", "one.csv")
        #expect(oneClass.status == 1 && oneClass.stderr.hasPrefix("error: one.csv, column 2: label column \"label\" has only one class"))
        workspace.write("x.npy", "not numpy")
        workspace.write("y.npy", "not numpy")
        let npy = try workspace.logit("train", "--data", "x.npy", "--labels", "y.npy")
        #expect(npy.status == 1 && npy.stderr.hasPrefix("error: x.npy") && npy.stderr.split(separator: "\n").count == 1)
    }

    @Test func badModelsAndRowsAreClear() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        Self.expectBadInput(try workspace.logit("evaluate", "--model", "none.json", "--data", CLI.raisinCSV),
                            "--model none.json: no such model file (nor 'latest', a run id or a run name in mlruns)")
        // A newer format version.
        let text = workspace.read("m.json").replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 7")
        workspace.write("new.json", text)
        Self.expectBadInput(try workspace.logit("predict", "--model", "new.json", "--data", CLI.raisinCSV),
                            "new.json: model format version 7 (written by engine \(EngineVersion.current)) is not supported: engine \(EngineVersion.current) reads format version 1")
        workspace.write("junk.json", "{\"format\": \"something-else\", \"formatVersion\": 1}")
        Self.expectBadInput(try workspace.logit("explain", "--model", "junk.json"),
                            "junk.json: not a logit model file: format is 'something-else', expected 'logit-model'")
        // Data that does not fit the model: a missing column, a wrong .npy width, a bad cell.
        workspace.write("fewer.csv", "Area,Perimeter\n1,2\n")
        let fewer = try workspace.logit("predict", "--model", "m.json", "--data", "fewer.csv")
        #expect(fewer.status == 1 && fewer.stderr.hasPrefix("error: fewer.csv: the data has no column 'MajorAxisLength'"))
        try NPYWriter.write(Matrix<Double>(rows: 2, columns: 3), to: workspace.file("narrow.npy"))
        Self.expectBadInput(try workspace.logit("predict", "--model", "m.json", "--data", "narrow.npy"),
                            "narrow.npy: the model has 7 features (Area, MajorAxisLength, MinorAxisLength, Eccentricity, ConvexArea, Extent, Perimeter) but the matrix has 3 columns (shape 2×3)")
        let header = "Area,MajorAxisLength,MinorAxisLength,Eccentricity,ConvexArea,Extent,Perimeter"
        workspace.write("cell.csv", "\(header)\n1,2,3,4,5,6,7\n1,2,3,oops,5,6,7\n")
        Self.expectBadInput(try workspace.logit("predict", "--model", "m.json", "--data", "cell.csv"),
                            "cell.csv, line 3, column 4: 'oops' is not a number in column 'Eccentricity'")
        workspace.write("two.csv", "\(header)\n1,2,3,4,5,6,7\n1,2,3,4,5,6,7\n")
        Self.expectBadInput(try workspace.logit("explain", "--model", "m.json", "--row", "9", "--data", "two.csv"),
                            "--row 9: two.csv has 2 data rows")
        workspace.write("classes.csv", "\(header),Class\n1,2,3,4,5,6,7,Sultana\n1,2,3,4,5,6,7,Besni\n")
        Self.expectBadInput(try workspace.logit("evaluate", "--model", "m.json", "--data", "classes.csv"),
                            "classes.csv: class 'Sultana' is not one of the model's classes (Besni, Kecimen)")
        Self.expectBadInput(try workspace.logit("runs", "--track", "m.json"),
                            "\(workspace.path)/m.json: not a folder (expected an MLflow tracking store)")
    }

    @Test func helpAndVersionExitZero() throws {
        let workspace = Workspace()
        let help = try workspace.logit("--help")
        #expect(help.status == 0)
        for command in ["train", "evaluate", "predict", "cv", "tune", "explain", "runs", "demo"] {
            #expect(help.stdout.contains("  \(command) "), "\(command)")
        }
        #expect(try workspace.logit("--version").stdout == "\(EngineVersion.current)\n")
        let trainHelp = try workspace.logit("train", "--help")
        #expect(trainHelp.status == 0 && trainHelp.stdout.contains("--no-standardize"))
    }

    /// `logit demo` still works.
    @Test func demoRuns() throws {
        let result = try Workspace().logit("demo", "--rows", "64", "--features", "8", "--repeats", "1")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("logit demo: backends in this build"))
    }
}
