import Foundation
import Logit
import Testing

/// Issue 12, command side: nothing overwritten, nothing written after a long
/// run fails, no NaN printed as an answer, interrupted runs marked, messages
/// that say what is wrong (in words, located, escaped, short).
@Suite("Bad input: commands")
struct BadInputCommandTests {
    /// The first `rows` data rows of the Raisin CSV (both classes: the file
    /// has 450 Kecimen, then 450 Besni; take from both ends).
    static func raisinRows(_ rows: Int) throws -> String {
        let lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n")
        return ([lines[0]] + lines[1...(rows / 2)] + lines[(lines.count - rows / 2)...]).joined(separator: "\n") + "\n"
    }

    /// A little-endian float64 .npy of a rows×columns matrix.
    static func npy(_ values: [Double], rows: Int, columns: Int) -> Data {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)]
        bytes += Array(header.utf8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
        return Data(bytes)
    }

    @Test func negativeNumbersReachTheRangeCheck() throws {
        let result = try Workspace().logit("train", "--l2", "-1")
        #expect(result.status == 2 && result.stderr.contains("--l2 -1.0 must be a number ≥ 0"), "\(result)")
        #expect(!result.stderr.contains("Missing value"))
    }

    /// The same file as an input (directly, through a symbolic link, or a
    /// hard link) is refused before any work: the input is unchanged.
    @Test func outputThatIsAnInputIsRefused() throws {
        let workspace = Workspace()
        let csv = try Self.raisinRows(40)
        workspace.write("d.csv", csv)
        let train = try workspace.logit("train", "--data", "d.csv", "--output", "d.csv", "--quiet")
        #expect(train.status == 1 && train.stderr == "error: --output d.csv is the same file as --data d.csv; refusing to overwrite an input (give another output file)\n", "\(train)")
        #expect(workspace.read("d.csv") == csv)
        #expect(try workspace.logit("train", "--data", "d.csv", "--output", "m.json", "--quiet").status == 0)
        try FileManager.default.createSymbolicLink(atPath: workspace.file("link.csv"), withDestinationPath: "d.csv")
        let predict = try workspace.logit("predict", "--model", "m.json", "--data", "link.csv", "--output", "d.csv")
        #expect(predict.status == 1 && predict.stderr.contains("--output d.csv is the same file as --data link.csv"), "\(predict)")
        try FileManager.default.linkItem(atPath: workspace.file("m.json"), toPath: workspace.file("hard.json"))
        let model = try workspace.logit("predict", "--model", "m.json", "--data", "d.csv", "--output", "hard.json")
        #expect(model.status == 1 && model.stderr.contains("is the same file as --model m.json"), "\(model)")
        #expect(workspace.read("d.csv") == csv)
        #expect((try? ModelFile.read(from: workspace.file("m.json"))) != nil)
    }

    /// A missing folder, a folder, or a file used as a folder is reported
    /// before training (nothing on standard output: no table was printed),
    /// in words rather than NSCocoaErrorDomain codes.
    @Test func outputDestinationIsCheckedBeforeTraining() throws {
        let workspace = Workspace()
        try FileManager.default.createDirectory(atPath: workspace.file("folder"), withIntermediateDirectories: true)
        workspace.write("plain", "x")
        let cases = [
            ("nope/m.json", "error: --output nope/m.json: the folder nope does not exist\n"),
            ("folder", "error: --output folder: is a folder; give a file name for the model, e.g. folder/model.json\n"),
            ("plain/m.json", "error: --output plain/m.json: plain is a file, not a folder\n"),
        ]
        for (output, message) in cases {
            let result = try workspace.logit("train", "--solver", "sgd", "--epochs", "1000", "--output", output)
            #expect(result.status == 1 && result.stderr == message && result.stdout.isEmpty, "\(result)")
        }
        let folderModel = try workspace.logit("predict", "--model", "folder", "--data", CLI.raisinCSV)
        #expect(folderModel.stderr == "error: folder: cannot read the model file: is a folder, not a model file\n", "\(folderModel)")
    }

    /// A model whose weights are ±1e308 scores inf − inf = NaN on unscaled
    /// Raisin rows (Area ≈ 9e4, MajorAxisLength ≈ 4e2): no "-nan" printed.
    @Test func nonFiniteProbabilitiesAreNeverPrinted() throws {
        let workspace = Workspace()
        workspace.write("d.csv", try Self.raisinRows(6))
        #expect(try workspace.logit("train", "--data", "d.csv", "--test-fraction", "0", "--no-standardize",
                                    "--output", "m.json", "--quiet").status == 0)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.file("m.json")))) as! [String: Any]
        var weights = json["weights"] as! [[Double]]
        weights[0] = weights[0].indices.map { $0 == 0 ? 1e308 : $0 == 1 ? -1e308 : 0 }
        json["weights"] = weights
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: workspace.file("huge.json")))
        let refused = try workspace.logit("predict", "--model", "huge.json", "--data", "d.csv")
        #expect(refused.status == 1 && refused.stdout.isEmpty, "\(refused)")
        #expect(refused.stderr.hasPrefix("error: d.csv, line 2: the class probabilities are not finite"), "\(refused)")
        let skipped = try workspace.logit("predict", "--model", "huge.json", "--data", "d.csv", "--skip-invalid")
        #expect(skipped.status == 0 && skipped.stdout.split(separator: "\n").count == 1, "\(skipped)")
        #expect(skipped.stderr.contains("warning: d.csv, line 7: skipped") && skipped.stderr.contains("skipped 6 of 6 rows"))
        #expect(!skipped.stdout.contains("nan"))
    }

    /// A .npy on standard input is read in memory: messages say `<stdin>`
    /// and no `logit-stdin-*` file is left in (or even written to) TMPDIR.
    @Test func standardInputNPYNeedsNoTemporaryFile() throws {
        let workspace = Workspace()
        #expect(try workspace.logit("train", "--output", "m.json", "--quiet").status == 0)
        var values = [Double](repeating: 1, count: 5 * 7)
        values[3 * 7 + 2] = .nan
        try FileManager.default.createDirectory(atPath: workspace.file("tmp"), withIntermediateDirectories: true)
        let result = try CLI.run(["predict", "--model", "m.json", "--data", "-"], in: workspace.path,
                                 input: Self.npy(values, rows: 5, columns: 7),
                                 environment: ["TMPDIR": workspace.file("tmp")])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.hasPrefix("error: <stdin>: row 3, column 2 (MinorAxisLength) is nan"), "\(result)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.file("tmp")).isEmpty)
    }

    /// One cell of 1e200 used to make every column "constant" and training
    /// "converge" at iteration 0 with gradient norm inf. Now the scaler is
    /// exact for finite data and the fit is a real one.
    @Test func hugeFiniteCellTrainsNormally() throws {
        let workspace = Workspace()
        var lines = try Self.raisinRows(40).split(separator: "\n").map(String.init)
        var cells = lines[3].split(separator: ",").map(String.init)
        cells[0] = "1e200"
        lines[3] = cells.joined(separator: ",")
        workspace.write("big.csv", lines.joined(separator: "\n") + "\n")
        let result = try workspace.logit("train", "--data", "big.csv", "--json", "--quiet")
        #expect(result.status == 0, "\(result)")
        let report = try result.json()
        let norm = try #require(report["gradient_norm"] as? Double)
        #expect(norm.isFinite && (report["iterations"] as? Int ?? 0) > 0, "\(report)")
    }

    @Test func underflowAndNonUTF8AreRefusedWithTheirLine() throws {
        let workspace = Workspace()
        workspace.write("u.csv", "a,b,label\n1,2,x\n3,1e-400,y\n5,6,x\n7,8,y\n")
        let underflow = try workspace.logit("train", "--data", "u.csv")
        #expect(underflow.stderr.hasPrefix("error: u.csv, line 3, column 2: \"1e-400\" is too small for Double"), "\(underflow)")
        let bytes = Data("a,label\n1,x\n2,y".utf8) + Data([0xFF]) + Data("s\n3,x\n4,y\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: workspace.file("b.csv")))
        let label = try workspace.logit("train", "--data", "b.csv")
        #expect(label.stderr.hasPrefix("error: b.csv, line 3, column 2: the label"), "\(label)")
        #expect(label.stderr.contains("is not valid UTF-8"))
    }

    /// Control bytes from a file are escaped in messages; class names appear
    /// instead of class indices.
    @Test func messagesEscapeControlBytesAndNameClasses() throws {
        let workspace = Workspace()
        workspace.write("c.csv", "a,b\u{1b}[31m,label\n1,x,y\n")
        let escaped = try workspace.logit("train", "--data", "c.csv", "--label", "nope")
        #expect(escaped.status == 1 && !escaped.stderr.contains("\u{1b}") && escaped.stderr.contains("\\u{1b}[31m"), "\(escaped)")
        workspace.write("one.csv", "a,label\n1,Besni\n2,Besni\n3,Besni\n4,Kecimen\n")
        let split = try workspace.logit("train", "--data", "one.csv")
        #expect(split.stderr == "error: stratified split: class \"Kecimen\" has only 1 row; every class needs at least 2\n", "\(split)")
    }

    /// Trained without --label, the model still records its label column.
    @Test func defaultLabelColumnIsRecorded() throws {
        let workspace = Workspace()
        workspace.write("d.csv", try Self.raisinRows(20))
        #expect(try workspace.logit("train", "--data", "d.csv", "--output", "m.json", "--quiet").status == 0)
        #expect(try ModelFile.read(from: workspace.file("m.json")).labelColumn == "Class")
    }

    /// explain with a 100,000-character class name: linear time (it took over
    /// 120 s before), and names shortened to at most 48 characters in the text.
    @Test func explainWithAHugeClassNameIsFastAndShort() throws {
        let workspace = Workspace()
        let name = String(repeating: "K", count: 100_000)
        let lines = try Self.raisinRows(20).replacingOccurrences(of: "Kecimen", with: name)
        workspace.write("long.csv", lines)
        #expect(try workspace.logit("train", "--data", "long.csv", "--output", "m.json", "--quiet").status == 0)
        let clock = ContinuousClock(), start = clock.now
        let result = try workspace.logit("explain", "--model", "m.json", "--data", "long.csv", "--row", "3")
        // Generous for a debug build on a shared machine; the quadratic version needed minutes.
        #expect(clock.now - start < .seconds(20))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count < 200 }, "\(result.stdout.prefix(500))")
        #expect(result.stdout.contains(String(repeating: "K", count: 45) + "..."))
    }

    /// SIGTERM (and SIGINT) during a tracked run: the run is marked KILLED
    /// (MLflow status 5), not left RUNNING, and the process dies of the signal.
    @Test(arguments: [SIGTERM, SIGINT])
    func interruptedTrackedRunIsMarkedKilled(signal: Int32) throws {
        let workspace = Workspace()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["train", "--solver", "sgd", "--batch-size", "1", "--epochs", "1000000", "--track", "mlr", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var meta: String?
        for _ in 0..<600 where meta == nil {  // up to 60 s for the run to be created
            Thread.sleep(forTimeInterval: 0.1)
            let experiment = workspace.file("mlr/0")
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: experiment))?.filter { $0.count == 32 } ?? []
            if let run = runs.first, let text = try? String(contentsOfFile: "\(experiment)/\(run)/meta.yaml", encoding: .utf8),
               text.contains("status: 1\n") {
                meta = "\(experiment)/\(run)/meta.yaml"
            }
        }
        let path = try #require(meta)
        Thread.sleep(forTimeInterval: 0.3)  // inside training
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("status: 5\n"))
    }
}
