import ArgumentParser
import Logit
import LogitNumerics

/// `logit demo`: times the primitives of both backends side by side on one
/// large case and checks that they agree.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Time gemv, gemm and the fused training pass on both backends, side by side.")

    @Option(help: "Rows of the synthetic matrix.")
    var rows = 20_000

    @Option(help: "Columns (features) of the synthetic matrix.")
    var features = 784

    @Option(help: "Threads for each backend.")
    var threads = 1

    @Option(help: "Timed repetitions per operation (after 2 warm-up runs).")
    var repeats = 7

    func validate() throws {
        guard rows >= 1, features >= 1 else { throw ValidationError("--rows and --features must be ≥ 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be ≥ 1") }
    }

    func run() throws {
        print("logit demo: backends in this build: \(BackendKind.available.map(\.rawValue).joined(separator: ", "))")
        #if OpenBLAS
        print("OpenBLAS: \(BLASBackend.configuration)")
        #endif
        print("X is \(rows)×\(features), \(threads) thread(s); times are median (min–max) of \(repeats) runs\n")
        try demo(Float.self)
        try demo(Double.self)
    }

    func demo<T: LogitScalar>(_: T.Type) throws {
        var generator = SeededGenerator(seed: 1)
        let x = Matrix<T>(rows: rows, columns: features) { _, _ in T(generator.nextUniform(in: -1..<1)) }
        let w = (0..<features).map { _ in T(generator.nextUniform(in: -0.1..<0.1)) }
        let r = (0..<rows).map { _ in T(generator.nextUniform(in: -1..<1)) }
        let square = min(features, 512)
        let a = Matrix<T>(rows: square, columns: square) { i, j in T((i * 7 + j * 3) % 11) / 11 }
        let gigabytes = Double(rows * features * MemoryLayout<T>.stride) / 1e9

        var results: [BackendKind: [String: (Timing, [T])]] = [:]
        for kind in BackendKind.available {
            let backend = try kind.makeBackend(threads: threads)
            var z = [T](repeating: 0, count: rows), g = [T](repeating: 0, count: features)
            var c = Matrix<T>(rows: square, columns: square)
            var entry: [String: (Timing, [T])] = [:]
            entry["gemv X·w"] = (try Timing(repeats: repeats) { try backend.gemv(.noTranspose, x, w, &z) }, z)
            entry["gemv Xᵀ·r"] = (try Timing(repeats: repeats) { try backend.gemv(.transpose, x, r, &g) }, g)
            entry["gemm \(square)³"] = (try Timing(repeats: repeats) { try backend.gemm(.noTranspose, .noTranspose, a, a, &c) }, c.elements)
            let weights = try Matrix(rows: 1, columns: features, elements: w)
            var gradient = Matrix<T>(rows: 1, columns: features)
            var scratch = [T](repeating: 0, count: backend.forwardBackwardScratchCount(rows: rows, features: features, classes: 1))
            let fused = try Timing(repeats: repeats) {
                gradient = Matrix(rows: 1, columns: features)
                try x.withUnsafeMatrix { xm in
                    try weights.withUnsafeMatrix { wm in
                        try gradient.withUnsafeMutableMatrix { gm in
                            try scratch.withUnsafeMutableBufferPointer { s in
                                try backend.forwardBackward(xm, weights: wm, gradient: gm, scratch: s) { i, scores in
                                    scores[0] = 1 / (1 + T.exp(-scores[0])) - (i % 2 == 0 ? 1 : 0)
                                }
                            }
                        }
                    }
                }
            }
            entry["fused epoch Xᵀ(σ(Xw)−y)"] = (fused, gradient.elements)
            results[kind] = entry
        }

        print("\(T.precisionName) (X is \(format(gigabytes, 3)) GB)")
        let names = ["gemv X·w", "gemv Xᵀ·r", "fused epoch Xᵀ(σ(Xw)−y)", "gemm \(square)³"]
        for name in names {
            var line = "  " + name.padding(toLength: 26, withPad: " ", startingAt: 0)
            for kind in BackendKind.available {
                line += "  \(kind): \(results[kind]![name]!.0.summary)"
            }
            if let blas = results[.blas]?[name], let swift = results[.swift]?[name] {
                let difference = zip(blas.1, swift.1).map { abs(Double($0) - Double($1)) }.max() ?? 0
                let largest = blas.1.map { abs(Double($0)) }.max() ?? 1
                line += "  swift/blas time \(format(swift.0.median / blas.0.median, 2))×"
                line += "  max |Δ|/max|y| \(format(difference / max(largest, 1e-300), 2))"
            }
            print(line)
        }
        print("")
    }
}
