import Foundation
import Logit
import Testing

/// Every drift score and decision against Evidently's (and SciPy's) on the
/// seeded cases of Fixtures/drift.json.
@Suite("Drift methods match Evidently")
struct DriftMethodTests {
    static let cases = DriftFixture.shared.cases

    /// Relative difference, with |expected| floored at 1e-300 so exact zeros compare absolutely.
    private func relative(_ got: Double, _ want: Double) -> Double {
        abs(got - want) / max(abs(want), 1e-300)
    }

    /// Tolerances (from the issue): p-values 1e-9 relative — the exact KS
    /// recursions and the series for Q(a, x) are accurate to about 1e-14, so
    /// this leaves room for summation order only; distances and PSI 1e-12
    /// relative — sums of up to ~10⁴ terms in a different order than NumPy's
    /// pairwise sums differ by about n·ε ≈ 1e-12 at worst.
    @Test(arguments: cases.map(\.name))
    func scoresAndDecisionsMatch(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let reference = c.reference.sorted(), current = c.current.sorted()
        for expected in c.results {
            let method = try #require(DriftMethod(rawValue: expected.method), "unknown method \(expected.method)")
            let result = FeatureDrift(column: c.name, sortedReference: reference, sortedCurrent: current,
                                      method: expected.default ? nil : method)
            #expect(result.method == method, "\(c.name): default method")
            #expect(result.threshold == expected.threshold)
            let tolerance = method.scoreIsPValue ? 1e-9 : 1e-12
            #expect(relative(result.score, expected.score) <= tolerance,
                    "\(c.name) \(expected.method): \(result.score) vs Evidently \(expected.score)")
            #expect(result.driftDetected == expected.drift_detected, "\(c.name) \(expected.method): decision")
        }
    }

    /// KS statistic exactly as SciPy (the same ratios of counts), p-value 1e-9
    /// relative, and the scipy Wasserstein distance 1e-12 relative.
    @Test(arguments: cases.map(\.name))
    func scipyValuesMatch(name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        let reference = c.reference.sorted(), current = c.current.sorted()
        let ks = KolmogorovSmirnovTest.test(sortedReference: reference, sortedCurrent: current)
        #expect(ks.exact == c.ks_exact)
        #expect(relative(ks.statistic, c.scipy_ks_statistic) <= 1e-15)
        #expect(relative(ks.pValue, c.scipy_ks_pvalue) <= 1e-9, "\(c.name) (\(c.ks_regime)): \(ks.pValue) vs \(c.scipy_ks_pvalue)")
        #expect(relative(WassersteinDistance.distance(sortedReference: reference, sortedCurrent: current),
                         c.scipy_wasserstein) <= 1e-12)
    }

    @Test func psiBands() {
        #expect(PopulationStabilityIndex.Band(0.05) == .stable)
        #expect(PopulationStabilityIndex.Band(0.1) == .moderate)
        #expect(PopulationStabilityIndex.Band(0.25) == .significant)
    }

    /// Evidently's choice table (registry `_get_default_stattest`).
    @Test func defaultMethodChoice() {
        #expect(DriftMethod.evidentlyDefault(referenceRows: 1000, distinctValues: 6) == .kolmogorovSmirnov)
        #expect(DriftMethod.evidentlyDefault(referenceRows: 1000, distinctValues: 5) == .chiSquared)
        #expect(DriftMethod.evidentlyDefault(referenceRows: 1000, distinctValues: 2) == .proportionZ)
        #expect(DriftMethod.evidentlyDefault(referenceRows: 1001, distinctValues: 6) == .wasserstein)
        #expect(DriftMethod.evidentlyDefault(referenceRows: 1001, distinctValues: 5) == .jensenShannon)
    }
}
