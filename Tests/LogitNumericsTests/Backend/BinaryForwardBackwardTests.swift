import LogitNumerics
import Testing

/// The binary block pass (`binaryForwardBackward`) on every backend, at every
/// row width from 1 to 40: the narrow rows (fewer features than one 64-byte
/// accumulator holds, a path of their own) and the general ones, against the
/// same pass computed in Double.
@Suite("Binary forward–backward pass")
struct BinaryForwardBackwardTests {
    /// Every backend, and the BLAS backend once per ``BinaryPass`` (its default
    /// picks one by a timing, so each kernel is tested by name).
    static func backends() -> [any NumericBackend] {
        var all = availableBackends()
        #if OpenBLAS
        all += BinaryPass.allCases.map { try! BLASBackend(threads: 1, binaryPass: $0) }
        #endif
        return all
    }

    /// Scores sᵢ = ⟨xᵢ, w⟩ as the link saw them, and g = Σᵢ rᵢ·xᵢ with the
    /// residual the link wrote, rᵢ = sᵢ/2 + 1/10.
    static func run<T: LogitScalar>(_ backend: any NumericBackend, _ x: Matrix<T>, _ w: [T]) throws
        -> (scores: [T], gradient: [T]) {
        var scores = [T](repeating: .nan, count: x.rows)
        var gradient = [T](repeating: 0, count: x.columns)
        var scratch = [T](repeating: 0, count: backend.binaryBlockRows(features: x.columns, stride: MemoryLayout<T>.stride))
        try x.withUnsafeMatrix { xm in
            try w.withUnsafeBufferPointer { wb in
                try gradient.withUnsafeMutableBufferPointer { gb in
                    try scratch.withUnsafeMutableBufferPointer { sb in
                        try backend.binaryForwardBackward(xm, weights: wb, gradient: gb, scratch: sb) { rows, block in
                            for i in 0..<rows.count {
                                scores[rows.lowerBound + i] = block[i]
                                block[i] = block[i] / 2 + T(0.1)
                            }
                        }
                    }
                }
            }
        }
        return (scores, gradient)
    }

    /// Each score within γ_d·Σⱼ|xᵢⱼwⱼ| of the exact one, and each gradient
    /// entry within 2·γ_(n+d+2)·Σᵢ(|rᵢ| + Σₖ|xᵢₖwₖ|)·|xᵢⱼ| (the residual's own
    /// error, then the sum over rows in any order): Higham's summation bounds.
    func check<T: LogitScalar>(_: T.Type, rows: Int, columns: Int) throws {
        var data = TestData(seed: UInt64(rows * 100 + columns))
        let x: Matrix<T> = data.matrix(rows, columns)
        let w: [T] = data.vector(columns)
        let xs = x.elements.map(Double.init), ws = w.map(Double.init)
        var exactScores = [Double](repeating: 0, count: rows), magnitudes = exactScores
        var exactGradient = [Double](repeating: 0, count: columns), gradientBounds = exactGradient
        for i in 0..<rows {
            for j in 0..<columns {
                exactScores[i] += xs[i * columns + j] * ws[j]
                magnitudes[i] += abs(xs[i * columns + j] * ws[j])
            }
            let r = exactScores[i] / 2 + 0.1
            for j in 0..<columns {
                exactGradient[j] += r * xs[i * columns + j]
                gradientBounds[j] += (abs(r) + magnitudes[i]) * abs(xs[i * columns + j])
            }
        }
        let scoreBounds = magnitudes.map { gamma(columns, T.self) * $0 + tiny }
        gradientBounds = gradientBounds.map { 2 * gamma(rows + columns + 2, T.self) * $0 + tiny }
        for backend in Self.backends() {
            let (scores, gradient) = try Self.run(backend, x, w)
            expectWithin(scores, exactScores, bounds: scoreBounds, "\(backend.kind) \(T.self) \(rows)×\(columns) scores")
            expectWithin(gradient, exactGradient, bounds: gradientBounds,
                         "\(backend.kind) \(T.self) \(rows)×\(columns) gradient")
        }
    }

