import Foundation

/// The frequencies Evidently's `jensenshannon` and `psi` compare: for a
/// reference with more than 20 distinct values, the share of each sample in
/// each of NumPy's Sturges bins over the combined data; otherwise the share of
/// each distinct value. PSI then replaces zero shares (Evidently's
/// `feel_zeroes`): by the smallest non-zero share / 10⁶ when that is ≤ 0.0001,
/// else by 0.0001, per sample.
enum BinnedFrequencies {
    /// Reference and current shares, in bin or value order.
    static func shares(sortedReference a: [Double], sortedCurrent b: [Double],
                       fillZeros: Bool) -> (reference: [Double], current: [Double]) {
        var ref: [Double], cur: [Double]
        if SortedSample.distinctCount(a, []) > 20 {
            let edges = sturgesEdges(a, b)
            ref = histogram(a, edges).map { Double($0) / Double(a.count) }
            cur = histogram(b, edges).map { Double($0) / Double(b.count) }
        } else {
            let counts = SortedSample.valueCounts(a, b)
            ref = counts.a.map { Double($0) / Double(a.count) }
            cur = counts.b.map { Double($0) / Double(b.count) }
        }
        if fillZeros {
            fill(&ref)
            fill(&cur)
        }
        return (ref, cur)
    }

    private static func fill(_ p: inout [Double]) {
        guard let smallest = p.filter({ $0 != 0 }).min() else { return }
        let replacement = smallest <= 0.0001 ? smallest / 1e6 : 0.0001
        for i in p.indices where p[i] == 0 { p[i] = replacement }
    }

    /// `np.histogram_bin_edges(concat, bins="sturges")`: width = range/(log₂ n + 1),
    /// ⌈range/width⌉ equal bins (1 for a zero range, widened by ±0.5), edges
    /// by `linspace` (start + i·step, the last edge exactly the maximum).
    static func sturgesEdges(_ a: [Double], _ b: [Double]) -> [Double] {
        var lo = Swift.min(a.first!, b.first!), hi = Swift.max(a.last!, b.last!)
        let n = Double(a.count + b.count)
        let range = hi - lo
        var bins = 1
        if range > 0 {
            let width = range / (log2(n) + 1)
            bins = Int((range / width).rounded(.up))
        } else {
            lo -= 0.5
            hi += 0.5
        }
        let step = (hi - lo) / Double(bins)
        var edges = (0...bins).map { Double($0) * step + lo }
        edges[bins] = hi
        return edges
    }

    /// Counts per bin as `np.histogram` with explicit edges: [eᵢ, eᵢ₊₁), the last bin closed.
    static func histogram(_ sorted: [Double], _ edges: [Double]) -> [Int] {
        let bins = edges.count - 1
        var counts = [Int](repeating: 0, count: bins)
        var k = 0
        for v in sorted {
            if v < edges[0] || v > edges[bins] { continue }
            while k < bins - 1 && v >= edges[k + 1] { k += 1 }
            counts[k] += 1
        }
        return counts
    }
}
