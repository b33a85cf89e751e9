import Foundation
import Logit
import LogitNumerics

/// Trains on a memory-mapped `.npy` feature matrix and reports the process's
/// resident memory (from /proc/self/status) before loading, after loading and
/// at its peak during training, against the file's size.
enum MemoryCheck {
    struct Status {
        var rss = 0, peak = 0, anonymous = 0, file = 0  // kB

        static func read() -> Status {
            var status = Status()
            let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let kB = Int(parts[1].split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
                switch parts[0] {
                case "VmRSS": status.rss = kB
                case "VmHWM": status.peak = kB
                case "RssAnon": status.anonymous = kB
                case "RssFile": status.file = kB
                default: break
                }
            }
            return status
        }

        var summary: String {
            "RSS \(mb(rss)) MB (anonymous \(mb(anonymous)), file-backed \(mb(file))), peak so far \(mb(peak)) MB"
        }

        func mb(_ kB: Int) -> String { fixed(Double(kB) / 1024, 0) }
    }

    static func run(features: String, labels: String, epochs: Int) throws {
        let bytes = (try FileManager.default.attributesOfItem(atPath: features)[.size] as? Int) ?? 0
        let before = Status.read()
        print("file: \(features), \(fixed(Double(bytes) / 1e9, 2)) GB")
        print("before loading:  \(before.summary)")
        let data = try NPYLoader.loadDataset(features: features, labels: labels, as: Float.self)
        print("after loading:   \(Status.read().summary) (X is \(data.features.shapeDescription), memory-mapped: \(data.features.canReleaseResidentPages))")
        for backend in BackendKind.available {
            var configuration = TrainingConfiguration.classicGradientDescent
            configuration.maxIterations = epochs
            var highest = Status.read()
            let clock = ContinuousClock()
            var stamps = [clock.now]
            let result = try LogisticRegression<Float>(configuration: configuration, backend: backend, threads: 1).fit(data) { _ in
                stamps.append(clock.now)
                let now = Status.read()
                if now.rss > highest.rss { highest = now }
                return .proceed
            }
            let times = zip(stamps.dropFirst(), stamps).map { fixed(Samples.ms($0 - $1) / 1e3, 2) }
            print("\(backend), \(result.iterations) epochs (seconds to each progress report: \(times.joined(separator: ", "))): highest sampled \(highest.summary)")
        }
        let after = Status.read()
        let growth = Double(after.peak - before.rss) * 1024
        print("peak RSS growth over the run: \(fixed(growth / 1e6, 0)) MB = \(fixed(100 * growth / Double(max(bytes, 1)), 1))% of the file's size")
    }
}
