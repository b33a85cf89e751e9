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

    /// Adds the rows of `x` (row-major, d values per row) in `runs`
    /// (ascending row ranges), in order.
    ///
    /// Blocks of ``blockRows`` rows are cut from the rows as they come, across
    /// runs: a split's selection is mostly runs of a few rows, and a block per
    /// run made the per-block work (the shift, the merge's divisions) cost
    /// more than the rows themselves, about four training epochs for the
    /// statistics of an 80% split of 100000×784 (`logit train`'s profile).
    ///
    /// - Complexity: O(rows·d), one read of each row.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    mutating func add<T: LogitScalar>(_ x: UnsafeBufferPointer<T>, runs: [Range<Int>]) {
        let d = mean.count
        guard d > 0, let base = x.baseAddress, !runs.isEmpty else { return }
        // One scratch allocation per call, no closures in the hot loop (closures
        // nested in a generic function were left unspecialized).
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 5 * d)
        defer { scratch.deallocate() }
        let block = UnsafeMutablePointer<UnsafePointer<T>>.allocate(capacity: Self.blockRows)
        defer { block.deallocate() }
        let sh = scratch, a = scratch + d, b = scratch + 2 * d, lo = scratch + 3 * d, hi = scratch + 4 * d
        minimum.withUnsafeBufferPointer { lo.initialize(from: $0.baseAddress!, count: d) }
        maximum.withUnsafeBufferPointer { hi.initialize(from: $0.baseAddress!, count: d) }
        var k = 0, next = runs[0].lowerBound  // the next row: in run k
        while k < runs.count {
            var filled = 0
            while filled < Self.blockRows, k < runs.count {
                let take = Swift.min(Self.blockRows - filled, runs[k].upperBound - next)
                for i in 0..<take { block[filled + i] = base + (next + i) * d }
                filled += take
                next += take
                if next >= runs[k].upperBound {
                    k += 1
                    if k < runs.count { next = runs[k].lowerBound }
                }
            }
            guard filled > 0 else { break }
            Self.accumulate(block: block, count: filled, d, sh, a, b, lo, hi)
            merge(block: filled, shift: sh, s1: a, s2: b)
        }
        minimum.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: lo, count: d) }
        maximum.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: hi, count: d) }
    }

    /// One block's rows (`count` row pointers, d values each) into the sums of
    /// deviations from the block's first row (`sh`, set here), their squares
    /// (`a`, `b`, set here), and the running minimum and maximum (`lo`, `hi`).
    @inline(__always)
    private static func accumulate<T: LogitScalar>(
        block rows: UnsafeMutablePointer<UnsafePointer<T>>, count: Int, _ d: Int, _ sh: UnsafeMutablePointer<Double>,
        _ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>,
        _ lo: UnsafeMutablePointer<Double>, _ hi: UnsafeMutablePointer<Double>
    ) {
        let first = rows[0]
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
        while r + 4 <= count {
            let row0 = rows[r], row1 = rows[r + 1], row2 = rows[r + 2], row3 = rows[r + 3]
            var j = 0
            while j + 4 <= d {
                let shift = read4(sh + j)
                var s1 = read4(a + j), s2 = read4(b + j)
                var low = read4(lo + j), high = read4(hi + j)
                accumulate(load4(row0 + j), shift, &s1, &s2, &low, &high)
                accumulate(load4(row1 + j), shift, &s1, &s2, &low, &high)
                accumulate(load4(row2 + j), shift, &s1, &s2, &low, &high)
                accumulate(load4(row3 + j), shift, &s1, &s2, &low, &high)
                write4(a + j, s1)
                write4(b + j, s2)
                write4(lo + j, low)
                write4(hi + j, high)
                j += 4
            }
            if j < d {
                accumulateTail(row0, from: j, d, sh, a, b, lo, hi)
                accumulateTail(row1, from: j, d, sh, a, b, lo, hi)
                accumulateTail(row2, from: j, d, sh, a, b, lo, hi)
                accumulateTail(row3, from: j, d, sh, a, b, lo, hi)
            }
            r += 4
        }
        while r < count {
            let row = rows[r]
            var j = 0
            // Four columns at a time in explicit SIMD: the compiler cannot
            // prove the accumulators apart, so it would not vectorize a scalar loop.
            while j + 4 <= d {
                var s1 = read4(a + j), s2 = read4(b + j)
                var low = read4(lo + j), high = read4(hi + j)
                accumulate(load4(row + j), read4(sh + j), &s1, &s2, &low, &high)
                write4(a + j, s1)
                write4(b + j, s2)
                write4(lo + j, low)
                write4(hi + j, high)
                j += 4
            }
            accumulateTail(row, from: j, d, sh, a, b, lo, hi)
            r += 1
        }
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
