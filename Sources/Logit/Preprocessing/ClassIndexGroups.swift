/// The row indices of each class, after checking the labels: the common first
/// step of the stratified splitters.
struct ClassIndexGroups {
    /// `rows[c]` holds the rows of class c in ascending order (empty for a class
    /// with no rows).
    var rows: [[Int]]

    /// Groups `labels` by class.
    ///
    /// - Throws: ``DataError`` for an empty label list or a negative label.
    init(labels: [Int], what: String) throws(DataError) {
        guard !labels.isEmpty else { throw DataError("\(what): there are no labels") }
        if let bad = labels.firstIndex(where: { $0 < 0 }) {
            throw DataError("\(what): label \(labels[bad]) of row \(bad) is negative; labels are class indices 0..<k")
        }
        var rows = [[Int]](repeating: [], count: labels.max()! + 1)
        for (i, label) in labels.enumerated() { rows[label].append(i) }
        self.rows = rows
    }

    /// The classes that have rows, ascending.
    var presentClasses: [Int] { rows.indices.filter { !rows[$0].isEmpty } }
}
