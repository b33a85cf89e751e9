import Foundation

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

    var text: String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        let widths = (0..<columns).map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        return all.map { row in
            (0..<columns).map { j in
                let cell = j < row.count ? row[j] : ""
                let pad = String(repeating: " ", count: widths[j] - cell.count)
                return leftAligned.contains(j) ? cell + pad : pad + cell
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
