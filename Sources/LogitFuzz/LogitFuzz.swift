import Foundation

/// `logit-fuzz`: a seeded mutation fuzzer for the parsers of untrusted input
/// (CSV, .npy, model-file JSON), run in-process on the library.
///
///     logit-fuzz --corpus Tests/FuzzCorpus [--kind csv|npy|model|all] [--count N] [--seconds S]
///                [--seed S] [--timeout 10] [--findings DIR]
///     logit-fuzz --kind K --replay FILE...
///
/// Each kind first runs its corpus files (`<corpus>/<kind>/`) unchanged, then
/// mutants. `--count` is per kind; `--seconds` is the time budget per kind.
/// Exit status 0 when no input crashed or hung, 1 otherwise, 2 for a usage error.
@main
struct LogitFuzz {
    static func main() {
        do {
            exit(try run(Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("logit-fuzz: \(error)\n".utf8))
            exit(2)
        }
    }

    static func run(_ arguments: [String]) throws -> Int32 {
        var options = [String: String](), replay = [String](), worker = false
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--worker": worker = true
            case "--replay":
                replay = Array(arguments[(index + 1)...])
                index = arguments.count
                continue
            case "--help", "-h":
                print("usage: logit-fuzz --corpus DIR [--kind csv|npy|model|all] [--count N] [--seconds S] [--seed S] [--timeout S] [--findings DIR]\n       logit-fuzz --kind K --replay FILE...")
                return 0
            default:
                guard argument.hasPrefix("--"), index + 1 < arguments.count else {
                    throw FuzzError("unexpected argument '\(argument)' (see --help)")
                }
                options[String(argument.dropFirst(2))] = arguments[index + 1]
                index += 1
            }
            index += 1
        }
        let known: Set = ["kind", "corpus", "count", "seconds", "seed", "timeout", "findings", "start", "end"]
        if let unknown = options.keys.first(where: { !known.contains($0) }) { throw FuzzError("unknown option --\(unknown)") }
        let kindName = options["kind"] ?? "all"
        let kinds: [FuzzTarget] = kindName == "all" ? FuzzTarget.allCases : try [FuzzTarget(rawValue: kindName)
            ?? { throw FuzzError("--kind \(kindName): expected csv, npy, model or all") }()]

        if !replay.isEmpty {
            guard kinds.count == 1 else { throw FuzzError("--replay needs one --kind") }
            for path in replay {
                guard let data = FileManager.default.contents(atPath: path) else { throw FuzzError("\(path): cannot read") }
                print("\(path): \(kinds[0].run(Array(data)) == .accepted ? "accepted" : "rejected with an error")")
            }
            return 0
        }
        guard let corpusRoot = options["corpus"] else { throw FuzzError("--corpus DIR is required") }
        func number(_ key: String) throws -> Double? {
            guard let text = options[key] else { return nil }
            guard let value = Double(text), value >= 0 else { throw FuzzError("--\(key) \(text) must be a number ≥ 0") }
            return value
        }
        let seed = UInt64(options["seed"] ?? "1") ?? 1

        if worker {
            let target = kinds[0]
            let mutator = Mutator(corpus: try corpus(corpusRoot, target), seed: seed)
            FuzzWorker(target: target, mutator: mutator)
                .run(from: Int(try number("start") ?? 0), to: Int(try number("end") ?? 0))
            return 0
        }

        let count = try number("count").map { Int($0) }
        let seconds = try number("seconds")
        guard count != nil || seconds != nil else { throw FuzzError("give --count N or --seconds S (or both)") }
        var failed = false
        for target in kinds {
            let files = try corpus(corpusRoot, target)
            let supervisor = FuzzSupervisor(target: target, mutator: Mutator(corpus: files, seed: seed),
                                            corpusDirectory: corpusRoot, timeout: try number("timeout") ?? 10,
                                            findingsDirectory: options["findings"] ?? "fuzz-findings")
            let summary = try supervisor.run(count: count, seconds: seconds)
            let mutants = max(0, summary.inputs - files.count)
            print("\(target.rawValue): \(summary.inputs) inputs (\(min(files.count, summary.inputs)) corpus files + \(mutants) mutants, seed \(seed)) in \(String(format: "%.1f", summary.seconds)) s: \(summary.accepted) accepted, \(summary.rejected) rejected with an error, \(summary.crashes.count) crashes, \(summary.hangs.count) hangs; slowest input \(summary.slowestIndex) took \(String(format: "%.3f", Double(summary.slowestMicros) / 1e6)) s")
            if !summary.crashes.isEmpty || !summary.hangs.isEmpty { failed = true }
        }
        return failed ? 1 : 0
    }

    /// The corpus files of `target`, `<root>/<kind>/*`, in name order.
    static func corpus(_ root: String, _ target: FuzzTarget) throws -> [[UInt8]] {
        let folder = root + "/" + target.rawValue
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), !names.isEmpty else {
            throw FuzzError("\(folder): no corpus files")
        }
        return names.sorted().compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { Array($0) } }
    }
}
