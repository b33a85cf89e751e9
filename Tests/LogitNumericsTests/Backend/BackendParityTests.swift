import LogitNumerics
import Testing

/// Every backend operation against a plain scalar reference computed in
/// `Double`, for Float and Double operands, on many shapes; and the two
/// backends against each other where both are built.
///
/// Tolerances: a sum of n products computed in any order (SIMD lanes, FMA,
/// blocking) has error at most γₙ·Σ|terms| (Higham §3.1), with γₙ = n·u/(1−n·u)
/// and u the unit roundoff of the operands' type. The reference meets the same
/// bound in Double, so each comparison allows 2·γ_{n+2}·Σ|terms| per element
/// (two more operations for α and β). The bound scales with the length and the
/// precision, and it is rigorous: a failure is a bug, not noise.
@Suite("Backend parity")
struct BackendParityTests {
    /// (rows, columns): empty, 1×1, not multiples of the SIMD width, tall, wide.
    static let shapes: [(Int, Int)] = [(0, 5), (5, 0), (1, 1), (3, 7), (17, 33), (64, 64), (300, 9), (7, 513)]

    @Test("dot, axpy, scal, nrm2", arguments: [0, 1, 7, 15, 16, 17, 33, 100, 1000, 4099])
    func level1(n: Int) throws {
        try checkLevel1(n, Float.self)
        try checkLevel1(n, Double.self)
    }

    func checkLevel1<T: LogitScalar>(_ n: Int, _: T.Type) throws {
        var data = TestData(seed: UInt64(n))
        let x: [T] = data.vector(n), y: [T] = data.vector(n)
        let alpha = T(0.75)
        let exactDot = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let dotBound = 2 * gamma(n, T.self) * zip(x, y).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
        let exactNorm = x.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        for backend in availableBackends() {
            let name = "\(backend.kind) \(T.self) n=\(n)"
            expectWithin([try backend.dot(x, y)], [exactDot], bounds: [dotBound + tiny], "\(name) dot")
            var z = y
            try backend.axpy(alpha, x, &z)
            // One multiply and one add per element: 2u relative to |αx| + |y|.
            expectWithin(z, zip(x, y).map { Double(alpha) * Double($0) + Double($1) },
                         bounds: zip(x, y).map { 2 * 2 * Double(T.unitRoundoff) * (abs(Double(alpha * $0)) + abs(Double($1))) + tiny },
                         "\(name) axpy")
            var s = x
            try backend.scal(alpha, &s)
            expectWithin(s, x.map { Double(alpha) * Double($0) },
                         bounds: x.map { Double(T.unitRoundoff) * abs(Double(alpha) * Double($0)) + tiny },
                         "\(name) scal")
            // A norm is a sum of n squares, a square root and possibly a scaling.
            expectWithin([try backend.nrm2(x)], [exactNorm],
                         bounds: [2 * gamma(n + 3, T.self) * exactNorm + tiny], "\(name) nrm2")
        }
    }

    @Test("gemv", arguments: shapes.map { [$0.0, $0.1] })
    func gemv(shape: [Int]) throws {
        try checkGemv(shape[0], shape[1], Float.self)
        try checkGemv(shape[0], shape[1], Double.self)
    }

    func checkGemv<T: LogitScalar>(_ m: Int, _ n: Int, _: T.Type) throws {
        var data = TestData(seed: UInt64(m * 1000 + n))
        let a: Matrix<T> = data.matrix(m, n)
        for trans in [Transpose.noTranspose, .transpose] {
            let (rows, inner) = trans.shape(rows: m, columns: n)
            let x: [T] = data.vector(inner), y0: [T] = data.vector(rows)
            for (alpha, beta) in [(T(1), T(0)), (T(0.5), T(-0.25))] {
                var expected = [Double](), bounds = [Double]()
                for i in 0..<rows {
                    var sum = 0.0, magnitude = 0.0
                    for p in 0..<inner {
                        let term = Double(trans == .noTranspose ? a[i, p] : a[p, i]) * Double(x[p])
                        sum += term
                        magnitude += abs(term)
                    }
                    expected.append(Double(alpha) * sum + Double(beta) * Double(y0[i]))
                    bounds.append(2 * gamma(inner + 2, T.self) * (abs(Double(alpha)) * magnitude + abs(Double(beta) * Double(y0[i]))) + tiny)
                }
                for backend in availableBackends() {
                    var y = y0
                    try backend.gemv(trans, alpha: alpha, a, x, beta: beta, &y)
                    expectWithin(y, expected, bounds: bounds, "\(backend.kind) gemv(\(trans)) \(T.self) \(m)×\(n) β=\(beta)")
                }
            }
        }
    }

