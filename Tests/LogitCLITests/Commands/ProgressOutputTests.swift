import Foundation
import Testing

/// The progress display as a user sees it: plain lines on a pipe, nothing
/// with `--quiet`, a redrawn bar on a terminal.
@Suite("Progress output")
struct ProgressOutputTests {
    @Test func plainLinesWhenNotATerminal() throws {
        let result = try Workspace().logit("train", "--solver", "gd", "--epochs", "50")
        #expect(result.status == 0)
        // A fixed-budget gd run also warns (on stderr) that it is not known to have converged.
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("training:") }
        #expect(lines.count == 11, "\(result.stderr)")
        #expect(result.stderr.contains("warning: gd ran its 50 epochs with no stopping tolerance"))
        #expect(lines.first?.hasPrefix("training: epoch 1/50, objective 0.693147, elapsed ") == true)
        #expect(lines.last?.hasPrefix("training: epoch 50/50, objective ") == true)
        // no ETA on the first step (it includes the setup), one on every later line
        #expect(!lines[0].contains("ETA") && lines.dropFirst().allSatisfy { $0.contains("ETA ") })
        #expect(!result.stderr.contains("\r"))
    }

    @Test func quietIsSilent() throws {
        for command in [["train"], ["cv", "--folds", "3"], ["tune", "--folds", "2", "--l2-values", "0.1"]] {
            let result = try Workspace().logit(arguments: command + ["--quiet"])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(command): \(result)")
        }
    }

    /// Under a pseudo-terminal (util-linux `script`), the bar is redrawn in
    /// place with `\r` and shows the step, the objective and the ETA.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func aBarOnATerminal() throws {
        let workspace = Workspace()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(CLI.executable)' train --solver gd --epochs 400 --json > out.json",
                             workspace.file("typescript")]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.path)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let screen = workspace.read("typescript")
        #expect(screen.contains("\r\u{1B}[2Ktraining ["), "\(screen.debugDescription)")
        #expect(screen.contains("epoch ") && screen.contains("objective 0.") && screen.contains("ETA "))
        #expect(!screen.contains("training: epoch"))
        let json = try JSONSerialization.jsonObject(with: Data(workspace.read("out.json").utf8)) as? [String: Any]
        #expect(json?["iterations"] as? Int == 400)
    }
}
