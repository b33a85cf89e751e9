/// Evidently's `chisquare` drift test: Pearson's chi-squared statistic of the
/// current counts of each distinct value against the reference's counts scaled
/// to the current size, with k − 1 degrees of freedom for k distinct values in
/// both samples together (SciPy's `chisquare`), and its p-value.
public enum ChiSquaredTest {
    /// The p-value for two ascending, non-empty samples (NaN with a single distinct value).
    ///
    /// - Complexity: O(n + m).
    public static func pValue(sortedReference a: [Double], sortedCurrent b: [Double]) -> Double {
        let counts = SortedSample.valueCounts(a, b)
        let scale = Double(b.count) / Double(a.count)
        var statistic = 0.0
        for (r, c) in zip(counts.a, counts.b) {
            let expected = Double(r) * scale
            let difference = Double(c) - expected
            statistic += difference * difference / expected
        }
        let df = counts.values.count - 1
        guard df > 0 else { return .nan }
        if statistic.isNaN || statistic.isInfinite { return 0 }
        return IncompleteGamma.upperRegularized(a: Double(df) / 2, x: statistic / 2)
    }
}
