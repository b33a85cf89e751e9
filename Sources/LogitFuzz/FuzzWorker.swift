import Foundation

/// The child process of a campaign: runs inputs `start..<end` of one target
/// in-process and reports each on standard output, `S i` before it runs and
/// `E i a|r microseconds` after, so the supervisor knows which input was
/// running when the process crashed or hung.
struct FuzzWorker {
    let target: FuzzTarget
    let mutator: Mutator

    func run(from start: Int, to end: Int) {
        let clock = ContinuousClock()
        for index in start..<end {
            let input = mutator.input(index)
            report("S \(index)\n")
            let began = clock.now
            let outcome = target.run(input)
            let elapsed = clock.now - began
            let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
            report("E \(index) \(outcome == .accepted ? "a" : "r") \(micros)\n")
        }
    }

    private func report(_ line: String) {
        var line = line
        line.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { exit(3) }  // the supervisor is gone
                offset += written
            }
        }
    }
}