    @Test(arguments: Array(1...40))
    func everyWidth(columns: Int) throws {
        // 150 rows: several blocks and a partial one; 1 and 2 rows: fewer values than one vector.
        for rows in [1, 2, 150] {
            try check(Float.self, rows: rows, columns: columns)
            try check(Double.self, rows: rows, columns: columns)
        }
    }

    /// Wide rows over many blocks of either pass and a partial last one
    /// (about 256 KiB of X per blocked-gemv block: 109 Double rows of 300).
    @Test(arguments: [(1000, 300), (257, 1031)])
    func severalBlocks(rows: Int, columns: Int) throws {
        try check(Float.self, rows: rows, columns: columns)
        try check(Double.self, rows: rows, columns: columns)
    }

    #if OpenBLAS
    /// The blocked-gemv pass takes the fused kernel's smaller scratch too (in
    /// smaller blocks), and refuses one below that, naming the sizes.
    @Test func blockedGemvScratchSizes() throws {
        var data = TestData(seed: 7)
        let x: Matrix<Double> = data.matrix(300, 100)
        let w: [Double] = data.vector(100)
        let blas = try BLASBackend(threads: 1, binaryPass: .blockedGemv)
        let swift = try SwiftBackend(threads: 1)
        #expect(blas.binaryBlockRows(features: 100, stride: 8) == 327)
        #expect(swift.binaryBlockRows(features: 100, stride: 8) == 20)
        for count in [20, 327] {
            var gradient = [Double](repeating: 0, count: 100), reference = gradient
            var scratch = [Double](repeating: 0, count: count)
            let link: (Range<Int>, UnsafeMutableBufferPointer<Double>) -> Void = { rows, s in
                for i in 0..<rows.count { s[i] = s[i] / 2 + 0.1 }
            }
            try x.withUnsafeMatrix { xm in
                try w.withUnsafeBufferPointer { wb in
                    try scratch.withUnsafeMutableBufferPointer { sb in
                        try gradient.withUnsafeMutableBufferPointer { gb in
                            try blas.binaryForwardBackward(xm, weights: wb, gradient: gb, scratch: sb, link: link)
                        }
                        try reference.withUnsafeMutableBufferPointer { gb in
                            try swift.binaryForwardBackward(xm, weights: wb, gradient: gb, scratch: sb, link: link)
                        }
                    }
                }
            }
            // Same sums in a different order: within 1e-12 of the gradient's magnitude (entries ≈ 10–100).
            for j in 0..<100 { #expect(abs(gradient[j] - reference[j]) <= 1e-12 * max(1, abs(reference[j]))) }
        }
        var small = [Double](repeating: 0, count: 19), gradient = [Double](repeating: 0, count: 100)
        #expect(throws: NumericError.self) {
            try x.withUnsafeMatrix { xm in
                try w.withUnsafeBufferPointer { wb in
                    try small.withUnsafeMutableBufferPointer { sb in
                        try gradient.withUnsafeMutableBufferPointer { gb in
                            try blas.binaryForwardBackward(xm, weights: wb, gradient: gb, scratch: sb) { _, _ in }
                        }
                    }
                }
            }
        }
    }
    #endif

    /// A narrow row's vector load reaches into the next row; those lanes are
    /// cleared, so a NaN or ∞ there leaves this row's score finite and exact.
    @Test func nonFiniteNeighbourDoesNotLeak() throws {
        for value in [Float.nan, .infinity, -.infinity] {
            // 3 columns: a Float vector (16 lanes) spans five following rows.
            var elements = [Float](repeating: 1, count: 8 * 3)
            elements[3] = value  // row 1, column 0
            let x = try Matrix(rows: 8, columns: 3, elements: elements)
            for backend in availableBackends() {
                let (scores, _) = try Self.run(backend, x, [1, 2, 3])
                #expect(scores[0] == 6, "\(backend.kind): row 0 scored \(scores[0]) beside \(value)")
                #expect(scores[2...].allSatisfy { $0 == 6 }, "\(backend.kind): \(scores)")
                #expect(!scores[1].isFinite, "\(backend.kind): row 1 holds \(value) but scored \(scores[1])")
            }
        }
    }
}
