import LogitNumerics

/// Seeded, stratified k-fold cross-validation: the rows are divided into k
/// folds so that every class is spread evenly over them; fold i validates a
/// model trained on the other k − 1.
///
/// Each class's rows are shuffled (classes in order, one `SeededGenerator`)
/// and dealt to the folds in turn, the deal continuing from where the previous
/// class stopped. So each class's count differs by at most 1 between folds, and
/// so do the fold sizes. Index arrays are sorted ascending; the validation sets
/// partition `0..<n`.
///
/// The same labels, k and seed give the same folds on every machine.
public struct StratifiedKFold: Sendable, Hashable, Codable {
    /// One train/validation division.
    public struct Fold: Sendable, Hashable, Codable {
        /// The rows to train on, ascending.
        public var train: [Int]
        /// The rows to validate on, ascending.
        public var validation: [Int]

        /// A fold from explicit row indices (for example folds made elsewhere).
        public init(train: [Int], validation: [Int]) {
            self.train = train
            self.validation = validation
        }
    }

    /// The k folds.
    public var folds: [Fold]

    /// Divides the rows whose classes are `labels` (class indices) into `k` folds.
    ///
    /// - Throws: ``DataError`` when k < 2, labels are empty or negative, or a
    ///   class has fewer rows than folds (it could not appear in every
    ///   validation set); the message names the class (by its name in
    ///   `classNames`, when given) and its count.
    /// - Complexity: O(k · n).
    public init(labels: [Int], folds k: Int, seed: UInt64, classNames: [String]? = nil) throws(DataError) {
        guard k >= 2 else { throw DataError("stratified k-fold needs at least 2 folds, not \(k)") }
        let groups = try ClassIndexGroups(labels: labels, what: "stratified k-fold")
        for c in groups.presentClasses where groups.rows[c].count < k {
            let name = classNames.flatMap { c < $0.count ? DataError.quote($0[c]) : nil } ?? "\(c)"
            throw DataError("stratified k-fold: class \(name) has \(groups.rows[c].count) row\(groups.rows[c].count == 1 ? "" : "s"), fewer than the \(k) folds")
        }
        var generator = SeededGenerator(seed: seed)
        var foldOf = [Int](repeating: 0, count: labels.count)
        var next = 0
        for c in groups.presentClasses {
            var rows = groups.rows[c]
            generator.shuffle(&rows)
            for row in rows {
                foldOf[row] = next
                next = (next + 1) % k
            }
        }
        var folds = [Fold](repeating: Fold(train: [], validation: []), count: k)
        for (row, fold) in foldOf.enumerated() {
            for f in 0..<k {
                if f == fold { folds[f].validation.append(row) } else { folds[f].train.append(row) }
            }
        }
        self.folds = folds
    }

    /// The number of folds, k.
    public var count: Int { folds.count }
}
