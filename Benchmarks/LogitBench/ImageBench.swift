import Foundation
import Logit
import LogitImages

/// The image rows of `logit-bench --images` (issue 15): decode + grey + area
/// resize to 32×32 + scaling, in images per second, for LogitImages and for
/// Pillow + the NumPy reference resize (scripts/bench/images_peer.py) on the
/// same files (half PNG, half JPEG, 256×192 RGB, written by the peer), on one
/// core and on all cores; and the feature cache's second pass against its
/// first.
struct ImageBench {
    var python: String
    var quick: Bool

    func run() throws {
        let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scripts/bench")
            .standardized.path
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("logit-image-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let count = quick ? 200 : 1000
        for name in ["a", "b"] {
            guard let status = try? Self.python(python, ["\(scripts)/images_peer.py", "make", "\(root)/\(name)", "\(count / 2)"]),
                  status.status == 0 else {
                print("image rows skipped: the peer could not write the test images with \(python) (pip install -r scripts/requirements-images.txt)")
                return
            }
        }
        let folder = try ImageFolder.scan(root)
        let paths = folder.entries.map(\.path)
        let settings = ImagePreprocessing(width: 32, height: 32, color: .gray)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        func rate(threads: Int, paths: [String] = paths) throws -> Samples {
            let loader = ImageFeatureLoader(preprocessing: settings, threads: threads, batchSize: 256)
            return try Samples(warmup: 1, repeats: quick ? 3 : 5) {
                _ = try loader.forEachBatch(paths: paths, as: Float.self) { _, _, _ in }
            }
        }
        func peer(_ extra: [String]) -> (one: Double, all: Double, object: [String: Any])? {
            guard let run = try? Self.python(python, ["\(scripts)/images_peer.py", "bench", root, "32", "32"] + extra),
                  run.status == 0, let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                  let one = object["one_core_seconds"] as? Double, let all = object["all_cores_seconds"] as? Double,
                  let n = object["images"] as? Int else { return nil }
            return (Double(n) / one, Double(n) / all, object)
        }
        let one = try rate(threads: 1)
        let all = try rate(threads: cores)
        print("image decode + grey + resize to 32×32 + /255, \(paths.count) files (half PNG, half JPEG quality 90, 256×192 RGB):")
        let perSecond = { (ms: Double) in Double(paths.count) / (ms / 1000) }
        print("  LogitImages  1 core: \(fixed(perSecond(one.median), 0)) images/s (median of \(one.milliseconds.count); \(fixed(one.median, 1)) ms)")
        print("  LogitImages  \(cores) cores: \(fixed(perSecond(all.median), 0)) images/s (\(fixed(all.median, 1)) ms)")
        if let (pillowOne, pillowAll, object) = peer([]) {
            print("  Pillow \(object["pillow"] ?? "?") + NumPy resize  1 core: \(fixed(pillowOne, 0)) images/s; \(object["cores"] ?? cores) processes: \(fixed(pillowAll, 0)) images/s")
            print("  ratio LogitImages / Pillow: 1 core \(fixed(perSecond(one.median) / pillowOne, 2))×, all cores \(fixed(perSecond(all.median) / pillowAll, 2))×")
            // By format, one core: PNG decoding is mostly zlib's inflate, JPEG mostly the IDCT.
            for ext in ["png", "jpg"] {
                let subset = paths.filter { $0.hasSuffix("." + ext) }
                let mine = try rate(threads: 1, paths: subset)
                let theirs = peer([ext])
                let ours = Double(subset.count) / (mine.median / 1000)
                print("  \(ext) only, 1 core: LogitImages \(fixed(ours, 0)) images/s, Pillow \(theirs.map { fixed($0.one, 0) } ?? "–") images/s (\(theirs.map { fixed(ours / $0.one, 2) } ?? "–")×)")
            }
        } else {
            print("  Pillow peer skipped: \(python) scripts/bench/images_peer.py failed (pip install -r scripts/requirements-images.txt)")
        }
        // The cache: a cold pass (decode + write the cache) against a warm one (hits only).
        let cacheDirectory = root + "-cache"
        defer { try? FileManager.default.removeItem(atPath: cacheDirectory) }
        let cached = ImageFeatureLoader(preprocessing: settings, threads: cores, cache: FeatureCache(directory: cacheDirectory))
        let clock = ContinuousClock()
        var cold = 0.0
        var coldReport: ImageFeatureLoader.Report?
        cold = Samples.ms(try clock.measure { coldReport = try cached.load(folder: folder, as: Float.self).1 })
        var warmReport: ImageFeatureLoader.Report?
        let warm = try Samples(warmup: 0, repeats: quick ? 3 : 5) { warmReport = try cached.load(folder: folder, as: Float.self).1 }
        print("  feature cache (all cores): first pass \(fixed(cold, 1)) ms (\(coldReport?.cacheMisses ?? 0) misses), second pass \(fixed(warm.median, 2)) ms (hit rate \(fixed(100 * (warmReport?.hitRate ?? 0), 0))%): \(fixed(cold / warm.median, 1))× faster")
    }

    static func python(_ python: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
