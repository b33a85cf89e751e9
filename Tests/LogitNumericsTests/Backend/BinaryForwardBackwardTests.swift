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
    /// residual the link wrote, rᵢ = sᵢ/2 + 1/10. With `transposed`, through
    /// the pass over Xᵀ (given a copy of X transposed here, and `scratch`
    /// elements: the size of its blocks). Checks that the blocks cover the
    /// rows once, in order.
    static func run<T: LogitScalar>(_ backend: any NumericBackend, _ x: Matrix<T>, _ w: [T],
                                    transposed: Bool = false, scratch count: Int? = nil) throws
        -> (scores: [T], gradient: [T]) {
        var scores = [T](repeating: .nan, count: x.rows)
        var gradient = [T](repeating: 0, count: x.columns)
        var scratch = [T](repeating: 0, count: count ?? (transposed ? 4096
            : backend.binaryBlockRows(features: x.columns, stride: MemoryLayout<T>.stride)))
        let xt = Matrix<T>(rows: x.columns, columns: x.rows) { j, i in x[i, j] }
        var next = 0
        let link: (Range<Int>, UnsafeMutableBufferPointer<T>) -> Void = { rows, block in
            #expect(rows.lowerBound == next && rows.count == block.count && !rows.isEmpty)
            next = rows.upperBound
            for i in 0..<rows.count {
                scores[rows.lowerBound + i] = block[i]
                block[i] = block[i] / 2 + T(0.1)
            }
        }
        try (transposed ? xt : x).withUnsafeMatrix { xm in
            try w.withUnsafeBufferPointer { wb in
                try gradient.withUnsafeMutableBufferPointer { gb in
                    try scratch.withUnsafeMutableBufferPointer { sb in
                        if transposed {
                            try backend.binaryForwardBackward(transposed: xm, weights: wb, gradient: gb, scratch: sb,
                                                              link: link)
                        } else {
                            try backend.binaryForwardBackward(xm, weights: wb, gradient: gb, scratch: sb, link: link)
                        }
                    }
                }
            }
        }
        #expect(next == x.rows, "the blocks covered \(next) of \(x.rows) rows")
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
            // The row-major pass; the pass over Xᵀ in its default blocks and in
            // blocks of 7 rows (a vector and a partial one, then tails).
            for (transposed, scratch) in [(false, nil), (true, nil), (true, 7)] as [(Bool, Int?)] {
                let (scores, gradient) = try Self.run(backend, x, w, transposed: transposed, scratch: scratch)
                let name = "\(backend.kind) \(T.self) \(rows)×\(columns)\(transposed ? " Xᵀ scratch \(scratch ?? 4096)" : "")"
                expectWithin(scores, exactScores, bounds: scoreBounds, "\(name) scores")
                expectWithin(gradient, exactGradient, bounds: gradientBounds, "\(name) gradient")
            }
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
    /// (about 256 KiB of X per blocked-gemv block: 109 Double rows of 300);
    /// narrow ones over several blocks of the pass over Xᵀ (512 rows per
    /// block).
    @Test(arguments: [(1000, 300), (257, 1031), (9000, 7), (1100, 3)])
    func severalBlocks(rows: Int, columns: Int) throws {
        try check(Float.self, rows: rows, columns: columns)
        try check(Double.self, rows: rows, columns: columns)
    }

    /// The pass over Xᵀ names a wrong length and an empty scratch, on every
    /// backend, before touching memory; with no feature every score is 0.
    @Test func transposedShapes() throws {
        let xt = Matrix<Double>(rows: 3, columns: 10) { j, i in Double(i + j) }
        for backend in availableBackends() {
            func pass(weights: Int, gradient: Int, scratch: Int) throws {
                var w = [Double](repeating: 0, count: weights), g = [Double](repeating: 0, count: gradient)
                var s = [Double](repeating: 0, count: scratch)
                try xt.withUnsafeMatrix { xm in
                    try w.withUnsafeMutableBufferPointer { wb in
                        try g.withUnsafeMutableBufferPointer { gb in
                            try s.withUnsafeMutableBufferPointer { sb in
                                try backend.binaryForwardBackward(transposed: xm, weights: UnsafeBufferPointer(wb),
                                                                  gradient: gb, scratch: sb) { _, _ in }
                            }
                        }
                    }
                }
            }
            #expect(throws: NumericError.shapeMismatch(
                operation: "binaryForwardBackward(transposed:)",
                message: "Xᵀ is 3×10 but w has 4 and g 3 elements (expected 3)")) {
                try pass(weights: 4, gradient: 3, scratch: 8)
            }
            #expect(throws: NumericError.shapeMismatch(
                operation: "binaryForwardBackward(transposed:)",
                message: "scratch is empty, needs at least 1 element for 10 rows")) {
                try pass(weights: 3, gradient: 3, scratch: 0)
            }
            try pass(weights: 3, gradient: 3, scratch: 1)
            let none = Matrix<Double>(rows: 0, columns: 5)
            var seen: [Double] = []
            var scratch = [Double](repeating: .nan, count: 4)
            try none.withUnsafeMatrix { xm in
                try scratch.withUnsafeMutableBufferPointer { sb in
                    try backend.binaryForwardBackward(transposed: xm, weights: UnsafeBufferPointer(start: nil, count: 0),
                                                      gradient: UnsafeMutableBufferPointer(start: nil, count: 0),
                                                      scratch: sb) { _, block in seen += Array(block) }
                }
            }
            #expect(seen == [0, 0, 0, 0, 0], "\(backend.kind)")
        }
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
