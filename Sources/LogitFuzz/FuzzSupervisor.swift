import Foundation

/// Runs a campaign for one target in child processes (``FuzzWorker``) and
/// watches them: a child killed by a signal is a crash, a child silent on one
/// input for longer than the time bound is a hang. Either way the input is
/// saved, counted, and the campaign continues with the next input in a new child.
struct FuzzSupervisor {
    let target: FuzzTarget
    let mutator: Mutator
    let corpusDirectory: String
    /// Per-input time bound (seconds); longer is a hang.
    let timeout: Double
    /// Where crashing and hanging inputs are written.
    let findingsDirectory: String

    /// What a campaign found.
    struct Summary {
        var inputs = 0, accepted = 0, rejected = 0
        var crashes = [Int](), hangs = [Int]()
        var slowestMicros = 0, slowestIndex = -1
        var seconds = 0.0
    }

    /// Runs inputs `0..<count` (nil: unbounded), stopping after `seconds` (nil: no limit).
    func run(count: Int?, seconds: Double?) throws -> Summary {
        var summary = Summary()
        let clock = ContinuousClock(), began = clock.now
        let deadline = seconds.map { began + .milliseconds(Int($0 * 1000)) }
        let end = count ?? Int.max / 2
        var next = 0
        campaign: while next < end {
            if let deadline, clock.now >= deadline { break }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = ["--kind", target.rawValue, "--corpus", corpusDirectory, "--seed", "\(mutator.seed)",
                                 "--worker", "--start", "\(next)", "--end", "\(end)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let fd = pipe.fileHandleForReading.fileDescriptor
            var pending = [UInt8](), buffer = [UInt8](repeating: 0, count: 65536)
            var current: Int?, currentSince = clock.now
            while true {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, 200)
                if let deadline, clock.now >= deadline {
                    process.terminate()
                    process.waitUntilExit()
                    break campaign
                }
                if ready > 0 {
                    let n = read(fd, &buffer, buffer.count)
                    if n <= 0 {  // the child ended
                        process.waitUntilExit()
                        let crashed = process.terminationReason == .uncaughtSignal || process.terminationStatus != 0
                        if crashed, let index = current {
                            summary.crashes.append(index)
                            save(index, kind: "crash")
                            FileHandle.standardError.write(Data("\(target.rawValue): CRASH on input \(index) (signal/status \(process.terminationStatus))\n".utf8))
                            next = index + 1
                            continue campaign
                        }
                        if crashed {
                            throw FuzzError("\(target.rawValue): the worker failed before any input (status \(process.terminationStatus))")
                        }
                        next = end
                        break
                    }
                    pending += buffer[0..<n]
                    while let newline = pending.firstIndex(of: 0x0A) {
                        let line = String(decoding: pending[..<newline], as: UTF8.self)
                        pending.removeSubrange(...newline)
                        let parts = line.split(separator: " ")
                        if parts.first == "S", parts.count == 2, let index = Int(parts[1]) {
                            current = index
                            currentSince = clock.now
                        } else if parts.first == "E", parts.count == 4, let index = Int(parts[1]), let micros = Int(parts[3]) {
                            current = nil
                            summary.inputs += 1
                            if parts[2] == "a" { summary.accepted += 1 } else { summary.rejected += 1 }
                            if micros > summary.slowestMicros { (summary.slowestMicros, summary.slowestIndex) = (micros, index) }
                            next = index + 1
                        }
                    }
                }
                if let index = current, clock.now - currentSince > .milliseconds(Int(timeout * 1000)) {
                    kill(process.processIdentifier, SIGKILL)
                    process.waitUntilExit()
                    summary.hangs.append(index)
                    save(index, kind: "hang")
                    FileHandle.standardError.write(Data("\(target.rawValue): HANG on input \(index) (over \(timeout) s)\n".utf8))
                    next = index + 1
                    continue campaign
                }
            }
        }
        // The slowest input is kept when it took over a tenth of the bound, to look at.
        if summary.slowestIndex >= 0, Double(summary.slowestMicros) > timeout * 1e5 {
            save(summary.slowestIndex, kind: "slowest")
        }
        let elapsed = clock.now - began
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return summary
    }

    /// Writes input `index` to the findings folder (temp file, then rename).
    private func save(_ index: Int, kind: String) {
        try? FileManager.default.createDirectory(atPath: findingsDirectory, withIntermediateDirectories: true)
        let path = "\(findingsDirectory)/\(target.rawValue)-\(kind)-seed\(mutator.seed)-\(index)"
        try? Data(mutator.input(index)).write(to: URL(fileURLWithPath: path), options: .atomic)
        FileHandle.standardError.write(Data("  saved to \(path); replay: logit-fuzz --kind \(target.rawValue) --replay \(path)\n".utf8))
    }
}

/// A usage or setup error of the fuzz driver.
struct FuzzError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
