/// A subset of a data set's rows, as ascending, disjoint runs of row indices:
/// how a split or a fold names its rows without copying them.
///
/// Training and scoring walk the runs in place (``LogisticRegression/fit(_:rows:scaler:sampleWeights:progress:)``,
/// ``LogisticModel/evaluate(_:rows:scaler:classWeights:backend:)``), so a
/// memory-mapped feature matrix is never copied to make a training or test set.
/// Rows are visited in ascending order, whatever order the indices were given in.
public struct RowSelection: Sendable, Hashable {
    /// The selected rows, as ascending, disjoint, non-empty, non-adjacent ranges.
    public let runs: [Range<Int>]
    /// The number of selected rows.
    public let count: Int

    /// Every row of a data set of `rows` rows.
    public static func all(_ rows: Int) -> RowSelection { RowSelection(runs: rows > 0 ? [0..<rows] : []) }

    /// The rows at `indices` (any order; each at most once).
    ///
    /// - Precondition: no index repeats and every index is ≥ 0.
    /// - Complexity: O(m log m) for m indices.
    public init(indices: [Int]) {
        let sorted = indices.sorted()
        var runs: [Range<Int>] = []
        var start = 0
        while start < sorted.count {
            precondition(sorted[start] >= 0, "row index \(sorted[start]) is negative")
            var end = start + 1
            while end < sorted.count && sorted[end] == sorted[end - 1] + 1 { end += 1 }
            precondition(end == sorted.count || sorted[end] != sorted[end - 1], "row \(sorted[end]) is selected twice")
            runs.append(sorted[start]..<(sorted[end - 1] + 1))
            start = end
        }
        self.init(runs: runs)
    }

    /// The rows in `runs`, which must be ascending and disjoint; empty runs are
    /// dropped and adjacent ones merged.
    public init(runs: [Range<Int>]) {
        var merged: [Range<Int>] = []
        for run in runs where !run.isEmpty {
            if let last = merged.last {
                precondition(run.lowerBound >= last.upperBound, "runs must be ascending and disjoint")
                if run.lowerBound == last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<run.upperBound
                    continue
                }
            }
            merged.append(run)
        }
        self.runs = merged
        self.count = merged.reduce(0) { $0 + $1.count }
    }

    /// Whether the selection is every row of a data set of `rows` rows.
    public func isAll(of rows: Int) -> Bool { count == rows && (runs.first?.lowerBound ?? 0) == 0 }

    /// The selected row indices, ascending.
    public var indices: [Int] { runs.flatMap { Array($0) } }

    /// The largest selected row + 1 (0 when empty).
    public var upperBound: Int { runs.last?.upperBound ?? 0 }

    /// `values[i]` for each selected row i, in selection order.
    public func gather<Element>(_ values: [Element]) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for run in runs { result.append(contentsOf: values[run]) }
        return result
    }

    /// The selection cut into at most `parts` pieces of nearly equal row counts,
    /// each as (runs, position of its first row in the selection).
    func split(into parts: Int) -> [(runs: [Range<Int>], position: Int)] {
        let parts = max(1, min(parts, count))
        let size = (count + parts - 1) / parts
        var pieces: [(runs: [Range<Int>], position: Int)] = []
        var current: [Range<Int>] = [], currentCount = 0, position = 0
        for var run in runs {
            while !run.isEmpty {
                let take = min(run.count, size - currentCount)
                current.append(run.lowerBound..<(run.lowerBound + take))
                currentCount += take
                run = (run.lowerBound + take)..<run.upperBound
                if currentCount == size {
                    pieces.append((current, position))
                    position += currentCount
                    current = []
                    currentCount = 0
                }
            }
        }
        if currentCount > 0 { pieces.append((current, position)) }
        return pieces
    }
}
