@testable import Logit
import LogitNumerics
import Testing

@Suite("Training statistics")
struct TrainingStatisticsTests {
    /// Feature 0 is [4, 1, 3, 2]: mean 2.5, population std √1.25, and NumPy's
    /// `np.quantile(x, levels)` = [1, 1.03, 1.15, 1.75, 2.5, 3.25, 3.85, 3.97, 4].
    /// Bound 1e-15 (one interpolation of O(1) values).
    @Test func matchesNumPy() throws {
        let data = try Dataset(features: try Matrix<Double>([[4, 10], [1, 10], [3, 10], [2, 10]]), labels: [0, 1, 1, 1],
                               featureNames: ["a", "b"], classNames: ["n", "y"])
        let statistics = try TrainingStatistics(data: data)
        #expect(statistics.rows == 4)
        #expect(statistics.classCounts == [1, 3])
        #expect(statistics.quantileLevels == TrainingStatistics.defaultQuantileLevels)
        let a = statistics.features[0]
        #expect(a.name == "a" && a.mean == 2.5 && a.min == 1 && a.max == 4)
        #expect(abs(a.std - 1.118033988749895) <= 1e-15)
        let expected = [1, 1.03, 1.15, 1.75, 2.5, 3.25, 3.8499999999999996, 3.9699999999999998, 4.0]
        for (got, want) in zip(a.quantiles, expected) { #expect(abs(got - want) <= 1e-15) }
        let b = statistics.features[1]
        #expect(b.mean == 10 && b.std == 0 && b.quantiles.allSatisfy { $0 == 10 })
    }

    /// Float data is summarized in Double: the statistics of the same values
    /// agree exactly when they are representable in Float.
    @Test func floatDataIsSummarizedInDouble() throws {
        let doubles = try Dataset(features: try Matrix<Double>([[0.5], [1.5], [2.5]]), labels: [0, 1, 0], classNames: ["n", "y"])
        #expect(try TrainingStatistics(data: doubles) == TrainingStatistics(data: doubles.converted(to: Float.self)))
    }

    @Test func errorsAreClear() throws {
        let empty = try Dataset(features: Matrix<Double>(rows: 0, columns: 2), labels: [], classNames: ["n", "y"])
        #expect(throws: DataError("training statistics: the data has no rows")) { try TrainingStatistics(data: empty) }
        let data = try Dataset(features: try Matrix<Double>([[1]]), labels: [0], classNames: ["n", "y"])
        #expect(throws: DataError("training statistics: quantile level 1.5 is not in [0, 1]")) {
            try TrainingStatistics(data: data, quantileLevels: [0.5, 1.5])
        }
    }
}

@Suite("Training statistics: one pass, row runs, reservoir sample")
struct TrainingStatisticsStreamingTests {
    /// Rows given as runs give the same statistics as a copy of those rows
    /// (the same rows in the same order: bitwise equal sums).
    @Test func runsMatchASubset() throws {
        let features = Matrix<Double>(rows: 40, columns: 2) { i, j in
            j == 0 ? Double(i % 7) * 1.5 : Double((i * 13) % 11) - 5
        }
        let data = try Dataset(features: features, labels: (0..<40).map { $0 % 2 },
                               featureNames: ["a", "b"], classNames: ["n", "y"])
        let runs = [2..<9, 9..<15, 20..<33]
        let indices = runs.flatMap { Array($0) }
        let viaRuns = try TrainingStatistics(data: data, rows: runs)
        let viaCopy = try TrainingStatistics(data: data.subset(indices))
        #expect(viaRuns.rows == indices.count && viaRuns.classCounts == viaCopy.classCounts)
        // Exact: blocks are cut across runs, so the runs and the copy add the
        // same rows in the same blocks in the same order.
        #expect(viaRuns.features == viaCopy.features)
    }

    /// A split's selection is mostly runs of one to a few rows; blocks of rows
    /// cross them. 1000 rows × 10 columns of Float (a width that is not a
    /// multiple of the 4-column step) in seeded runs of 1–5 rows with gaps:
    /// exactly the statistics of the copied rows (same blocks, same order).
    @Test func shortRunsMatchASubset() throws {
        var random = SeededGenerator(seed: 11)
        let n = 1000, d = 10
        let features = Matrix<Float>(rows: n, columns: d) { _, j in Float(random.nextGaussian() * Double(j + 1) + 100) }
        let data = try Dataset(features: features, labels: (0..<n).map { $0 % 2 }, classNames: ["n", "y"])
        var runs: [Range<Int>] = [], start = 0
        while start < n {
            let length = min(Int(random.next() % 5) + 1, n - start)
            runs.append(start..<(start + length))
            start += length + Int(random.next() % 3) + 1
        }
        let indices = runs.flatMap { Array($0) }
        let viaRuns = try TrainingStatistics(data: data, rows: runs)
        let viaCopy = try TrainingStatistics(data: data.subset(indices))
        #expect(viaRuns.rows == indices.count && viaRuns.features == viaCopy.features)
    }

