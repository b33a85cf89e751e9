@testable import Logit
import LogitNumerics
import Testing

/// Quantiles by selection equal quantiles of the sorted values exactly (both
/// interpolate between the same two order statistics).
struct OrderStatisticsTests {
    @Test(arguments: [1, 2, 15, 16, 17, 100, 4999, 5000])
    func selectionMatchesSorting(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        for ties in [false, true] {
            let values = (0..<count).map { _ in
                ties ? Double(generator.nextIndex(below: 5)) : Double(generator.nextIndex(below: 1_000_000)) / 7
            }
            let levels = TrainingStatistics.defaultQuantileLevels
            let sorted = values.sorted()
            let expected = levels.map { TrainingStatistics.quantile(sorted: sorted, $0) }
            var scratch = values
            let selected = scratch.withUnsafeMutableBufferPointer { OrderStatistics.quantiles($0, levels: levels) }
            #expect(selected == expected, "count \(count), ties \(ties)")
        }
    }
}
