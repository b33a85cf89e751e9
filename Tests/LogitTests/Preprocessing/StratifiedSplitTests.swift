import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Stratified split")
struct StratifiedSplitTests {
    /// 100 / 30 / 7 rows of classes 0, 1, 2, interleaved.
    static let imbalanced: [Int] = {
        var labels = [Int](repeating: 0, count: 100) + [Int](repeating: 1, count: 30) + [Int](repeating: 2, count: 7)
        var g = SeededGenerator(seed: 1)
        g.shuffle(&labels)
        return labels
    }()

    @Test(arguments: [0.1, 0.2, 0.25, 0.5, 0.9])
    func partitionsWithProportionalClassCounts(fraction: Double) throws {
        let labels = Self.imbalanced
        let split = try StratifiedSplit(labels: labels, testFraction: fraction, seed: 3)
        #expect(split.train == split.train.sorted() && split.test == split.test.sorted())
        #expect(Set(split.train).isDisjoint(with: split.test))
        #expect((split.train + split.test).sorted() == Array(labels.indices))
        let n = labels.count
        let testCount = Int((fraction * Double(n)).rounded(.up))
        #expect(split.test.count == testCount)
        // Each class's test count is its exact share rounded down or up.
        for (c, size) in [100, 30, 7].enumerated() {
            let count = split.test.filter { labels[$0] == c }.count
            let share = Double(size) * Double(testCount) / Double(n)
            #expect(Double(count) >= share.rounded(.down) && Double(count) <= share.rounded(.up),
                    "class \(c): \(count) vs share \(share)")
        }
    }

    @Test func deterministicPerSeed() throws {
        let a = try StratifiedSplit(labels: Self.imbalanced, testFraction: 0.3, seed: 42)
        let b = try StratifiedSplit(labels: Self.imbalanced, testFraction: 0.3, seed: 42)
        let c = try StratifiedSplit(labels: Self.imbalanced, testFraction: 0.3, seed: 43)
        #expect(a == b && a != c)
        #expect(a.test.count == c.test.count)
    }

    /// Raisin: 20% of 900 is 180 test rows, 90 of each class.
    @Test func raisinEightyTwenty() throws {
        let data = try Dataset<Double>.raisin()
        let split = try StratifiedSplit(labels: data.labels, testFraction: 0.2, seed: 0)
        #expect(split.test.count == 180 && split.train.count == 720)
        #expect(data.subset(split.test).classCounts == [90, 90])
    }

    @Test func errors() {
        for fraction in [0, 1, -0.5, .nan] {
            #expect(capturedDataError { try StratifiedSplit(labels: [0, 1, 0, 1], testFraction: fraction, seed: 0) }?
                .message.contains("strictly between 0 and 1") == true)
        }
        #expect(capturedDataError { try StratifiedSplit(labels: [0, 0, 1, 0], testFraction: 0.5, seed: 0) }?
            .message == "stratified split: class 1 has only 1 row; every class needs at least 2")
        #expect(capturedDataError { try StratifiedSplit(labels: [0, 0, 1, 1, 2, 2, 0, 1], testFraction: 0.2, seed: 0) }?
            .message.contains("cannot hold all 3 classes") == true)
        #expect(capturedDataError { try StratifiedSplit(labels: [], testFraction: 0.2, seed: 0) }?.message.contains("no labels") == true)
        #expect(capturedDataError { try StratifiedSplit(labels: [0, -1, 0, 1], testFraction: 0.5, seed: 0) }?.message.contains("negative") == true)
    }
}
