import Foundation
import Logit

/// A plain-text table: a header row and rows of cells, columns padded to
/// their widest cell; text columns left-aligned, numbers right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned left (the others are aligned right).
    var leftAligned: Set<Int> = [0]

    init(_ header: [String], leftAligned: Set<Int> = [0]) {
        self.header = header
        self.leftAligned = leftAligned
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// The widest a cell is shown: longer cells (a 100,000-character class
    /// name) are cut to their start and `...`, so tables stay readable.
    static let maximumCellWidth = 48

    /// The table as text, one line per row. Cells are escaped and shortened
    /// (see ``MessageText/shortened(_:to:)``); trailing spaces are dropped.
    ///
    /// - Complexity: linear in the length of the shortened cells.
    var text: String {
        let all = ([header] + rows).map { $0.map { MessageText.shortened($0, to: Self.maximumCellWidth) } }
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = (0..<columns).map { j in
                let cell = j < row.count ? row[j] : ""
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return leftAligned.contains(j) ? cell + pad : pad + cell
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
