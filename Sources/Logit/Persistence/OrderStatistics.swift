/// Quantiles of a buffer by selection instead of a full sort: the training
/// statistics need nine order-statistic pairs per column, not the whole order.
enum OrderStatistics {
    /// The q-quantile, for each q in `levels`, of `values` by linear
    /// interpolation between order statistics (NumPy's default method:
    /// position (m − 1)·q), as ``TrainingStatistics/quantile(sorted:_:)`` on
    /// the sorted values. `values` is reordered.
    ///
    /// - Precondition: `values` is not empty, every level is in [0, 1], and no
    ///   value is NaN.
    /// - Complexity: O(m·L) expected for L levels (quickselect on ever smaller
    ///   ranges), against O(m log m) for sorting.
    static func quantiles(_ values: UnsafeMutableBufferPointer<Double>, levels: [Double]) -> [Double] {
        let m = values.count
        // The order statistics needed, ascending and distinct.
        var needed: [Int] = []
        for q in levels {
            let lower = Int((Double(m - 1) * q).rounded(.down))
            needed.append(lower)
            needed.append(Swift.min(lower + 1, m - 1))
        }
        let ranks = Array(Set(needed)).sorted()
        var start = 0
        for rank in ranks {
            select(values, rank, from: start)
            start = rank   // everything before `rank` is ≤ it: later ranks are in [rank, m)
        }
        return levels.map { q in
            let position = Double(m - 1) * q
            let lower = Int(position.rounded(.down))
            let upper = Swift.min(lower + 1, m - 1)
            return values[lower] + (position - Double(lower)) * (values[upper] - values[lower])
        }
    }

    /// Reorders `values[start...]` so that `values[k]` is the value a sort
    /// would put there, smaller or equal ones before it and larger or equal
    /// ones after (Hoare partitioning, median-of-three pivots).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int, from start: Int) {
        var low = start, high = values.count - 1
        while high > low {
            if high - low < 16 {
                // Insertion sort on short ranges.
                for i in (low + 1)...high {
                    let value = values[i]
                    var j = i - 1
                    while j >= low && values[j] > value {
                        values[j + 1] = values[j]
                        j -= 1
                    }
                    values[j + 1] = value
                }
                return
            }
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // [low, j] ≤ pivot ≤ [i, high]; between them, values equal to the pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
