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

    init(columns: Int) {
        mean = [Double](repeating: 0, count: columns)
        m2 = mean
        minimum = [Double](repeating: .infinity, count: columns)
        maximum = [Double](repeating: -.infinity, count: columns)
    }

    /// Adds `count` rows of `x` (row-major, `count`·d values).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func add<T: LogitScalar>(rows x: UnsafeBufferPointer<T>, count rows: Int) {
        let d = mean.count
        guard d > 0, rows > 0, let base = x.baseAddress else { return }
        // One scratch allocation per call, no closures in the hot loop (closures
        // nested in a generic function were left unspecialized).
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 5 * d)
        defer { scratch.deallocate() }
        let sh = scratch, a = scratch + d, b = scratch + 2 * d, lo = scratch + 3 * d, hi = scratch + 4 * d
        minimum.withUnsafeBufferPointer { lo.initialize(from: $0.baseAddress!, count: d) }
        maximum.withUnsafeBufferPointer { hi.initialize(from: $0.baseAddress!, count: d) }
        var start = 0
        while start < rows {
            let block = Swift.min(Self.blockRows, rows - start)
            let first = base + start * d
            for j in 0..<d {
                sh[j] = Double(first[j])
                a[j] = 0
                b[j] = 0
            }
            var r = 0
            // Four rows per trip through the columns, four columns at a time: the
            // sums, squares, minimum and maximum stay in registers for four rows
            // instead of one (a load and a store each per row was most of the
            // cost), and four columns of five accumulators fit the 16 registers
            // of baseline x86-64 (eight columns spilled). The rows are still added in
            // order, so the sums are the same, bit for bit.
            while r + 4 <= block {
                let row0 = first + r * d, row1 = row0 + d, row2 = row1 + d, row3 = row2 + d
                var j = 0
                while j + 4 <= d {
                    let shift = Self.read4(sh + j)
                    var s1 = Self.read4(a + j), s2 = Self.read4(b + j)
                    var low = Self.read4(lo + j), high = Self.read4(hi + j)
                    Self.accumulate(Self.load4(row0 + j), shift, &s1, &s2, &low, &high)
                    Self.accumulate(Self.load4(row1 + j), shift, &s1, &s2, &low, &high)
                    Self.accumulate(Self.load4(row2 + j), shift, &s1, &s2, &low, &high)
                    Self.accumulate(Self.load4(row3 + j), shift, &s1, &s2, &low, &high)
                    Self.write4(a + j, s1)
                    Self.write4(b + j, s2)
                    Self.write4(lo + j, low)
                    Self.write4(hi + j, high)
                    j += 4
                }
                if j < d {
                    Self.accumulateTail(row0, from: j, d, sh, a, b, lo, hi)
                    Self.accumulateTail(row1, from: j, d, sh, a, b, lo, hi)
                    Self.accumulateTail(row2, from: j, d, sh, a, b, lo, hi)
                    Self.accumulateTail(row3, from: j, d, sh, a, b, lo, hi)
                }
                r += 4
            }
            while r < block {
                let row = first + r * d
                var j = 0
                // Four columns at a time in explicit SIMD: the compiler cannot
                // prove the accumulators apart, so it would not vectorize a scalar loop.
                while j + 4 <= d {
                    var s1 = Self.read4(a + j), s2 = Self.read4(b + j)
                    var low = Self.read4(lo + j), high = Self.read4(hi + j)
                    Self.accumulate(Self.load4(row + j), Self.read4(sh + j), &s1, &s2, &low, &high)
                    Self.write4(a + j, s1)
                    Self.write4(b + j, s2)
                    Self.write4(lo + j, low)
                    Self.write4(hi + j, high)
                    j += 4
                }
                Self.accumulateTail(row, from: j, d, sh, a, b, lo, hi)
                r += 1
            }
            merge(block: block, shift: sh, s1: a, s2: b)
            start += block
        }
        minimum.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: lo, count: d) }
        maximum.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: hi, count: d) }
    }

    @inline(__always)
    private static func load4<T: LogitScalar>(_ p: UnsafePointer<T>) -> SIMD4<Double> {
        if T.self == Float.self {
            return SIMD4<Double>(UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self))
        }
        if T.self == Double.self {
            return UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
        }
        return SIMD4<Double>(Double(p[0]), Double(p[1]), Double(p[2]), Double(p[3]))
    }

    @inline(__always)
    private static func read4(_ p: UnsafeMutablePointer<Double>) -> SIMD4<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }

    @inline(__always)
    private static func write4(_ p: UnsafeMutablePointer<Double>, _ v: SIMD4<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }

    /// One row's values into the sums of deviations from `shift`, their
    /// squares, the minimum and the maximum (NaN compares false: left out of both).
    @inline(__always)
    private static func accumulate(_ v: SIMD4<Double>, _ shift: SIMD4<Double>, _ s1: inout SIMD4<Double>,
                                   _ s2: inout SIMD4<Double>, _ low: inout SIMD4<Double>, _ high: inout SIMD4<Double>) {
        let t = v - shift
        s1 += t
        s2 += t * t
        low.replace(with: v, where: v .< low)
        high.replace(with: v, where: v .> high)
    }

    /// Columns `j..<d` of one row, one at a time.
    @inline(__always)
    private static func accumulateTail<T: LogitScalar>(
        _ row: UnsafePointer<T>, from j: Int, _ d: Int, _ sh: UnsafeMutablePointer<Double>,
        _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>,
        _ lo: UnsafeMutablePointer<Double>, _ hi: UnsafeMutablePointer<Double>
    ) {
        for j in j..<d {
            let v = Double(row[j])
            let t = v - sh[j]
            a[j] += t
            b[j] += t * t
            lo[j] = v < lo[j] ? v : lo[j]
            hi[j] = v > hi[j] ? v : hi[j]
        }
    }

    /// Merges the block sums (deviations from `shift`) of `nb` rows into the totals.
    private mutating func merge(block nb: Int, shift sh: UnsafeMutablePointer<Double>,
                                s1 a: UnsafeMutablePointer<Double>, s2 b: UnsafeMutablePointer<Double>) {
        let na = Double(count), nbD = Double(nb), total = na + nbD
        let d = mean.count
        mean.withUnsafeMutableBufferPointer { mu in
            m2.withUnsafeMutableBufferPointer { q in
                for j in 0..<d {
                    let blockMeanOffset = a[j] / nbD
                    let blockM2 = b[j] - a[j] * blockMeanOffset
                    let delta = (sh[j] + blockMeanOffset) - mu[j]
                    mu[j] += delta * (nbD / total)
                    q[j] += (blockM2 < 0 ? 0 : blockM2) + delta * delta * (na * nbD / total)
                }
            }
        }
        count += nb
    }

    /// The means and population standard deviations; columns whose sums
    /// overflowed are recomputed from `data`'s rows in `runs` with values
    /// divided by the column's largest magnitude (two strided passes, only for
    /// such columns).
    func meanAndStd<T: LogitScalar>(data: Matrix<T>, runs: RowSelection) -> ([Double], [Double]) {
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