    /// Values 1e9 + {0, 1, 2, 3} repeated 1000 times: mean 1e9 + 1.5 and
    /// population variance 1.25 exactly (analytic). A naive Σx² − n·mean² loses
    /// every digit here; shifted block sums keep them. Bound 1e-9 relative on the
    /// std (four orders above Double rounding of 1e9-sized sums).
    @Test func largeOffsetKeepsPrecision() throws {
        let features = Matrix<Double>(rows: 4000, columns: 1) { i, _ in 1e9 + Double(i % 4) }
        let data = try Dataset(features: features, labels: [Int](repeating: 0, count: 4000),
                               classNames: ["n", "y"])
        let s = try TrainingStatistics(data: data).features[0]
        let expectedStd = Double(1.25).squareRoot()
        #expect(abs(s.mean - (1e9 + 1.5)) <= 1e-6)
        #expect(abs(s.std - expectedStd) <= 1e-9 * expectedStd)
    }

    /// Squares of ±1e200 overflow Double; the statistics must still be
    /// mean 0 and std 1e200 (analytic), not inf or NaN. Bound 1e-15 relative.
    @Test func hugeValuesDoNotOverflow() throws {
        let data = try Dataset(features: try Matrix<Double>([[1e200], [-1e200], [1e200], [-1e200]]),
                               labels: [0, 1, 0, 1], classNames: ["n", "y"])
        let s = try TrainingStatistics(data: data).features[0]
        #expect(abs(s.mean) <= 1e185)
        #expect(abs(s.std - 1e200) <= 1e-15 * 1e200)
    }

    @Test func badRunsAreNamed() throws {
        let data = try Dataset(features: try Matrix<Double>([[1], [2], [3]]), labels: [0, 1, 0], classNames: ["n", "y"])
        #expect(throws: DataError("training statistics: row run 0 (1..<5) is outside the data's 3 rows")) {
            try TrainingStatistics(data: data, rows: [1..<5])
        }
        #expect(throws: DataError("training statistics: row run 1 (0..<1) overlaps or precedes the run before it; runs must be ascending")) {
            try TrainingStatistics(data: data, rows: [1..<2, 0..<1])
        }
        #expect(throws: DataError("training statistics: the data has no rows")) {
            try TrainingStatistics(data: data, rows: [])
        }
    }

    /// The sample is the requested size, ascending, distinct, inside the runs,
    /// carries each row's values and label, and repeats for a seed.
    @Test func sampleIsBoundedAndSeeded() throws {
        let n = 3000
        let data = try Dataset(features: Matrix<Double>(rows: n, columns: 2) { i, j in Double(i * 2 + j) },
                               labels: (0..<n).map { $0 % 3 }, classNames: ["a", "b", "c"])
        let runs = [100..<1100, 1500..<3000]
        let (stats, sample) = try TrainingStatistics.summarize(data: data, rows: runs, sampleSize: 500, seed: 7)
        #expect(stats.rows == 2500 && sample.rows == 500 && sample.sourceRows == 2500)
        let rowIndex = (0..<500).map { Int(sample.values[$0 * 2]) / 2 }
        #expect(rowIndex == rowIndex.sorted() && Set(rowIndex).count == 500)
        #expect(rowIndex.allSatisfy { runs[0].contains($0) || runs[1].contains($0) })
        #expect((0..<500).allSatisfy { sample.labels[$0] == rowIndex[$0] % 3 && sample.values[$0 * 2 + 1] == Double(rowIndex[$0] * 2 + 1) })
        let again = try TrainingStatistics.summarize(data: data, rows: runs, sampleSize: 500, seed: 7).sample
        let other = try TrainingStatistics.summarize(data: data, rows: runs, sampleSize: 500, seed: 8).sample
        #expect(again == sample && other != sample)
    }

    /// Algorithm L is uniform: over 2000 seeds drawing 10 of 100 positions, each
    /// position's count is Binomial(2000, 0.1) (mean 200, sd ≈ 13.4); all 100
    /// counts within ±6 sd (a false alarm has probability < 1e-7).
    @Test func reservoirIsUniform() {
        var counts = [Int](repeating: 0, count: 100)
        for seed in 0..<2000 {
            for p in ReservoirSampler.positions(count: 100, size: 10, seed: UInt64(seed)) { counts[p] += 1 }
        }
        #expect(counts.allSatisfy { abs($0 - 200) <= 81 })
        #expect(counts.reduce(0, +) == 20000)
    }
}

