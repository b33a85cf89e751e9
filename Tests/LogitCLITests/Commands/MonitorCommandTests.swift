import Foundation
import Logit
import Testing

@Suite("logit monitor")
struct MonitorCommandTests {
    static func trained() throws -> Workspace {
        let workspace = Workspace()
        let result = try workspace.logit("train", "--output", "m.json", "--quiet")
        #expect(result.status == 0, "\(result)")
        return workspace
    }

    /// The Raisin CSV with every feature multiplied by `factor`.
    static func scaledRaisin(_ factor: Double) throws -> String {
        let lines = try String(contentsOfFile: CLI.raisinCSV, encoding: .utf8).split(separator: "\n")
        return ([String(lines[0])] + lines.dropFirst().map { line in
            let fields = line.split(separator: ",")
            return (fields.dropLast().map { String(Double($0)! * factor) } + [String(fields.last!)])
                .joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }

    /// The model's own training data: no data-set drift, exit 0; the reference
    /// sample is the 720 training rows (under the 5000-row cap), so every
    /// feature uses KS (reference ≤ 1000 rows, > 5 distinct values).
    @Test func raisinHasNoDrift() throws {
        let workspace = try Self.trained()
        #expect(workspace.exists("m.reference.bin"))
        let result = try workspace.logit("monitor", "--model", "m.json", "--data", CLI.raisinCSV, "--json")
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        let dataset = try #require(json["dataset"] as? [String: Any])
        #expect(dataset["drift_detected"] as? Bool == false)
        #expect(dataset["drift_share"] as? Double == 0.5)
        let features = try #require(json["features"] as? [[String: Any]])
        #expect(features.count == 7)
        #expect(features.allSatisfy { $0["method"] as? String == "ks" && $0["drift_detected"] as? Bool == false })
        #expect(Set(features.compactMap { $0["column"] as? String }).count == 7)
        // Labels present (the Class column): live quality.
        let quality = try #require(json["quality"] as? [String: Any])
        let current = try #require(quality["current"] as? [String: Any])
        #expect(current["rows"] as? Int == 900)
    }

    /// Every feature scaled by 1.15: data-set drift, exit 3, the table says so.
    @Test func shiftedRaisinDrifts() throws {
        let workspace = try Self.trained()
        let shifted = workspace.write("shifted.csv", try Self.scaledRaisin(1.15))
        let result = try workspace.logit("monitor", "--model", "m.json", "--data", shifted)
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.contains("DATA SET DRIFT"))
        #expect(result.stdout.contains("Area") && result.stdout.contains("yes"))
        // Overrides: PSI for every feature with an impossible threshold → no drift.
        let relaxed = try workspace.logit("monitor", "--model", "m.json", "--data", shifted, "--method", "psi",
                                          "--threshold", "1000", "--json")
        #expect(relaxed.status == 0, "\(relaxed)")
        let first = try (relaxed.json()["features"] as? [[String: Any]])?.first
        #expect(first?["method"] as? String == "psi")
        // PSI names its band: < 0.1 stable, 0.1–0.25 moderate, ≥ 0.25 significant.
        let psi = try #require(first?["score"] as? Double)
        #expect(first?["band"] as? String == (psi < 0.1 ? "stable" : psi < 0.25 ? "moderate" : "significant"))
    }

    /// A tracked run keeps the reference sample as an artifact: `--model latest` monitors.
    @Test func trackedRunsCarryTheSample() throws {
        let workspace = Workspace()
        let train = try workspace.logit("train", "--track", "runs", "--quiet")
        #expect(train.status == 0, "\(train)")
        let result = try workspace.logit("monitor", "--model", "latest", "--track", "runs", "--data", CLI.raisinCSV)
        #expect(result.status == 0, "\(result)")
    }

    @Test func badInputIsAClearError() throws {
        let workspace = try Self.trained()
        let header = "Area,MajorAxisLength,MinorAxisLength,Eccentricity,ConvexArea,Extent,Class\n"
        let missing = workspace.write("missing.csv", header + "1,2,3,0.5,4,0.7,Besni\n")
        var result = try workspace.logit("monitor", "--model", "m.json", "--data", missing)
        #expect(result.status == 1 && result.stderr.contains("'Perimeter'"), "\(result)")
        let full = "Area,MajorAxisLength,MinorAxisLength,Eccentricity,ConvexArea,Extent,Perimeter,Class\n"
        let empty = workspace.write("empty.csv", full)
        result = try workspace.logit("monitor", "--model", "m.json", "--data", empty)
        #expect(result.status == 1 && result.stderr.contains("no data rows"), "\(result)")
        let nan = workspace.write("nan.csv", full + "1,2,3,0.5,4,0.7,5,Besni\n1,2,nan,0.5,4,0.7,5,Besni\n")
        result = try workspace.logit("monitor", "--model", "m.json", "--data", nan)
        #expect(result.status == 1 && result.stderr.contains("nan.csv, line 3, column 3") && result.stderr.contains("MinorAxisLength"),
                "\(result)")
        // A model file without a reference sample (as older versions wrote): retrain.
        try FileManager.default.removeItem(atPath: workspace.file("m.reference.bin"))
        var json = try String(contentsOfFile: workspace.file("m.json"), encoding: .utf8)
        json = json.replacingOccurrences(of: "\"referenceSample\"", with: "\"unusedSample\"")
        workspace.write("old.json", json)
        result = try workspace.logit("monitor", "--model", "old.json", "--data", CLI.raisinCSV)
        #expect(result.status == 1 && result.stderr.contains("retrain"), "\(result)")
        // The sidecar gone but named: the missing file is named.
        result = try workspace.logit("monitor", "--model", "m.json", "--data", CLI.raisinCSV)
        #expect(result.status == 1 && result.stderr.contains("m.reference.bin"), "\(result)")
        #expect(result.hasNoStackTrace)
    }

