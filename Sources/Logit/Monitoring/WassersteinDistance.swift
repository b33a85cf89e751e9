/// The first Wasserstein (earth mover's) distance between two samples on the
/// line, ∫ |F₁ − F₂| dx over the merged values (SciPy's `wasserstein_distance`),
/// and Evidently's drift score: that distance divided by the reference's
/// population standard deviation, floored at 0.001.
public enum WassersteinDistance {
    /// The distance between two ascending, non-empty samples.
    ///
    /// - Complexity: O(n + m).
    public static func distance(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        let n = a.count, m = b.count
        var i = 0, j = 0, total = 0.0
        var previous = Swift.min(a[0], b[0])
        // Walk the merged values; between consecutive ones both CDFs are flat.
        while i < n || j < m {
            let v = j >= m ? a[i] : (i >= n ? b[j] : Swift.min(a[i], b[j]))
            total += abs(Double(i) / Double(n) - Double(j) / Double(m)) * (v - previous)
            previous = v
            if j >= m || (i < n && a[i] <= b[j]) { i += 1 } else { j += 1 }
        }
        return total
    }

    /// Evidently's `wasserstein` drift score: the distance over max(std(reference), 0.001).
    public static func normedScore(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        distance(sortedReference: a, sortedCurrent: b) / Swift.max(SortedSample.populationStd(a), 0.001)
    }
}
