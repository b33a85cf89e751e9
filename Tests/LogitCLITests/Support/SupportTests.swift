import Foundation
import Logit
import LogitNumerics
import Synchronization
import Testing
@testable import logit

/// The command line's helpers, tested directly.
@Suite("CLI support")
struct SupportTests {
    @Test func bareTrackGetsTheDefaultFolder() {
        #expect(ArgumentRewriter.rewrite(["train", "--track"]) == ["train", "--track", "mlruns"])
        #expect(ArgumentRewriter.rewrite(["train", "--track", "--json"]) == ["train", "--track", "mlruns", "--json"])
        #expect(ArgumentRewriter.rewrite(["train", "--track", "runs"]) == ["train", "--track", "runs"])
        #expect(ArgumentRewriter.rewrite(["train", "--track=runs"]) == ["train", "--track=runs"])
        #expect(ArgumentRewriter.rewrite(["predict", "--", "--track"]) == ["predict", "--", "--track"])
    }

    /// Captures what a reporter writes.
    final class Sink: Sendable {
        let text = Mutex("")
        func write(_ s: String) { text.withLock { $0 += s } }
        var value: String { text.withLock { $0 } }
    }

    @Test func plainLinesAtTenthsAndTheEnd() {
        let sink = Sink()
        let reporter = ProgressReporter(mode: .lines, task: "training", unit: "epoch") { sink.write($0) }
        for step in 1...100 { reporter.update(step: step, total: 100, objective: 1 / Double(step)) }
        reporter.finish()
        let lines = sink.value.split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.first?.hasPrefix("training: epoch 1/100, objective 1.000000, elapsed ") == true)
        #expect(lines.last?.hasPrefix("training: epoch 100/100, objective 0.010000") == true)
        #expect(!sink.value.contains("\r"))
    }

    @Test func aStopBeforeTheLimitEndsWithADoneLine() {
        let sink = Sink()
        let reporter = ProgressReporter(mode: .lines, task: "training", unit: "iteration") { sink.write($0) }
        for step in 1...27 { reporter.update(step: step, total: 1000, objective: 0.5) }
        reporter.finish()
        let lines = sink.value.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.last?.hasPrefix("training: iteration 27/1000, objective 0.500000") == true)
        #expect(lines.last?.hasSuffix("done") == true)
    }

    @Test func aBarIsRedrawnInPlaceAndCleared() {
        let sink = Sink()
        let reporter = ProgressReporter(mode: .bar, task: "training", unit: "epoch") { sink.write($0) }
        reporter.update(step: 1, total: 4, objective: 0.69)
        reporter.update(step: 4, total: 4, objective: 0.3)
        reporter.finish()
        let text = sink.value
        #expect(text.hasPrefix("\r\u{1B}[2Ktraining ["))
        #expect(text.contains("epoch 4/4  objective 0.300000  ETA "))
        #expect(text.contains("████████████████████████"))
        #expect(text.hasSuffix("\r\u{1B}[2K"))
        #expect(!text.contains("\n"))
    }

    @Test func quietPrintsNothing() {
        let sink = Sink()
        let reporter = ProgressReporter(mode: .none, task: "training", unit: "epoch") { sink.write($0) }
        reporter.update(step: 1, total: 1, objective: 0.5)
        reporter.finish()
        #expect(sink.value.isEmpty)
        #expect(ProgressReporter.Mode.automatic(quiet: true) == .none)
        #expect(ProgressReporter.duration(0.25) == "0.2s" || ProgressReporter.duration(0.25) == "0.3s")
        #expect(ProgressReporter.duration(75) == "1m15s")
        #expect(ProgressReporter.duration(.nan) == "?")
    }

    @Test func tablesAlignColumns() {
        var table = TextTable(["name", "value"])
        table.add(["a", "1.5"])
        table.add(["longer", "10"])
        #expect(table.text == "name    value\na         1.5\nlonger     10\n")
    }

    @Test func csvRowsKeepQuotesAndLines() throws {
        let table = try CSVTable(bytes: Array("\u{FEFF}a,\"b,c\"\r\n1,\"x\"\"y\"\n\n2,\"two\nlines\"\n".utf8), source: "t.csv")
        #expect(table.header == ["a", "b,c"])
        #expect(table.records.map(\.fields) == [["1", "x\"y"], ["2", "two\nlines"]])
        #expect(table.records.map(\.line) == [2, 4])
        #expect(throws: DataError("a quoted field is not closed", file: "t.csv", line: 2, column: 2)) {
            try CSVTable(bytes: Array("a,b\n1,\"open\n".utf8), source: "t.csv")
        }
        #expect(throws: DataError("empty file: a header row of column names is required", file: "t.csv")) {
            try CSVTable(bytes: [], source: "t.csv")
        }
    }

    @Test func columnsAreMatchedByName() throws {
        #expect(try DataAlignment.columnIndices(available: ["b", "label", "a"], wanted: ["a", "b"], source: "f") == [2, 0])
        #expect(try DataAlignment.columnIndices(available: ["x0", "x1"], wanted: ["a", "b"], source: "f") == [0, 1])
        #expect(throws: DataError.self) {
            try DataAlignment.columnIndices(available: ["x0", "x1", "x2"], wanted: ["a", "b"], source: "f")
        }
        let error = #expect(throws: DataError.self) {
            try DataAlignment.columnIndices(available: ["b", "c"], wanted: ["a", "b"], source: "f.csv")
        }
        #expect(error?.description == "f.csv: the data has no column 'a'; the model's 2 features are a, b, the data's columns are b, c")

        let data = try Dataset(features: try Matrix<Double>([[1, 2], [3, 4]]), labels: [0, 1], featureNames: ["b", "a"],
                               classNames: ["no", "yes"])
        let aligned = try DataAlignment.align(data, featureNames: ["a", "b"], classNames: ["yes", "no"], source: "f")
        #expect(aligned.features.elements == [2, 1, 4, 3] && aligned.labels == [1, 0])
        #expect(throws: DataError("class 'yes' is not one of the model's classes (no, maybe)", file: "f")) {
            try DataAlignment.align(data, featureNames: ["a", "b"], classNames: ["no", "maybe"], source: "f")
        }
    }

    @Test func userErrorsAreOneLineAndStatusOne() {
        #expect(ErrorReporting.userMessage(DataError("bad", file: "f.csv", line: 2, column: 3)) == "f.csv, line 2, column 3: bad")
        #expect(ErrorReporting.userMessage(ModelFileError("old", file: "m.json")) == "m.json: old")
        #expect(ErrorReporting.userMessage(CLIError("--row 5: too far")) == "--row 5: too far")
        #expect(ErrorReporting.userMessage(TrainingError.cancelled) == "training cancelled")
    }
}
