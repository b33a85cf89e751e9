/// A selection of rows as ascending, non-overlapping runs of row indices
/// (how `logit train` names its training rows without copying them).
struct RowRuns: Sendable {
    /// The non-empty runs, ascending.
    let runs: [Range<Int>]
    /// The number of rows selected.
    let count: Int

    /// Checks `runs` against a data set of `rowCount` rows; errors start with `what`.
    init(_ runs: [Range<Int>], rowCount: Int, what: String) throws(DataError) {
        var previousEnd = 0, total = 0
        var kept = [Range<Int>]()
        for (k, run) in runs.enumerated() where !run.isEmpty {
            guard run.lowerBound >= 0, run.upperBound <= rowCount else {
                throw DataError("\(what): row run \(k) (\(run.lowerBound)..<\(run.upperBound)) is outside the data's \(rowCount) rows")
            }
            guard run.lowerBound >= previousEnd else {
                throw DataError("\(what): row run \(k) (\(run.lowerBound)..<\(run.upperBound)) overlaps or precedes the run before it; runs must be ascending")
            }
            previousEnd = run.upperBound
            total += run.count
            kept.append(run)
        }
        self.runs = kept
        count = total
    }

    /// The row indices at ascending `positions` (0-based positions among the
    /// selected rows).
    func rows(atPositions positions: [Int]) -> [Int] {
        var result = [Int]()
        result.reserveCapacity(positions.count)
        var k = 0, before = 0  // run k starts at selected position `before`
        for p in positions {
            while p >= before + runs[k].count {
                before += runs[k].count
                k += 1
            }
            result.append(runs[k].lowerBound + (p - before))
        }
        return result
    }
}
