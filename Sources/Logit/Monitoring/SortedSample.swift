/// Helpers over ascending arrays shared by the drift tests.
enum SortedSample {
    /// The number of distinct values in two ascending arrays together.
    ///
    /// - Complexity: O(n + m).
    static func distinctCount(_ a: [Double], _ b: [Double]) -> Int {
        var i = 0, j = 0, count = 0
        var last = Double.nan
        while i < a.count || j < b.count {
            let v: Double
            if j >= b.count || (i < a.count && a[i] <= b[j]) { v = a[i]; i += 1 } else { v = b[j]; j += 1 }
            if v != last { count += 1; last = v }
        }
        return count
    }

    /// The distinct values of two ascending arrays with how often each occurs in each.
    static func valueCounts(_ a: [Double], _ b: [Double]) -> (values: [Double], a: [Int], b: [Int]) {
        var values = [Double](), ca = [Int](), cb = [Int]()
        var i = 0, j = 0
        while i < a.count || j < b.count {
            let v = j >= b.count ? a[i] : (i >= a.count ? b[j] : Swift.min(a[i], b[j]))
            var na = 0, nb = 0
            while i < a.count && a[i] == v { i += 1; na += 1 }
            while j < b.count && b[j] == v { j += 1; nb += 1 }
            values.append(v); ca.append(na); cb.append(nb)
        }
        return (values, ca, cb)
    }

    /// NumPy's `np.std` (population, two passes): the mean first, then the mean squared deviation.
    static func populationStd(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return .nan }
        let mean = x.reduce(0, +) / Double(x.count)
        var s = 0.0
        for v in x { s += (v - mean) * (v - mean) }
        return (s / Double(x.count)).squareRoot()
    }
}
