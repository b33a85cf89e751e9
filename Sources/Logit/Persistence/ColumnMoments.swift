import LogitNumerics

/// Per-column count, mean, sum of squared deviations (M2), minimum and maximum
/// of a row-major matrix, accumulated row by row in `Double`.
///
/// Rows arrive in blocks of up to ``blockRows``; within a block each column's
/// values are summed as deviations from the block's first row (shifted sums:
/// no cancellation when the mean is far from zero), and each block is merged
/// into the totals with Chan, Golub and LeVeque's pairwise update, so the
/// result is as accurate as Welford's and the inner loop is four
/// vectorizable operations per element. Overflow (squares of values beyond
/// about 1e154) is detected at the end and those columns recomputed with
/// values scaled by their largest magnitude.
struct ColumnMoments {
    /// Rows summed before a block is merged into the totals.
    static var blockRows: Int { 64 }

    private(set) var count = 0
    private(set) var mean: [Double]
    private(set) var m2: [Double]
    private(set) var minimum: [Double]
    private(set) var maximum: [Double]
    private var shift: [Double]
    private var s1: [Double]
    private var s2: [Double]

    init(columns: Int) {
        mean = [Double](repeating: 0, count: columns)
        m2 = mean
        minimum = [Double](repeating: .infinity, count: columns)
        maximum = [Double](repeating: -.infinity, count: columns)
        shift = mean
        s1 = mean
        s2 = mean
    }

    /// Adds `count` rows of `x` (row-major, `count`·d values).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func add<T: LogitScalar>(rows x: UnsafeBufferPointer<T>, count rows: Int) {
        let d = mean.count
        guard d > 0, rows > 0, let base = x.baseAddress else { return }
        var start = 0
        while start < rows {
            let block = Swift.min(Self.blockRows, rows - start)
            let first = base + start * d
            shift.withUnsafeMutableBufferPointer { sh in
                s1.withUnsafeMutableBufferPointer { a in
                    s2.withUnsafeMutableBufferPointer { b in
                        minimum.withUnsafeMutableBufferPointer { lo in
                            maximum.withUnsafeMutableBufferPointer { hi in
                                for j in 0..<d {
                                    sh[j] = Double(first[j])
                                    a[j] = 0
                                    b[j] = 0
                                }
                                for r in 0..<block {
                                    let row = first + r * d
                                    for j in 0..<d {
                                        let v = Double(row[j])
                                        let t = v - sh[j]
                                        a[j] += t
                                        b[j] += t * t
                                        lo[j] = v < lo[j] ? v : lo[j]
                                        hi[j] = v > hi[j] ? v : hi[j]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            merge(block: block)
            start += block
        }
    }

    /// Merges the block sums (deviations from `shift`) of `nb` rows into the totals.
    private mutating func merge(block nb: Int) {
        let na = Double(count), nbD = Double(nb), total = na + nbD
        let d = mean.count
        mean.withUnsafeMutableBufferPointer { mu in
            m2.withUnsafeMutableBufferPointer { q in
                shift.withUnsafeBufferPointer { sh in
                    s1.withUnsafeBufferPointer { a in
                        s2.withUnsafeBufferPointer { b in
                            for j in 0..<d {
                                let blockMeanOffset = a[j] / nbD
                                let blockM2 = b[j] - a[j] * blockMeanOffset
                                let delta = (sh[j] + blockMeanOffset) - mu[j]
                                mu[j] += delta * (nbD / total)
                                q[j] += (blockM2 < 0 ? 0 : blockM2) + delta * delta * (na * nbD / total)
                            }
                        }
                    }
                }
            }
        }
        count += nb
    }

    /// The means and population standard deviations; columns whose sums
    /// overflowed are recomputed from `data`'s rows in `runs` with values
    /// divided by the column's largest magnitude (two strided passes, only for
    /// such columns).
    func meanAndStd<T: LogitScalar>(data: Matrix<T>, runs: RowRuns) -> ([Double], [Double]) {
        var means = mean
        var stds = m2.map { ($0 / Double(count)).squareRoot() }
        let d = mean.count
        for j in 0..<d where !(means[j].isFinite && stds[j].isFinite) {
            let scale = Swift.max(abs(minimum[j]), abs(maximum[j]))
            guard scale.isFinite, scale > 0 else { continue }
            var sum = 0.0
            data.withUnsafeBufferPointer { x in
                for run in runs.runs { for i in run { sum += Double(x[i * d + j]) / scale } }
            }
            let m = sum / Double(count)
            var squares = 0.0
            data.withUnsafeBufferPointer { x in
                for run in runs.runs {
                    for i in run {
                        let t = Double(x[i * d + j]) / scale - m
                        squares += t * t
                    }
                }
            }
            means[j] = m * scale
            stds[j] = (squares / Double(count)).squareRoot() * scale
        }
        return (means, stds)
    }
}
