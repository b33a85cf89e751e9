/// Selection of a few order statistics without sorting: the quantiles of the
/// training statistics need about 18 of the m sampled values per column.
enum OrderStatistics {
    /// Rearranges `x` so that, for every index i in `wanted` (ascending),
    /// `x[i]` is the value a full ascending sort would put there.
    ///
    /// Quickselect on all wanted indices at once: median-of-three pivot, a
    /// branch-free two-way partition (every element is swapped, the boundary
    /// moves by the comparison's result: a three-way partition's branches were
    /// mispredicted about half the time, most of its cost), descent only into
    /// the parts that hold a wanted index, insertion sort below 24 elements.
    /// When nothing is below the pivot (it is the part's minimum), a second
    /// pass gathers the values equal to it, which are then final: runs of ties
    /// end the recursion as a three-way partition would.
    ///
    /// - Complexity: O(m·log w) expected for w wanted indices.
    static func select(_ x: UnsafeMutableBufferPointer<Double>, wanted: [Int]) {
        guard x.count > 1, !wanted.isEmpty, let p = x.baseAddress else { return }
        var stack = [(lo: 0, hi: x.count - 1, first: 0, end: wanted.count)]
        while let (lo, hi, first, end) = stack.popLast() {
            guard first < end, lo < hi else { continue }
            if hi - lo < 24 {
                for i in (lo + 1)...hi {
                    let v = p[i]
                    var j = i - 1
                    while j >= lo && p[j] > v {
                        p[j + 1] = p[j]
                        j -= 1
                    }
                    p[j + 1] = v
                }
                continue
            }
            let a = p[lo], b = p[lo + (hi - lo) / 2], c = p[hi]
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            // [lo, lt) < pivot ≤ [lt, hi]
            let lt = partition(p, lo, hi, below: pivot, orEqual: false)
            if lt > lo {
                var split = first
                while split < end && wanted[split] < lt { split += 1 }
                stack.append((lo, lt - 1, first, split))
                stack.append((lt, hi, split, end))
            } else {
                // [lo, eq) == pivot < [eq, hi]; eq == lo only when the pivot is NaN
                // (nothing compares with it): the part is left as it is.
                let eq = partition(p, lo, hi, below: pivot, orEqual: true)
                guard eq > lo else { continue }
                var after = first
                while after < end && wanted[after] < eq { after += 1 }
                stack.append((eq, hi, after, end))
            }
        }
    }

    /// Moves the values of `p[lo...hi]` below `pivot` (or equal to it, with
    /// `orEqual`) to the front, in one branch-free pass; returns where the rest start.
    @inline(__always)
    private static func partition(_ p: UnsafeMutablePointer<Double>, _ lo: Int, _ hi: Int, below pivot: Double,
                                  orEqual: Bool) -> Int {
        var boundary = lo
        for i in lo...hi {
            let v = p[i]
            p[i] = p[boundary]
            p[boundary] = v
            let moves = orEqual ? v <= pivot : v < pivot
            // The comparison's bit as a number: `moves ? 1 : 0` compiled to a branch.
            boundary &+= Int(unsafeBitCast(moves, to: UInt8.self))
        }
        return boundary
    }
}