    /// The HTML page: self-contained (no http(s) reference, no script), one
    /// chart per feature.
    @Test func htmlPageIsSelfContained() throws {
        let workspace = try Self.trained()
        let result = try workspace.logit("monitor", "--model", "m.json", "--data", CLI.raisinCSV, "--html", "r.html")
        #expect(result.status == 0, "\(result)")
        let page = workspace.read("r.html")
        #expect(page.components(separatedBy: "<svg class=\"chart\"").count - 1 == 7)
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script"))
    }

    /// Headless Chromium renders the page: one chart per feature in the
    /// rendered DOM, each with bars, and no console or script error. Skipped
    /// (with a message) where Debian's `chromium` is not installed;
    /// scripts/setup.sh installs it, so CI runs it.
    @Test func htmlRendersInHeadlessChromium() throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) else {
            print("SKIPPED htmlRendersInHeadlessChromium: chromium is not installed (scripts/setup.sh installs it)")
            return
        }
        let workspace = try Self.trained()
        let shifted = workspace.write("shifted.csv", try Self.scaledRaisin(1.15))
        let result = try workspace.logit("monitor", "--model", "m.json", "--data", shifted, "--html", "r.html")
        #expect(result.status == 3, "\(result)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=" + workspace.file("profile"), "--enable-logging=stderr", "--v=0",
                             "--dump-dom", "file://" + workspace.file("r.html")]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        // The rendered DOM (after parsing): 7 charts, each with 2 × 24 bars.
        let charts = dom.components(separatedBy: "<svg class=\"chart\"").dropFirst()
        #expect(charts.count == 7, "\(dom.prefix(500))")
        for chart in charts {
            let body = chart.components(separatedBy: "</svg>")[0]
            #expect(body.components(separatedBy: "<rect class=\"ref\"").count - 1 == 24)
            #expect(body.components(separatedBy: "<rect class=\"cur\"").count - 1 == 24)
        }
        #expect(dom.contains("data-set drift"))
        #expect(!log.contains("CONSOLE") && !log.contains("Uncaught"), "\(log)")
    }
}