    @Test("gemm, all four transposes", arguments: [[0, 3, 4], [1, 1, 1], [3, 0, 5], [4, 5, 0], [17, 33, 9], [33, 17, 70], [64, 3, 129]])
    func gemm(mnk: [Int]) throws {
        try checkGemm(mnk[0], mnk[1], mnk[2], Float.self)
        try checkGemm(mnk[0], mnk[1], mnk[2], Double.self)
    }

    func checkGemm<T: LogitScalar>(_ m: Int, _ n: Int, _ k: Int, _: T.Type) throws {
        var data = TestData(seed: UInt64(m * 10000 + n * 100 + k))
        for transA in [Transpose.noTranspose, .transpose] {
            for transB in [Transpose.noTranspose, .transpose] {
                let a: Matrix<T> = transA == .noTranspose ? data.matrix(m, k) : data.matrix(k, m)
                let b: Matrix<T> = transB == .noTranspose ? data.matrix(k, n) : data.matrix(n, k)
                let c0: Matrix<T> = data.matrix(m, n)
                let alpha = T(0.5), beta = T(2)
                var expected = [Double](), bounds = [Double]()
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = 0.0, magnitude = 0.0
                        for p in 0..<k {
                            let term = Double(transA == .noTranspose ? a[i, p] : a[p, i])
                                * Double(transB == .noTranspose ? b[p, j] : b[j, p])
                            sum += term
                            magnitude += abs(term)
                        }
                        expected.append(Double(alpha) * sum + Double(beta) * Double(c0[i, j]))
                        bounds.append(2 * gamma(k + 2, T.self) * (Double(alpha) * magnitude + abs(Double(beta) * Double(c0[i, j]))) + tiny)
                    }
                }
                for backend in availableBackends() {
                    var c = c0
                    try backend.gemm(transA, transB, alpha: alpha, a, b, beta: beta, &c)
                    expectWithin(c.elements, expected, bounds: bounds,
                                 "\(backend.kind) gemm(\(transA), \(transB)) \(T.self) m=\(m) n=\(n) k=\(k)")
                }
            }
        }
    }

    @Test("syrk writes the upper triangle only", arguments: [[0, 3], [1, 1], [5, 0], [9, 17], [40, 7], [33, 100]])
    func syrk(nk: [Int]) throws {
        try checkSyrk(nk[0], nk[1], Float.self)
        try checkSyrk(nk[0], nk[1], Double.self)
    }

    func checkSyrk<T: LogitScalar>(_ n: Int, _ k: Int, _: T.Type) throws {
        var data = TestData(seed: UInt64(n * 100 + k))
        for trans in [Transpose.noTranspose, .transpose] {
            let a: Matrix<T> = trans == .noTranspose ? data.matrix(n, k) : data.matrix(k, n)
            let c0: Matrix<T> = data.matrix(n, n)
            let alpha = T(1.5), beta = T(0.5)
            for backend in availableBackends() {
                var c = c0
                try backend.syrk(trans, alpha: alpha, a, beta: beta, &c)
                var actual = [T](), expected = [Double](), bounds = [Double]()
                for i in 0..<n {
                    for j in 0..<n {
                        if j < i {
                            #expect(c[i, j] == c0[i, j], "\(backend.kind) syrk wrote below the diagonal at (\(i), \(j))")
                            continue
                        }
                        var sum = 0.0, magnitude = 0.0
                        for p in 0..<k {
                            let term = trans == .noTranspose ? Double(a[i, p]) * Double(a[j, p]) : Double(a[p, i]) * Double(a[p, j])
                            sum += term
                            magnitude += abs(term)
                        }
                        actual.append(c[i, j])
                        expected.append(Double(alpha) * sum + Double(beta) * Double(c0[i, j]))
                        bounds.append(2 * gamma(k + 2, T.self) * (Double(alpha) * magnitude + abs(Double(beta) * Double(c0[i, j]))) + tiny)
                    }
                }
                expectWithin(actual, expected, bounds: bounds, "\(backend.kind) syrk(\(trans)) \(T.self) n=\(n) k=\(k)")
            }
        }
    }

    /// posv on A = BᵀB/m + I: its eigenvalues lie in [1, 1 + n] (entries of B are in
    /// [-1, 1]), so κ(A) ≤ n + 1. Cholesky is backward stable, so the forward error
    /// is at most about c·n·u·κ·‖x‖; we allow c = 8 and compare with the reference
    /// solution x (b is made as A·x in Double).
    @Test("posv", arguments: [1, 2, 7, 16, 33, 80])
    func posv(n: Int) throws {
        try checkPosv(n, Float.self)
        try checkPosv(n, Double.self)
    }

    func checkPosv<T: LogitScalar>(_ n: Int, _: T.Type) throws {
        var data = TestData(seed: UInt64(n))
        let m = n + 3
        let b: Matrix<T> = data.matrix(m, n)
        let a = Matrix<T>(rows: n, columns: n) { i, j in
            var s = 0.0
            for p in 0..<m { s += Double(b[p, i]) * Double(b[p, j]) }
            return T(s / Double(m) + (i == j ? 1 : 0))
        }
        let xs: Matrix<T> = data.matrix(n, 2)
        let rhs = Matrix<T>(rows: n, columns: 2) { i, c in
            T((0..<n).reduce(0.0) { $0 + Double(a[i, $1]) * Double(xs[$1, c]) })
        }
        // The exact solution of the rounded system differs from xs by rounding of rhs: fold it into the bound.
        let scale = xs.elements.map { abs(Double($0)) }.max() ?? 0
        let bound = 8 * Double(n) * Double(T.unitRoundoff) * Double(n + 1) * (scale + 1)
        for backend in availableBackends() {
            var factor = a, solution = rhs
            try backend.posv(&factor, &solution)
            expectWithin(solution.elements, xs.elements.map(Double.init), bounds: Array(repeating: bound, count: 2 * n),
                         "\(backend.kind) posv \(T.self) n=\(n)")
        }
    }

    @Test("row-block views compute on the block alone")
    func rowBlocks() throws {
        var data = TestData(seed: 99)
        let a: Matrix<Double> = data.matrix(20, 37)
        let block = a.rows(5..<13)
        let copy = try Matrix(rows: 8, columns: 37, elements: block.elements)
        let x: [Double] = data.vector(37)
        for backend in availableBackends() {
            var viaView = [Double](repeating: 0, count: 8), viaCopy = viaView
            try backend.gemv(.noTranspose, block, x, &viaView)
            try backend.gemv(.noTranspose, copy, x, &viaCopy)
            if backend.kind == .swift {
                #expect(viaView == viaCopy, "\(backend.kind): a view and a copy of the same rows differ")
            } else {
                // OpenBLAS's kernels may sum in another order when the rows start at
                // another alignment (seen with its Prescott kernels): equal within the
                // summation bound 2·γ₃₉·Σ|aᵢⱼxⱼ| (γₙ = n·u/(1 − n·u)), not bitwise.
                let bounds = (0..<8).map { i in
                    2 * 39 * Double.unitRoundoff / (1 - 39 * Double.unitRoundoff)
                        * (0..<37).reduce(0.0) { $0 + abs(copy[i, $1] * x[$1]) }
                }
                expectWithin(viaView, viaCopy, bounds: bounds, "\(backend.kind): a view and a copy of the same rows")
            }
            #expect(block[0, 0] == a[5, 0] && block[7, 36] == a[12, 36])
        }
    }

    @Test("forwardBackward and blockForwardBackward match the two-pass definition", arguments: [[0, 4, 1], [1, 1, 1], [50, 17, 1], [300, 33, 3], [9, 0, 2], [1000, 40, 10]])
    func forwardBackward(shape: [Int]) throws {
        try checkForwardBackward(shape[0], shape[1], shape[2], Float.self)
        try checkForwardBackward(shape[0], shape[1], shape[2], Double.self)
    }

    func checkForwardBackward<T: LogitScalar>(_ n: Int, _ d: Int, _ k: Int, _: T.Type) throws {
        var data = TestData(seed: UInt64(n + d + k))
        let x: Matrix<T> = data.matrix(n, d)
        let w: Matrix<T> = data.matrix(k, d)
        let targets: Matrix<T> = data.matrix(n, k)
        // Reference: s = W·xᵢ, r = s/2 − tᵢ, G = Σ rᵢ·xᵢᵀ, in Double; the bound
        // follows the error of s (γ_d), then of the sum over n rows (γ_n).
        var expected = [Double](repeating: 0, count: k * d), magnitude = expected
        for i in 0..<n {
            for c in 0..<k {
                var s = 0.0, sm = 0.0
                for j in 0..<d { s += Double(w[c, j]) * Double(x[i, j]); sm += abs(Double(w[c, j]) * Double(x[i, j])) }
                let r = s / 2 - Double(targets[i, c])
                for j in 0..<d {
                    expected[c * d + j] += r * Double(x[i, j])
                    magnitude[c * d + j] += (abs(r) + sm) * abs(Double(x[i, j]))
                }
            }
        }
        let bounds = magnitude.map { 2 * gamma(d + n + 4, T.self) * $0 + tiny }
        for backend in availableBackends() {
            var gradient = Matrix<T>(rows: k, columns: d)
            var visited = [Int]()
            var scratch = [T](repeating: .nan, count: backend.forwardBackwardScratchCount(rows: n, features: d, classes: k))
            try x.withUnsafeMatrix { xm in
                try w.withUnsafeMatrix { wm in
                    try gradient.withUnsafeMutableMatrix { gm in
                        try scratch.withUnsafeMutableBufferPointer { sb in
                            try backend.forwardBackward(xm, weights: wm, gradient: gm, scratch: sb) { i, scores in
                                visited.append(i)
                                for c in 0..<k { scores[c] = scores[c] / 2 - targets[i, c] }
                            }
                        }
                    }
                }
            }
            #expect(visited == Array(0..<(k > 0 ? n : 0)), "\(backend.kind): link must see each row once, in order")
            expectWithin(gradient.elements, expected, bounds: bounds, "\(backend.kind) forwardBackward \(T.self) \(n)×\(d) k=\(k)")

            // The same pass with the link called per block of rows.
            var blockGradient = Matrix<T>(rows: k, columns: d)
            var blocks = [Range<Int>]()
            scratch = [T](repeating: .nan, count: scratch.count)
            try x.withUnsafeMatrix { xm in
                try w.withUnsafeMatrix { wm in
                    try blockGradient.withUnsafeMutableMatrix { gm in
                        try scratch.withUnsafeMutableBufferPointer { sb in
                            try backend.blockForwardBackward(xm, weights: wm, gradient: gm, scratch: sb) { rows, scores in
                                blocks.append(rows)
                                #expect(scores.rows == rows.count && scores.columns == k)
                                for i in 0..<rows.count {
                                    let row = scores.baseAddress! + i * k
                                    for c in 0..<k { row[c] = row[c] / 2 - targets[rows.lowerBound + i, c] }
                                }
                            }
                        }
                    }
                }
            }
            #expect(blocks.flatMap { Array($0) } == Array(0..<(k > 0 ? n : 0)),
                    "\(backend.kind): the blocks must cover the rows once, in order")
            expectWithin(blockGradient.elements, expected, bounds: bounds,
                         "\(backend.kind) blockForwardBackward \(T.self) \(n)×\(d) k=\(k)")
        }
    }

    @Test("multithreaded Swift kernels agree with one thread")
    func threads() throws {
        var data = TestData(seed: 7)
        let a: Matrix<Double> = data.matrix(700, 300)
        let x: [Double] = data.vector(300), z: [Double] = data.vector(700)
        let one = try SwiftBackend(threads: 1), four = try SwiftBackend(threads: 4)
        var y1 = [Double](repeating: 0, count: 700), y4 = y1
        try one.gemv(.noTranspose, a, x, &y1)
        try four.gemv(.noTranspose, a, x, &y4)
        #expect(y1 == y4, "row-split gemv sums each row identically")
        var t1 = [Double](repeating: 0, count: 300), t4 = t1
        try one.gemv(.transpose, a, z, &t1)
        try four.gemv(.transpose, a, z, &t4)
        #expect(t1 == t4, "column-split transposed gemv sums each column identically")
        var c1 = Matrix<Double>(rows: 300, columns: 300), c4 = c1
        try one.syrk(.transpose, a, &c1)
        try four.syrk(.transpose, a, &c4)
        #expect(c1 == c4)
    }
}
