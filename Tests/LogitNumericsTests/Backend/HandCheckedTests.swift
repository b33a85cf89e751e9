import LogitNumerics
import Testing

/// Small cases whose answers are worked out by hand (shown in the comments), on
/// every backend and both precisions. The inputs are small integers, so every
/// result is exact in Float and Double alike and the comparisons are exact.
@Suite("Hand-checked operations")
struct HandCheckedTests {
    static let backends = BackendKind.available

    @Test(arguments: backends)
    func levelOne(kind: BackendKind) throws {
        let b = try kind.makeBackend(threads: 1)
        try check(b, Float.self)
        try check(b, Double.self)
    }

    func check<T: LogitScalar>(_ b: any NumericBackend, _: T.Type) throws {
        // 1·4 + 2·5 + 3·6 = 32
        #expect(try b.dot([1, 2, 3] as [T], [4, 5, 6]) == 32)
        // 2·[1, 2, 3] + [1, 1, 1] = [3, 5, 7]
        var y: [T] = [1, 1, 1]
        try b.axpy(2, [1, 2, 3], &y)
        #expect(y == [3, 5, 7])
        var s: [T] = [1, -2, 4]
        try b.scal(-0.5, &s)
        #expect(s == [-0.5, 1, -2])
        // A 3-4-5 triangle; and one whose squares overflow the type: the norm must not.
        #expect(try b.nrm2([3, 4] as [T]) == 5)
        let big = T.greatestFiniteMagnitude / 8
        let norm = try b.nrm2([3 * big / 4, big] as [T])
        #expect(abs(norm - 5 * big / 4) <= 4 * T.ulpOfOne * norm, "nrm2 overflowed: \(norm)")
        #expect(try b.nrm2([] as [T]) == 0)
        #expect(try b.dot([] as [T], []) == 0)
    }

    @Test(arguments: backends)
    func gemvAndGemm(kind: BackendKind) throws {
        let b = try kind.makeBackend(threads: 1)
        let a = try Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        // [[1,2,3],[4,5,6]]·[1,1,1] = [6, 15]; then 2·that + 3·[1, -1] = [15, 27]
        var y: [Double] = [1, -1]
        try b.gemv(.noTranspose, alpha: 2, a, [1, 1, 1], beta: 3, &y)
        #expect(y == [15, 27])
        // Aᵀ·[1, 1] = [5, 7, 9]
        var t = [Double](repeating: .nan, count: 3)
        try b.gemv(.transpose, a, [1, 1], &t)
        #expect(t == [5, 7, 9], "β = 0 must not read y (it held NaN)")
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]
        let p = try Matrix<Float>([[1, 2], [3, 4]]), q = try Matrix<Float>([[5, 6], [7, 8]])
        var c = Matrix<Float>(rows: 2, columns: 2, repeating: .nan)
        try b.gemm(.noTranspose, .noTranspose, p, q, &c)
        #expect(c == (try Matrix([[19, 22], [43, 50]])))
        // Pᵀ·Qᵀ = (Q·P)ᵀ; Q·P = [[23,34],[31,46]], so Pᵀ·Qᵀ = [[23,31],[34,46]]
        try b.gemm(.transpose, .transpose, p, q, &c)
        #expect(c == (try Matrix([[23, 31], [34, 46]])))
        // PᵀP = [[10,14],[14,20]]; syrk fills the upper triangle and leaves -1 below it.
        var g = Matrix<Float>(rows: 2, columns: 2, repeating: -1)
        try b.syrk(.transpose, p, &g)
        #expect(g == (try Matrix([[10, 14], [-1, 20]])))
    }

    /// The classic example A = LLᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]]: posv must
    /// leave U = Lᵀ in the upper triangle and solve A·x = b for x = [1, 2, 3],
    /// b = A·x = [-20, -43, 192].
    @Test(arguments: backends)
    func posvKnownSolution(kind: BackendKind) throws {
        let b = try kind.makeBackend(threads: 1)
        var a = try Matrix<Double>([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])
        var rhs = try Matrix<Double>(rows: 3, columns: 1, elements: [-20, -43, 192])
        try b.posv(&a, &rhs)
        for (i, j, u) in [(0, 0, 2.0), (0, 1, 6), (0, 2, -8), (1, 1, 1), (1, 2, 5), (2, 2, 3)] {
            #expect(abs(a[i, j] - u) <= 1e-14, "U[\(i), \(j)] = \(a[i, j]), expected \(u)")
        }
        for (i, x) in [1.0, 2, 3].enumerated() {
            #expect(abs(rhs[i, 0] - x) <= 1e-12, "x[\(i)] = \(rhs[i, 0]), expected \(x)")
        }
        #expect(try b.solvePositiveDefinite(try Matrix<Float>([[4, 2], [2, 3]]), [2, 1]) == [0.5, 0])
    }

    /// [[1,2],[2,1]] has eigenvalues 3 and −1: the 1×1 minor is fine, the 2×2 is not.
    /// [[0]] fails at order 1; a NaN on the diagonal is not positive either.
    @Test(arguments: backends)
    func posvNotPositiveDefiniteThrows(kind: BackendKind) throws {
        let b = try kind.makeBackend(threads: 1)
        for (matrix, order) in [([[1.0, 2], [2, 1]], 2), ([[0.0]], 1), ([[1.0, 0, 0], [0, 4, 0], [0, 0, -1]], 3)] {
            var a = try Matrix<Double>(matrix)
            var rhs = Matrix<Double>(rows: matrix.count, columns: 1, repeating: 1)
            #expect(throws: NumericError.notPositiveDefinite(operation: "posv", order: order)) {
                try b.posv(&a, &rhs)
            }
        }
        var a = try Matrix<Float>([[.nan]])
        var rhs = Matrix<Float>(rows: 1, columns: 1, repeating: 1)
        #expect(throws: NumericError.self) { try b.posv(&a, &rhs) }
    }
}
