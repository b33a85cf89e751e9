/// The binary pass over a transposed copy of X (Xᵀ, d×n, so each feature's
/// values for consecutive rows are contiguous): for small tabular data
/// (Raisin's 900 rows of 7 features), where a fit is all compute and no
/// memory traffic. Behind ``NumericBackend/binaryForwardBackward(transposed:weights:gradient:scratch:link:)``.
///
/// Why transposed: a row of d < 8 doubles (16 floats) never fills one
/// vector, so the row-major pass spends its work one row at a time, on a
/// masked load, a horizontal sum for the row's score and a broadcast for its
/// update. With Xᵀ, a vector holds one feature of 8 (16) consecutive rows:
/// the scores of those rows are d multiply-adds of whole vectors, and a
/// feature's gradient is the residuals times its row of Xᵀ, with no
/// horizontal sum per row and no mask. The caller keeps the copy
/// (``copyTransposed(_:runs:into:)``) for as long as it trains;
/// ``wanted(rows:features:of:)`` bounds it to ``largestCopy``, so that a large
/// or memory-mapped X is never copied.
package enum ColumnBinaryPass {
    /// The largest copy ``wanted(rows:features:of:)`` accepts: 4 MiB, about
    /// the size below which a pass over X is compute rather than memory
    /// traffic on this project's machines (L2 + L3 share).
    package static let largestCopy = 4 << 20

    /// The Swift kernel's rows per block: 512 scores (4 KiB of `Double`),
    /// which stay in L1 while the gradient re-reads them for every feature.
    package static let blockRows = 512

    /// Whether a binary fit on `rows × features` of `T` should train on a
    /// transposed copy: rows narrower than one vector (`T.Accumulator`), and
    /// a copy of at most ``largestCopy`` bytes.
    package static func wanted<T: LogitScalar>(rows: Int, features: Int, of _: T.Type) -> Bool {
        guard rows > 0, features > 0, features < T.Accumulator.scalarCount else { return false }
        let (bytes, overflow) = rows.multipliedReportingOverflow(by: features * MemoryLayout<T>.stride)
        return !overflow && bytes <= largestCopy
    }

    /// Writes the rows of `x` in `runs`, in that order, transposed into
    /// `transposed` (d × the rows' count, row-major: feature j's values for
    /// the rows at `transposed + j·count`).
    ///
    /// - Complexity: O(count·d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    package static func copyTransposed<T: LogitScalar>(_ x: UnsafeMatrix<T>, runs: [Range<Int>],
                                                       into transposed: UnsafeMutablePointer<T>) {
        let d = x.columns
        let count = runs.reduce(0) { $0 + $1.count }
        var position = 0
        for run in runs {
            for i in run {
                let row = x.baseAddress! + i * d
                for j in 0..<d { transposed[j * count + position] = row[j] }
                position += 1
            }
        }
    }

    /// ``run(transposed:weights:gradient:scratch:link:)`` through its `Float`
    /// or `Double` specialization, from code generic over `T` (a protocol
    /// extension's default, which the optimizer does not specialize): a
    /// generic call would run the unspecialized body, about 100× slower.
    package static func runSpecialized<T: LogitScalar>(
        transposed xt: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) {
        // Concrete calls (a generic helper over the element type would itself
        // run unspecialized): pointers rebound to the type T is known to be.
        if T.self == Double.self {
            run(transposed: UnsafeMatrix<Double>(baseAddress: rebound(xt.baseAddress), rows: xt.rows, columns: xt.columns),
                weights: UnsafeBufferPointer(start: rebound(weights.baseAddress), count: weights.count),
                gradient: UnsafeMutableBufferPointer(start: rebound(gradient.baseAddress), count: gradient.count),
                scratch: UnsafeMutableBufferPointer(start: rebound(scratch.baseAddress), count: scratch.count)) {
                link($0, UnsafeMutableBufferPointer(start: rebound($1.baseAddress), count: $1.count))
            }
        } else if T.self == Float.self {
            run(transposed: UnsafeMatrix<Float>(baseAddress: rebound(xt.baseAddress), rows: xt.rows, columns: xt.columns),
                weights: UnsafeBufferPointer(start: rebound(weights.baseAddress), count: weights.count),
                gradient: UnsafeMutableBufferPointer(start: rebound(gradient.baseAddress), count: gradient.count),
                scratch: UnsafeMutableBufferPointer(start: rebound(scratch.baseAddress), count: scratch.count)) {
                link($0, UnsafeMutableBufferPointer(start: rebound($1.baseAddress), count: $1.count))
            }
        } else {
            run(transposed: xt, weights: weights, gradient: gradient, scratch: scratch, link: link)
        }
    }

    /// `p` as a pointer to `U`, the type its memory is bound to (`T` is `U`).
    @inline(__always)
    static func rebound<T, U>(_ p: UnsafePointer<T>?) -> UnsafePointer<U>? {
        UnsafeRawPointer(p).map { $0.assumingMemoryBound(to: U.self) }
    }

    @inline(__always)
    static func rebound<T, U>(_ p: UnsafeMutablePointer<T>?) -> UnsafeMutablePointer<U>? {
        UnsafeMutableRawPointer(p).map { $0.assumingMemoryBound(to: U.self) }
    }

    /// The pass in Swift over Xᵀ (d × n, row-major): per block of at most
    /// ``blockRows`` rows (fewer if `scratch` is smaller), the scores
    /// sᵢ = ⟨xᵢ, w⟩ into `scratch`, `link(rows, scores)` (which replaces them
    /// by the residuals rᵢ), then g += Σᵢ rᵢ·xᵢ.
    ///
    /// Shapes are the caller's to check
    /// (``NumericBackend/binaryForwardBackward(transposed:weights:gradient:scratch:link:)``).
    ///
    /// - Complexity: O(n·d); no allocation.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    package static func run<T: LogitScalar>(
        transposed xt: UnsafeMatrix<T>, weights: UnsafeBufferPointer<T>, gradient: UnsafeMutableBufferPointer<T>,
        scratch: UnsafeMutableBufferPointer<T>,
        link: (_ rows: Range<Int>, _ scores: UnsafeMutableBufferPointer<T>) -> Void
    ) {
        typealias V = T.Accumulator
        let d = xt.rows, n = xt.columns, lanes = V.scalarCount
        guard n > 0 else { return }
        let block = min(blockRows, scratch.count)
        guard d > 0 else {
            // No feature: every score is 0, and the gradient has nothing to add to.
            var start = 0
            while start < n {
                let scores = UnsafeMutableBufferPointer(rebasing: scratch[0..<min(block, n - start)])
                scores.update(repeating: 0)
                link(start..<(start + scores.count), scores)
                start += scores.count
            }
            return
        }
        let w = weights.baseAddress!, g = gradient.baseAddress!, s = scratch.baseAddress!
        let base = xt.baseAddress!
        var start = 0
        while start < n {
            let m = min(block, n - start)
            let vectors = m / lanes * lanes
            // Scores: a vector of rows at a time, one multiply-add per feature,
            // two vectors at once so that two chains of adds overlap.
            var i = 0
            while i + 2 * lanes <= vectors {
                var first = V(), second = V()
                var feature = base + start + i
                for j in 0..<d {
                    let wj = V(repeating: w[j])
                    first += SwiftKernels.load(feature) * wj
                    second += SwiftKernels.load(feature + lanes) * wj
                    feature += n
                }
                SwiftKernels.store(first, s + i)
                SwiftKernels.store(second, s + i + lanes)
                i += 2 * lanes
            }
            if i < vectors {
                var score = V()
                var feature = base + start + i
                for j in 0..<d {
                    score += SwiftKernels.load(feature) * V(repeating: w[j])
                    feature += n
                }
                SwiftKernels.store(score, s + i)
                i += lanes
            }
            while i < m {
                var score: T = 0
                for j in 0..<d { score += base[j * n + start + i] * w[j] }
                s[i] = score
                i += 1
            }
            link(start..<(start + m), UnsafeMutableBufferPointer(start: s, count: m))
            // Gradient: per feature, the residuals times its row of Xᵀ, summed.
            var feature = base + start
            for j in 0..<d {
                var sum = V()
                var i = 0
                while i < vectors {
                    sum += SwiftKernels.load(feature + i) * SwiftKernels.load(UnsafePointer(s + i))
                    i += lanes
                }
                var total = SwiftKernels.treeSum(sum)
                while i < m {
                    total += feature[i] * s[i]
                    i += 1
                }
                g[j] += total
                feature += n
            }
            start += m
        }
    }
}
