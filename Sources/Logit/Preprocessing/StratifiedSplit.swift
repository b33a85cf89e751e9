import LogitNumerics

/// A seeded, stratified train/test split: each class is divided between train
/// and test in the same proportion as the whole, so both sets keep the class
/// balance of the data.
///
/// - The test set has ⌈testFraction · n⌉ rows (scikit-learn's rounding). Its
///   rows are shared out among the classes in proportion to their sizes, by the
///   largest-remainder method (ties to the lower class index), so each class
///   count is its exact share rounded down or up.
/// - Within each class (in class order) the rows are shuffled by one
///   `SeededGenerator`, and the first ones go to the test set.
/// - Both index arrays are sorted ascending; they partition `0..<n`.
///
/// The same labels, fraction and seed give the same split on every machine.
public struct StratifiedSplit: Sendable, Hashable, Codable {
    /// The training rows, ascending.
    public var train: [Int]
    /// The test rows, ascending.
    public var test: [Int]

    /// Splits the rows whose classes are `labels` (class indices).
    ///
    /// - Throws: ``DataError`` when `testFraction` is not strictly between 0 and
    ///   1, labels are empty or negative, a class has a single row, or either
    ///   set would be smaller than the number of classes.
    ///   `classNames` (the names of the class indices), when given, name the
    ///   class in messages (`class "Kecimen" has only 1 row`).
    /// - Complexity: O(n).
    public init(labels: [Int], testFraction: Double, seed: UInt64, classNames: [String]? = nil) throws(DataError) {
        guard testFraction > 0, testFraction < 1 else {
            throw DataError("the test fraction must lie strictly between 0 and 1, not \(testFraction)")
        }
        let groups = try ClassIndexGroups(labels: labels, what: "stratified split")
        let n = labels.count
        let present = groups.presentClasses
        for c in present where groups.rows[c].count < 2 {
            let name = classNames.flatMap { c < $0.count ? DataError.quote($0[c]) : nil } ?? "\(c)"
            throw DataError("stratified split: class \(name) has only 1 row; every class needs at least 2")
        }
        let testCount = Int((testFraction * Double(n)).rounded(.up))
        let trainCount = n - testCount
        guard testCount >= present.count, trainCount >= present.count else {
            throw DataError("stratified split: a \(trainCount)/\(testCount) train/test split of \(n) rows cannot hold all \(present.count) classes in each set")
        }
        // Largest remainder: exact integer shares n_c · testCount / n.
        var share = [Int](repeating: 0, count: groups.rows.count)
        var remainder = [Int](repeating: 0, count: groups.rows.count)
        var assigned = 0
        for c in present {
            let product = groups.rows[c].count * testCount
            share[c] = product / n
            remainder[c] = product % n
            assigned += share[c]
        }
        let byRemainder = present.sorted { remainder[$0] != remainder[$1] ? remainder[$0] > remainder[$1] : $0 < $1 }
        for c in byRemainder.prefix(testCount - assigned) { share[c] += 1 }

        var generator = SeededGenerator(seed: seed)
        var train = [Int](), test = [Int]()
        train.reserveCapacity(trainCount)
        test.reserveCapacity(testCount)
        for c in present {
            var rows = groups.rows[c]
            generator.shuffle(&rows)
            test.append(contentsOf: rows[..<share[c]])
            train.append(contentsOf: rows[share[c]...])
        }
        self.train = train.sorted()
        self.test = test.sorted()
    }
}
