import Logit
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
