/// The pure-Swift compute kernels: loops over raw pointers with SIMD
/// accumulators (`T.Accumulator`, 64 bytes wide).
///
/// They are always inlined into ``SwiftBackend``'s methods, which are
/// pre-specialized for `Float` and `Double`; generic unspecialized SIMD code is
/// two orders of magnitude slower. Partial products are accumulated with
/// `acc += a * b` rather than `addProduct`: at the default x86-64 target the
/// latter becomes a libm `fma` call per lane.
@usableFromInline
enum SwiftKernels {
    @inlinable @inline(__always)
    static func load<T: LogitScalar>(_ p: UnsafePointer<T>) -> T.Accumulator {
        UnsafeRawPointer(p).loadUnaligned(as: T.Accumulator.self)
    }

    @inlinable @inline(__always)
    static func store<T: LogitScalar>(_ v: T.Accumulator, _ p: UnsafeMutablePointer<T>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: T.Accumulator.self)
    }

    /// Σ x[i]·y[i] over `n` elements; two accumulators hide the add latency when
    /// the data is in cache.
    @inlinable @inline(__always)
    static func dot<T: LogitScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
        let w = T.Accumulator.scalarCount
        var acc0 = T.Accumulator(), acc1 = T.Accumulator()
        var i = 0
        while i + 2 * w <= n {
            acc0 += load(x + i) * load(y + i)
            acc1 += load(x + i + w) * load(y + i + w)
            i += 2 * w
        }
        if i + w <= n {
            acc0 += load(x + i) * load(y + i)
            i += w
        }
        var sum = (acc0 + acc1).sum()
        while i < n {
            sum += x[i] * y[i]
            i += 1
        }
        return sum
    }

    /// y[i] += a·x[i] over `n` elements.
    @inlinable @inline(__always)
    static func axpy<T: LogitScalar>(_ a: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int) {
        let w = T.Accumulator.scalarCount
        let av = T.Accumulator(repeating: a)
        var i = 0
        while i + w <= n {
            store(load(UnsafePointer(y + i)) + av * load(x + i), y + i)
            i += w
        }
        while i < n {
            y[i] += a * x[i]
            i += 1
        }
    }

    /// x[i] *= a over `n` elements; a = 0 writes zeros (so NaN in x is cleared,
    /// as BLAS's β = 0 convention requires).
    @inline(__always)
    static func scale<T: LogitScalar>(_ a: T, _ x: UnsafeMutablePointer<T>, _ n: Int) {
        if a == 0 {
            x.update(repeating: 0, count: n)
            return
        }
        if a == 1 { return }
        multiply(a, x, n)
    }

    /// x[i] *= a over `n` elements, for every a (NaN·0 stays NaN, as BLAS's scal).
    @inline(__always)
    static func multiply<T: LogitScalar>(_ a: T, _ x: UnsafeMutablePointer<T>, _ n: Int) {
        let w = T.Accumulator.scalarCount
        let av = T.Accumulator(repeating: a)
        var i = 0
        while i + w <= n {
            store(load(UnsafePointer(x + i)) * av, x + i)
            i += w
        }
        while i < n {
            x[i] *= a
            i += 1
        }
    }

    /// max |x[i]| over `n` elements (NaN propagates).
    @inline(__always)
    static func maxMagnitude<T: LogitScalar>(_ x: UnsafePointer<T>, _ n: Int) -> T {
        var result: T = 0
        for i in 0..<n {
            let m = x[i].magnitude
            if m > result || m.isNaN { result = m }
            if result.isNaN { return result }
        }
        return result
    }

    /// Σ (s·x[i])² over `n` elements.
    @inline(__always)
    static func scaledSumOfSquares<T: LogitScalar>(_ x: UnsafePointer<T>, _ n: Int, scale s: T) -> T {
        let w = T.Accumulator.scalarCount
        let sv = T.Accumulator(repeating: s)
        var acc = T.Accumulator()
        var i = 0
        while i + w <= n {
            let v = load(x + i) * sv
            acc += v * v
            i += w
        }
        var sum = acc.sum()
        while i < n {
            let v = x[i] * s
            sum += v * v
            i += 1
        }
        return sum
    }

    /// The fused pass of ``NumericBackend/forwardBackward(_:weights:gradient:scratch:link:)``
    /// for one output (k = 1): per row, s = ⟨xᵢ, w⟩, link, g += s·xᵢ, reading
    /// the row from L1 for the update, so X streams from memory once. Both
    /// backends run it (the BLAS backend's reasons are at its call).
    @inline(__always)
    static func fusedBinaryPass<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeMatrix<T>, gradient: UnsafeMutableMatrix<T>,
        scratch: UnsafeMutableBufferPointer<T>, link: (_ row: Int, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) {
        let d = x.columns
        let score = UnsafeMutableBufferPointer(rebasing: scratch[0..<1])
        let w = weights.baseAddress!, g = gradient.baseAddress!
        for i in 0..<x.rows {
            let row = x.baseAddress! + i * d
            score[0] = d == 0 ? 0 : dot(row, w, d)
            link(i, score)
            if score[0] != 0 && d > 0 { axpy(score[0], row, g, d) }
        }
    }

    /// Rows per block of ``binaryBlockPass(_:weights:gradient:scratch:link:)``:
    /// about 16 KiB of X, so a block is still in L1 for its update; at most 64
    /// rows (the link's vector work needs no more); at least 1.
    @inline(__always)
    static func binaryBlockRows(features: Int, stride: Int) -> Int {
        max(1, min(64, (16 << 10) / max(1, features * stride)))
    }

    /// The block pass behind ``NumericBackend/binaryForwardBackward(_:weights:gradient:scratch:link:)``,
    /// which both backends run (see there). Blocks of at most 64 rows and
    /// about 16 KiB of X (``NumericBackend/binaryBlockRows(features:stride:)``).
    @inline(__always)
    static func binaryBlockPass<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) throws(NumericError) {
        let d = x.columns
        let block = binaryBlockRows(features: d, stride: MemoryLayout<T>.stride)
        guard weights.count == d, gradient.count == d, scratch.count >= min(block, max(x.rows, 1)) else {
            throw .shapeMismatch(operation: "binaryForwardBackward",
                                 message: "X is \(x.rows)×\(d) but w has \(weights.count), g \(gradient.count) and scratch \(scratch.count) elements (needs \(min(block, max(x.rows, 1))))")
        }
        guard x.rows > 0 else { return }
        if d > 0 && d < T.Accumulator.scalarCount {
            narrowBinaryBlockPass(x, weights: weights, gradient: gradient, scratch: scratch, block: block, link: link)
            return
        }
        let w = weights.baseAddress!, g = gradient.baseAddress!
        var start = 0
        while start < x.rows {
            let rows = min(block, x.rows - start)
            let scores = UnsafeMutableBufferPointer(rebasing: scratch[0..<rows])
            for i in 0..<rows {
                scores[i] = d == 0 ? 0 : SwiftKernels.dot(x.baseAddress! + (start + i) * d, w, d)
            }
            link(start..<(start + rows), scores)
            if d > 0 {
                for i in 0..<rows where scores[i] != 0 {
                    SwiftKernels.axpy(scores[i], x.baseAddress! + (start + i) * d, g, d)
                }
            }
            start += rows
        }
    }

    /// ``binaryBlockPass(_:weights:gradient:scratch:link:)`` for rows narrower
    /// than one accumulator (d < 16 floats or 8 doubles: tabular data such as
    /// Raisin's 7 features). There the general kernel never fills a vector and
    /// runs its scalar tail: a chain of d dependent multiply-adds per row for
    /// the score and d scalar updates of g. Here a row is one vector (lanes
    /// ≥ d masked to zero, so a neighbour's NaN cannot leak in), the score is a
    /// tree sum of one product vector, and the gradient stays in registers
    /// for the whole pass, added to `g` once at the end.
    @inline(__always)
    static func narrowBinaryBlockPass<T: LogitScalar>(
        _ x: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>, block: Int,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) {
        let d = x.columns, lanes = T.Accumulator.scalarCount
        let base = x.baseAddress!
        var wv = T.Accumulator(), lane = T.Accumulator()
        for j in 0..<lanes { lane[j] = T(j) }
        for j in 0..<d { wv[j] = weights[j] }
        // Lanes past the row hold the next row's first values: zeroed, so that
        // a non-finite neighbour cannot leak into this row's score.
        let outside = lane .>= T(d)
        // Rows whose full-width load stays inside X; the last few rows are copied lane by lane.
        let loadable = x.rows * d >= lanes ? (x.rows * d - lanes) / d + 1 : 0
        @inline(__always) func row(_ i: Int) -> T.Accumulator {
            if i < loadable {
                return load(base + i * d).replacing(with: 0, where: outside)
            }
            var v = T.Accumulator()
            for j in 0..<d { v[j] = base[i * d + j] }
            return v
        }
        var gv = T.Accumulator()
        var start = 0
        while start < x.rows {
            let rows = min(block, x.rows - start)
            let scores = UnsafeMutableBufferPointer(rebasing: scratch[0..<rows])
            for i in 0..<rows { scores[i] = treeSum(row(start + i) * wv) }
            link(start..<(start + rows), scores)
            // The gradient needs no mask: lanes past d gather the neighbours'
            // products, and only the first d lanes are ever read out of gv.
            for i in 0..<rows where scores[i] != 0 {
                let r = start + i
                let v = r < loadable ? load(base + r * d) : row(r)
                gv += T.Accumulator(repeating: scores[i]) * v
            }
            start += rows
        }
        for j in 0..<d { gradient[j] += gv[j] }
    }

    /// The lanes of `v` summed as a balanced tree (halves, then quarters, …):
    /// log₂(width) dependent adds instead of the standard library's
    /// lane-by-lane `sum()`.
    @inline(__always)
    static func treeSum<V: SIMD>(_ v: V) -> V.Scalar where V.Scalar: FloatingPoint {
        var a = v
        var n = V.scalarCount
        while n > 1 {
            n /= 2
            for i in 0..<n { a[i] += a[i + n] }
        }
        return a[0]
    }
}
