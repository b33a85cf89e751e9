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

    /// The rows in `runs`, checked against a data set of `rowCount` rows: for
    /// runs that come from a caller rather than from a split. Empty runs are
    /// dropped.
    ///
    /// - Throws: ``DataError`` starting with `what` when a run is outside the
    ///   rows, or overlaps or precedes the run before it.
    public init(validating runs: [Range<Int>], rowCount: Int, what: String) throws(DataError) {
        var previousEnd = 0
        for (k, run) in runs.enumerated() where !run.isEmpty {
            guard run.lowerBound >= 0, run.upperBound <= rowCount else {
                throw DataError("\(what): row run \(k) (\(run.lowerBound)..<\(run.upperBound)) is outside the data's \(rowCount) rows")
            }
            guard run.lowerBound >= previousEnd else {
                throw DataError("\(what): row run \(k) (\(run.lowerBound)..<\(run.upperBound)) overlaps or precedes the run before it; runs must be ascending")
            }
            previousEnd = run.upperBound
        }
        self.init(runs: runs)
    }

    /// The row indices at ascending `positions` (0-based positions among the
    /// selected rows).
    ///
    /// - Complexity: O(positions + runs).
    public func rows(atPositions positions: [Int]) -> [Int] {
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

    /// Rows per slice of a pass over X: about 64 MiB of rows of `features`
    /// values of `T` (at least 1). Every pass that may walk a memory-mapped
    /// matrix uses it, so each releases its pages at the same grain.
    static func sliceRows<T>(features: Int, of _: T.Type) -> Int {
        max(1, (64 << 20) / max(1, features * MemoryLayout<T>.stride))
    }

    /// Calls `body` with each run cut into pieces of at most `maxRows` rows, in
    /// ascending order, and gives `x`'s pages back behind the pass (a file
    /// mapping's; nothing for heap memory): how a pass walks a memory-mapped
    /// matrix without its resident size growing. Pages are released over spans
    /// of at least `maxRows` rows from the first row not yet released, gaps
    /// included: a page is released whole only when no later slice needs it,
    /// so releasing each short run on its own would keep the pages that runs
    /// share with their neighbours.
    public func forEachSlice<T: LogitScalar>(of x: Matrix<T>, maxRows: Int,
                                             _ body: (Range<Int>) throws -> Void) rethrows {
        let size = max(1, maxRows)
        var released = runs.first?.lowerBound ?? 0
        for run in runs {
            for start in stride(from: run.lowerBound, to: run.upperBound, by: size) {
                let part = start..<min(start + size, run.upperBound)
                try body(part)
                if part.upperBound - released >= size {
                    x.releaseResidentPages(rows: released..<part.upperBound)
                    released = part.upperBound
                }
            }
        }
        if upperBound > released { x.releaseResidentPages(rows: released..<upperBound) }
    }

    /// Calls `body` with the selection cut into groups of runs holding at most
    /// `maxRows` rows together (a run longer than that cut into pieces), in
    /// ascending order, and gives `x`'s pages back behind each group as
    /// ``forEachSlice(of:maxRows:_:)`` does: for a pass whose kernel works
    /// across runs (a split's selection is mostly runs of a few rows, too short
    /// to be a kernel's unit of work each).
    func forEachGroup<T: LogitScalar>(of x: Matrix<T>, maxRows: Int,
                                      _ body: ([Range<Int>]) throws -> Void) rethrows {
        let size = max(1, maxRows)
        var group: [Range<Int>] = [], rows = 0
        var released = runs.first?.lowerBound ?? 0
        for run in runs {
            var start = run.lowerBound
            while start < run.upperBound {
                let take = min(size - rows, run.upperBound - start)
                group.append(start..<(start + take))
                rows += take
                start += take
                if rows == size {
                    try body(group)
                    let end = start
                    x.releaseResidentPages(rows: released..<end)
                    released = end
                    group.removeAll(keepingCapacity: true)
                    rows = 0
                }
            }
        }
        if !group.isEmpty { try body(group) }
        if upperBound > released { x.releaseResidentPages(rows: released..<upperBound) }
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
