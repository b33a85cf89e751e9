#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LogitServe

/// The web page at `/`, rendered by headless Chromium against the service on
/// a live 127.0.0.1 socket: the page's own script loads the model, predicts a
/// row and draws the probability bars, and draws the monitoring window's drift
/// chart. What the DOM shows is compared with what the JSON API answers for
/// the same request. Skipped (with a message) where Debian's `chromium` is not
/// installed; scripts/setup.sh installs it, so CI runs it.
@Suite(.timeLimit(.minutes(3)), .serialized) struct WebPageTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Raisin's first row, as the page's `row=` link parameter.
    static let row: [Double] = [87524, 442.2460114, 253.291155, 0.819738392, 90546, 0.758650579, 1184.04]

    @Test func predictViewShowsTheLabelAndProbabilitiesTheAPIAnswers() async throws {
        guard let chromium = Self.chromium else {
            print("SKIPPED WebPageTests: chromium is not installed (scripts/setup.sh installs it)")
            return
        }
        let harness = try ServiceHarness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            var expected: [String: Any] = [:]
            let body = #"{"rows": [[\#(Self.row.map { "\($0)" }.joined(separator: ","))]]}"#
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok)
                expected = (response.object["predictions"] as? [[String: Any]])?.first ?? [:]
            }
            let link = "http://127.0.0.1:\(port)/#predict&key=\(harness.userKey)&row="
                + Self.row.map { "\($0)" }.joined(separator: ",")
            let (dom, log) = try await Self.render(link, chromium: chromium, folder: harness.folder)
            let label = try #require(expected["label"] as? String)
            #expect(dom.contains(#"<span class="label" id="label">\#(label)</span>"#), "\(dom.suffix(3000))")
            // One bar per class; its data-p is the probability the API answered.
            // Tolerance 1e-15: the page prints the double it parsed exactly, but
            // Foundation's JSONSerialization on Linux may round the 17th digit
            // when this test parses the API's answer.
            let probabilities = try #require(expected["probabilities"] as? [String: Double])
            let bars = Self.attributes(of: #"<rect class="bar""#, in: dom)
            #expect(bars.count == 2, "\(dom.suffix(3000))")
            for bar in bars {
                let name = try #require(bar["data-class"])
                let shown = try #require(Double(bar["data-p"] ?? ""))
                #expect(abs(shown - (probabilities[name] ?? .nan)) <= 1e-15, "\(name): \(bar)")
            }
            #expect(dom.contains(#"<input name="Area""#))
            #expect(dom.contains(#"<form id="image-form" hidden="""#), "a matrix model shows no image upload")
            #expect(!log.contains("Uncaught") && !log.contains(":ERROR:CONSOLE"), "\(log)")
        }
    }

    @Test func monitorViewDrawsOneDriftBarPerFeature() async throws {
        guard let chromium = Self.chromium else {
            print("SKIPPED WebPageTests: chromium is not installed (scripts/setup.sh installs it)")
            return
        }
        let harness = try ServiceHarness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            // Fill the window: the Raisin rows scaled by 1.3 drift on every size feature.
            let data = try RaisinFixture.trained.get().data
            var rows: [String] = []
            for i in 0..<200 {
                let values = (0..<data.features.columns).map { j in
                    "\(data.features[i, j] * (j == 3 || j == 5 ? 1 : 1.3))"
                }
                rows.append("[" + values.joined(separator: ",") + "]")
            }
            try await client.execute(uri: "/v1/predict", method: .post, headers: harness.user,
                                     body: ByteBuffer(string: #"{"rows": [\#(rows.joined(separator: ","))]}"#)) { response in
                #expect(response.status == .ok)
            }
            var report: [String: Any] = [:]
            try await client.execute(uri: "/v1/monitor", method: .get, headers: harness.user) { response in
                #expect(response.status == .ok)
                report = response.object["window"] as? [String: Any] ?? [:]
            }
            let features = try #require(report["features"] as? [[String: Any]])
            let (dom, log) = try await Self.render("http://127.0.0.1:\(port)/#monitor&key=\(harness.userKey)",
                                                   chromium: chromium, folder: harness.folder)
            #expect(dom.contains(#"id="drift-chart""#), "\(dom.suffix(3000))")
            let bars = Self.attributes(of: "<rect ", in: dom).filter { $0["data-feature"] != nil }
            #expect(bars.count == 7)
            // Each bar is coloured as the API's decision for its feature.
            for feature in features {
                let name = try #require(feature["column"] as? String)
                let drifted = try #require(feature["drift_detected"] as? Bool)
                let bar = bars.first { $0["data-feature"] == name }
                #expect(bar?["class"] == (drifted ? "drift" : "ok"), "\(name)")
            }
            #expect(dom.contains("200 rows in the window"), "\(dom.suffix(2000))")
            #expect(!log.contains("Uncaught") && !log.contains(":ERROR:CONSOLE"), "\(log)")
        }
    }

    /// On a model trained on images the page offers the image upload, naming
    /// the model's preprocessing (from `/v1/model`).
    @Test func imageModelOffersTheUpload() async throws {
        guard let chromium = Self.chromium else {
            print("SKIPPED WebPageTests: chromium is not installed (scripts/setup.sh installs it)")
            return
        }
        let (harness, _, folder) = try ImagePredictTests.harness()
        try await harness.test(.live) { client in
            let port = try #require(client.port)
            let (dom, log) = try await Self.render("http://127.0.0.1:\(port)/#predict&key=\(harness.userKey)",
                                                   chromium: chromium, folder: harness.folder)
            #expect(dom.contains(#"<form id="image-form">"#), "\(dom.suffix(3000))")
            #expect(dom.contains(#"<span id="image-settings">10×10 gray</span>"#), "\(dom.suffix(3000))")
            #expect(!log.contains("Uncaught") && !log.contains(":ERROR:CONSOLE"), "\(log)")
        }
        _ = folder
    }

    /// Renders `url` in headless Chromium and returns the DOM after the page's
    /// scripts ran (virtual time lets the fetches finish) and Chromium's log.
    static func render(_ url: String, chromium: String, folder: TestFolder) async throws -> (String, String) {
        let name = UUID().uuidString
        try #require(FileManager.default.createFile(atPath: folder.path("\(name).out"), contents: nil),
                     "could not create \(folder.path("\(name).out"))")
        try #require(FileManager.default.createFile(atPath: folder.path("\(name).err"), contents: nil),
                     "could not create \(folder.path("\(name).err"))")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=" + folder.path("\(name)-profile"), "--enable-logging=stderr", "--v=0",
                             "--virtual-time-budget=10000", "--dump-dom", url]
        process.standardOutput = FileHandle(forWritingAtPath: folder.path("\(name).out"))
        process.standardError = FileHandle(forWritingAtPath: folder.path("\(name).err"))
        // Wait without blocking a concurrency thread: the service answers
        // Chromium's requests on this process's executors meanwhile.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let dom = (try? String(contentsOfFile: folder.path("\(name).out"), encoding: .utf8)) ?? ""
        let log = (try? String(contentsOfFile: folder.path("\(name).err"), encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(log)")
        return (dom, log)
    }

    /// The attributes of every element in `dom` whose tag starts with
    /// `opening` (attributes inside `opening` itself are not included).
    static func attributes(of opening: String, in dom: String) -> [[String: String]] {
        dom.components(separatedBy: opening).dropFirst().map { rest in
            let tag = rest.prefix { $0 != ">" }
            var result: [String: String] = [:]
            let pattern = #/([a-zA-Z-]+)="([^"]*)"/#
            for match in tag.matches(of: pattern) { result[String(match.1)] = String(match.2) }
            return result
        }
    }
}
#endif
