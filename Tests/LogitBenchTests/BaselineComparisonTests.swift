import Testing
@testable import logit_bench

/// Exact arithmetic on hand-picked values (ratios of small binary-exact
/// numbers), so the comparisons are exact: no tolerance is needed.
@Suite struct BaselineComparisonTests {
    @Test func slowerMachineWithLessBandwidthIsNotARegression() {
        let then = BenchFixtures.report([BenchFixtures.row(median: 10)], bandwidth: 20)
        let now = BenchFixtures.report([BenchFixtures.row(median: 20)], bandwidth: 10)
        let comparison = BaselineComparison(current: now, baseline: then, threshold: 0.25)
        #expect(comparison.compared == 1)
        #expect(comparison.changes[0].ratio == 2)
        #expect(comparison.changes[0].normalizedRatio == 1)
        #expect(comparison.regressions.isEmpty)
        #expect(comparison.bandwidthRatio == 0.5)
    }

    @Test func slowdownOnTheSameBandwidthIsARegression() {
        let then = BenchFixtures.report([BenchFixtures.row(median: 10)], bandwidth: 8)
        let now = BenchFixtures.report([BenchFixtures.row(median: 13)], bandwidth: 8)
        let comparison = BaselineComparison(current: now, baseline: then, threshold: 0.25)
        #expect(comparison.regressions.map(\.key) == [BenchFixtures.row(median: 13).key])
        // 12 ms is within the 25% threshold.
        let fine = BenchFixtures.report([BenchFixtures.row(median: 12)], bandwidth: 8)
        #expect(BaselineComparison(current: fine, baseline: then, threshold: 0.25).regressions.isEmpty)
    }

    @Test func fasterMachineThatDidNotSpeedUpIsARegression() {
        // Twice the bandwidth but the same time: normalized 2×.
        let then = BenchFixtures.report([BenchFixtures.row(median: 10)], bandwidth: 5)
        let now = BenchFixtures.report([BenchFixtures.row(median: 10)], bandwidth: 10)
        let comparison = BaselineComparison(current: now, baseline: then, threshold: 0.25)
        #expect(comparison.changes[0].ratio == 1)
        #expect(comparison.changes[0].normalizedRatio == 2)
        #expect(comparison.regressions.count == 1)
    }

    @Test func multiThreadRowsUseTheAllCoresBandwidth() {
        let row = { (median: Double) in BenchFixtures.row(threads: 2, median: median) }
        let then = BenchFixtures.report([row(10)], bandwidth: 10, allCores: 16)
        let now = BenchFixtures.report([row(20)], bandwidth: 10, allCores: 8)
        let comparison = BaselineComparison(current: now, baseline: then, threshold: 0.25)
        #expect(comparison.changes[0].normalizedRatio == 1)
        #expect(comparison.regressions.isEmpty)
    }

    @Test func unknownBandwidthComparesRawAndNewRowsAreListed() {
        let then = BenchFixtures.report([BenchFixtures.row(median: 10)], bandwidth: 0)
        let now = BenchFixtures.report([BenchFixtures.row(median: 20), BenchFixtures.row(kind: "job", median: 5)],
                                       bandwidth: 10)
        let comparison = BaselineComparison(current: now, baseline: then, threshold: 0.25)
        #expect(comparison.changes[0].normalizedRatio == 2)
        #expect(comparison.regressions.count == 1)
        #expect(comparison.missing == [BenchFixtures.row(kind: "job", median: 5).key])
    }
}