@Suite("Order statistics")
struct OrderStatisticsTests {
    /// Selected positions hold what a full sort puts there, with many ties
    /// and without (seeded data; the reference is the standard library's sort).
    @Test(arguments: [3, 1000])
    func selectionMatchesSorting(distinct: Int) throws {
        var random = SeededGenerator(seed: UInt64(distinct))
        for size in [1, 2, 23, 24, 25, 500, 5000] {
            let values = (0..<size).map { _ in Double(random.nextIndex(below: distinct)) + 0.25 }
            let sorted = values.sorted()
            let wanted = Array(Set([0, size / 3, size / 2, size - 1, Swift.min(size - 1, size / 2 + 1)])).sorted()
            var work = values
            work.withUnsafeMutableBufferPointer { OrderStatistics.select($0, wanted: wanted) }
            for i in wanted { #expect(work[i] == sorted[i], "size \(size), index \(i)") }
        }
    }

    /// The shapes a partition can degrade on (all equal, ascending,
    /// descending, two values, one outlier) with the 18 positions the default
    /// quantile levels want from a 1000-row sample: what a full sort puts there.
    @Test func awkwardInputsMatchSorting() {
        let m = 1000
        var wanted = Set<Int>()
        for q in TrainingStatistics.defaultQuantileLevels {
            let lower = Int((Double(m - 1) * q).rounded(.down))
            wanted.insert(lower)
            wanted.insert(min(lower + 1, m - 1))
        }
        let positions = wanted.sorted()
        let inputs: [(String, [Double])] = [
            ("all equal", [Double](repeating: 7, count: m)),
            ("ascending", (0..<m).map(Double.init)),
            ("descending", (0..<m).map { Double(m - $0) }),
            ("two values", (0..<m).map { Double($0 % 2) }),
            ("one outlier", (0..<m).map { $0 == 500 ? -1e300 : 0 }),
        ]
        for (name, values) in inputs {
            var work = values
            work.withUnsafeMutableBufferPointer { OrderStatistics.select($0, wanted: positions) }
            let sorted = values.sorted()
            #expect(positions.allSatisfy { work[$0] == sorted[$0] }, "\(name)")
        }
    }

    /// A NaN among the values (or as the pivot) ends the selection rather
    /// than looping; the values are only rearranged, none lost.
    @Test func nanDoesNotHang() {
        var work = (0..<200).map { $0 % 3 == 0 ? Double.nan : Double($0) }
        work.withUnsafeMutableBufferPointer { OrderStatistics.select($0, wanted: [0, 100, 199]) }
        #expect(work.count == 200 && work.filter(\.isNaN).count == 67)
        var allNaN = [Double](repeating: .nan, count: 100)
        allNaN.withUnsafeMutableBufferPointer { OrderStatistics.select($0, wanted: [50]) }
        #expect(allNaN.allSatisfy { $0.isNaN })
    }
}

@Suite("Training statistics: SIMD columns")
struct TrainingStatisticsSIMDTests {
    /// 11 columns (two 4-wide SIMD groups and 3 scalar ones), 301
    /// rows (several 64-row blocks; rows four at a time and, in the last
    /// block of 45, one alone), Float and Double data: against a plain
    /// two-pass computation in Double written here. Bound 1e-12 relative:
    /// both sum 301 values of size ≤ 1e3 in Double (rounding ~301·ε·max).
    @Test func simdAndScalarColumnsAgreeWithTwoPass() throws {
        var random = SeededGenerator(seed: 9)
        let n = 301, d = 11
        let values = (0..<(n * d)).map { k in Double(Float(random.nextGaussian() * Double(k % d + 1) + Double(k % d) * 100)) }
        for precision in ["float", "double"] {
            let statistics: TrainingStatistics
            if precision == "float" {
                let x = try Matrix<Float>(rows: n, columns: d, elements: values.map { Float($0) })
                statistics = try TrainingStatistics(data: Dataset(features: x, labels: [Int](repeating: 0, count: n),
                                                                  classNames: ["a", "b"]))
            } else {
                let x = try Matrix<Double>(rows: n, columns: d, elements: values)
                statistics = try TrainingStatistics(data: Dataset(features: x, labels: [Int](repeating: 0, count: n),
                                                                  classNames: ["a", "b"]))
            }
            for j in 0..<d {
                let column = (0..<n).map { values[$0 * d + j] }
                let mean = column.reduce(0, +) / Double(n)
                let std = (column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
                let f = statistics.features[j]
                #expect(abs(f.mean - mean) <= 1e-12 * max(1, abs(mean)), "\(precision) column \(j)")
                #expect(abs(f.std - std) <= 1e-12 * std, "\(precision) column \(j)")
                #expect(f.min == column.min()! && f.max == column.max()!, "\(precision) column \(j)")
            }
        }
    }
}
