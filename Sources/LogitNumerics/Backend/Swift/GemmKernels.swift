/// The pure-Swift matrix–matrix product behind ``SwiftBackend/gemm(_:_:alpha:_:_:beta:_:)``
/// and ``SwiftBackend/syrk(_:alpha:_:beta:_:)``.
///
/// When op(B) = B, rows of B are contiguous and C gets a register-tiled update:
/// a 2-row × SIMD-width tile of C stays in registers across a block of k that
/// keeps its panel of B in L2. When op(B) = Bᵀ, each C(i, j) is a dot product
/// of two contiguous rows. Both are inlined into the pre-specialized callers.
@usableFromInline
enum GemmKernels {
    /// Bytes of B kept in cache across a block of the k loop.
    @usableFromInline static let panelBytes = 256 * 1024

    /// C[i, j] += α·Σₚ op(A)[i, p]·op(B)[p, j] for i in `rows` and every j (or
    /// j ≥ i when `upperOnly`). β has already been applied to C.
    @inline(__always)
    static func multiply<T: LogitScalar>(
        _ transA: Transpose, _ transB: Transpose, alpha: T,
        _ a: UnsafeMatrix<T>, _ b: UnsafeMatrix<T>, _ c: UnsafeMutableMatrix<T>,
        rows: Range<Int>, k: Int, upperOnly: Bool
    ) {
        if transB == .noTranspose {
            rowUpdate(transA, alpha: alpha, a, b, c, rows: rows, k: k, upperOnly: upperOnly)
        } else {
            rowDots(transA, alpha: alpha, a, b, c, rows: rows, k: k, upperOnly: upperOnly)
        }
    }

    /// op(A)[i, p] for either orientation of A.
    @inline(__always)
    static func element<T: LogitScalar>(_ trans: Transpose, _ a: UnsafeMatrix<T>, _ i: Int, _ p: Int) -> T {
        trans == .noTranspose ? a.baseAddress![i * a.columns + p] : a.baseAddress![p * a.columns + i]
    }

    /// C += α·op(A)·B with B's rows contiguous.
    @inline(__always)
    static func rowUpdate<T: LogitScalar>(
        _ transA: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ b: UnsafeMatrix<T>,
        _ c: UnsafeMutableMatrix<T>, rows: Range<Int>, k: Int, upperOnly: Bool
    ) {
        let n = c.columns, w = T.Accumulator.scalarCount
        let bp = b.baseAddress!, cp = c.baseAddress!
        let panel = max(1, panelBytes / max(1, n * MemoryLayout<T>.stride))
        var p0 = 0
        while p0 < k {
            let p1 = min(k, p0 + panel)
            var i = rows.lowerBound
            while i < rows.upperBound {
                let pair = i + 1 < rows.upperBound
                let jStart = upperOnly ? i : 0
                var j = jStart
                // Vector tiles: acc0 for row i, acc1 for row i+1.
                while j + w <= n {
                    var acc0 = T.Accumulator(), acc1 = T.Accumulator()
                    for p in p0..<p1 {
                        let bv = SwiftKernels.load(UnsafePointer(bp + p * n + j))
                        acc0 += T.Accumulator(repeating: element(transA, a, i, p)) * bv
                        if pair { acc1 += T.Accumulator(repeating: element(transA, a, i + 1, p)) * bv }
                    }
                    add(alpha, acc0, to: cp + i * n, j, from: upperOnly ? i : 0)
                    if pair { add(alpha, acc1, to: cp + (i + 1) * n, j, from: upperOnly ? i + 1 : 0) }
                    j += w
                }
                // Tail columns.
                while j < n {
                    var s0: T = 0, s1: T = 0
                    for p in p0..<p1 {
                        let bv = bp[p * n + j]
                        s0 += element(transA, a, i, p) * bv
                        if pair { s1 += element(transA, a, i + 1, p) * bv }
                    }
                    cp[i * n + j] += alpha * s0
                    if pair && (!upperOnly || j >= i + 1) { cp[(i + 1) * n + j] += alpha * s1 }
                    j += 1
                }
                i += pair ? 2 : 1
            }
            p0 = p1
        }
    }

    /// row[j ..< j+w] += α·acc, skipping columns below `first` (the diagonal of
    /// a triangular update).
    @inline(__always)
    static func add<T: LogitScalar>(_ alpha: T, _ acc: T.Accumulator, to row: UnsafeMutablePointer<T>,
                                    _ j: Int, from first: Int) {
        let w = T.Accumulator.scalarCount
        if j >= first {
            SwiftKernels.store(SwiftKernels.load(UnsafePointer(row + j)) + T.Accumulator(repeating: alpha) * acc, row + j)
        } else {
            for l in 0..<w where j + l >= first { row[j + l] += alpha * acc[l] }
        }
    }

    /// C[i, j] += α·⟨op(A) row i, B row j⟩ (op(B) = Bᵀ, so B's rows are op(B)'s columns).
    @inline(__always)
    static func rowDots<T: LogitScalar>(
        _ transA: Transpose, alpha: T, _ a: UnsafeMatrix<T>, _ b: UnsafeMatrix<T>,
        _ c: UnsafeMutableMatrix<T>, rows: Range<Int>, k: Int, upperOnly: Bool
    ) {
        let n = c.columns
        let bp = b.baseAddress!, cp = c.baseAddress!
        // Blocks of B's rows that stay in L2 while every row of op(A) passes by.
        let block = max(1, panelBytes / max(1, k * MemoryLayout<T>.stride))
        let gather: (Int, UnsafeMutablePointer<T>) -> UnsafePointer<T> = { i, buffer in
            if transA == .noTranspose { return a.baseAddress! + i * a.columns }
            for p in 0..<k { buffer[p] = a.baseAddress![p * a.columns + i] }
            return UnsafePointer(buffer)
        }
        withUnsafeTemporaryAllocation(of: T.self, capacity: transA == .noTranspose ? 1 : k) { buffer in
            var j0 = 0
            while j0 < n {
                let j1 = min(n, j0 + block)
                for i in rows {
                    let first = upperOnly ? max(i, j0) : j0
                    if first >= j1 { continue }
                    let ai = gather(i, buffer.baseAddress!)
                    for j in first..<j1 {
                        cp[i * n + j] += alpha * SwiftKernels.dot(ai, bp + j * k, k)
                    }
                }
                j0 = j1
            }
        }
    }
}
