@testable import Logit
import LogitNumerics
import Testing

/// Selection puts at every wanted index exactly the value a full sort puts
/// there (the sort is the reference), with and without many ties.
struct OrderStatisticsTests {
    @Test(arguments: [1, 2, 23, 24, 25, 100, 4999, 5000])
    func selectionMatchesSorting(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        for ties in [false, true] {
            let values = (0..<count).map { _ in
                ties ? Double(generator.nextIndex(below: 5)) : Double(generator.nextIndex(below: 1_000_000)) / 7
            }
            let sorted = values.sorted()
            let wanted = Array(Set(TrainingStatistics.defaultQuantileLevels.flatMap { q -> [Int] in
                let lower = Int((Double(count - 1) * q).rounded(.down))
                return [lower, min(lower + 1, count - 1)]
            })).sorted()
            var scratch = values
            scratch.withUnsafeMutableBufferPointer { OrderStatistics.select($0, wanted: wanted) }
            #expect(wanted.allSatisfy { scratch[$0] == sorted[$0] }, "count \(count), ties \(ties)")
        }
    }
}
