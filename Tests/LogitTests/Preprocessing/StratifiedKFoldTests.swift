import Foundation
import Logit
import LogitNumerics
import Testing

@Suite("Stratified k-fold")
struct StratifiedKFoldTests {
    @Test(arguments: [2, 3, 5, 7])
    func foldsPartitionAndSpreadEveryClass(k: Int) throws {
        let labels = StratifiedSplitTests.imbalanced
        let folds = try StratifiedKFold(labels: labels, folds: k, seed: 11)
        #expect(folds.count == k)
        let validation = folds.folds.flatMap(\.validation)
        #expect(validation.sorted() == Array(labels.indices), "validation sets partition the rows")
        for fold in folds.folds {
            #expect(fold.train == fold.train.sorted() && fold.validation == fold.validation.sorted())
            #expect(Set(fold.train).isDisjoint(with: fold.validation))
            #expect(fold.train.count + fold.validation.count == labels.count)
        }
        let sizes = folds.folds.map(\.validation.count)
        #expect(sizes.max()! - sizes.min()! <= 1, "fold sizes \(sizes)")
        for c in 0..<3 {
            let counts = folds.folds.map { fold in fold.validation.filter { labels[$0] == c }.count }
            #expect(counts.max()! - counts.min()! <= 1, "class \(c) per fold: \(counts)")
        }
    }

    @Test func deterministicPerSeedAndRaisinTenFold() throws {
        let labels = StratifiedSplitTests.imbalanced
        #expect(try StratifiedKFold(labels: labels, folds: 5, seed: 1) == (try StratifiedKFold(labels: labels, folds: 5, seed: 1)))
        #expect(try StratifiedKFold(labels: labels, folds: 5, seed: 1) != (try StratifiedKFold(labels: labels, folds: 5, seed: 2)))
        let raisin = try Dataset<Double>.raisin()
        let folds = try StratifiedKFold(labels: raisin.labels, folds: 10, seed: 0)
        for fold in folds.folds {
            #expect(raisin.subset(fold.validation).classCounts == [45, 45])
        }
    }

    @Test func errors() {
        #expect(capturedDataError { try StratifiedKFold(labels: [0, 1, 0, 1, 1, 0, 1], folds: 4, seed: 0) }?
            .message == "stratified k-fold: class 0 has 3 rows, fewer than the 4 folds")
        // Issue 12: the class's name when the names are known.
        #expect(capturedDataError {
            try StratifiedKFold(labels: [0, 1, 0, 1, 1, 0, 1], folds: 4, seed: 0, classNames: ["Besni", "Kecimen"])
        }?.message == "stratified k-fold: class \"Besni\" has 3 rows, fewer than the 4 folds")
        #expect(capturedDataError { try StratifiedKFold(labels: [0, 1], folds: 1, seed: 0) }?.message.contains("at least 2 folds") == true)
        #expect(capturedDataError { try StratifiedKFold(labels: [], folds: 2, seed: 0) }?.message.contains("no labels") == true)
    }
}
