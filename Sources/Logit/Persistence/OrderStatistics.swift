/// Selection of a few order statistics without sorting: the quantiles of the
/// training statistics need about 18 of the m sampled values per column.
enum OrderStatistics {
    /// Rearranges `x` so that, for every index i in `wanted` (ascending),
    /// `x[i]` is the value a full ascending sort would put there.
    ///
    /// Quickselect on all wanted indices at once: median-of-three pivot, a
    /// three-way partition (runs of equal values end the recursion), descent
    /// only into the parts that hold a wanted index, insertion sort below 24
    /// elements.
    ///
    /// - Complexity: O(m·log w) expected for w wanted indices.
    static func select(_ x: UnsafeMutableBufferPointer<Double>, wanted: [Int]) {
        guard x.count > 1, !wanted.isEmpty else { return }
        var stack = [(lo: 0, hi: x.count - 1, first: 0, end: wanted.count)]
        while let (lo, hi, first, end) = stack.popLast() {
            guard first < end, lo < hi else { continue }
            if hi - lo < 24 {
                for i in (lo + 1)...hi {
                    let v = x[i]
                    var j = i - 1
                    while j >= lo && x[j] > v {
                        x[j + 1] = x[j]
                        j -= 1
                    }
                    x[j + 1] = v
                }
                continue
            }
            let a = x[lo], b = x[lo + (hi - lo) / 2], c = x[hi]
            let pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b))
            // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot
            var lt = lo, i = lo, gt = hi
            while i <= gt {
                let v = x[i]
                if v < pivot {
                    x.swapAt(lt, i)
                    lt += 1
                    i += 1
                } else if v > pivot {
                    x.swapAt(i, gt)
                    gt -= 1
                } else {
                    i += 1
                }
            }
            var split = first
            while split < end && wanted[split] < lt { split += 1 }
            var after = split
            while after < end && wanted[after] <= gt { after += 1 }
            stack.append((lo, lt - 1, first, split))
            stack.append((gt + 1, hi, after, end))
        }
    }
}

