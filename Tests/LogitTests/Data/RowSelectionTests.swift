@testable import Logit
import LogitNumerics
import Testing

@Suite("Row selections")
struct RowSelectionTests {
    /// Groups cover the selection exactly, in order, each holding 1…maxRows
    /// rows, and every group but the last holds exactly maxRows (a long run is
    /// cut, short runs are gathered).
    @Test(arguments: [1, 3, 7, 64])
    func groupsPartitionTheSelection(maxRows: Int) {
        let selection = RowSelection(runs: [0..<2, 5..<6, 8..<30, 31..<33, 40..<41, 50..<120])
        let x = Matrix<Float>(rows: 120, columns: 2)
        var groups: [[Range<Int>]] = []
        selection.forEachGroup(of: x, maxRows: maxRows) { groups.append($0) }
        #expect(groups.flatMap { $0 }.flatMap { Array($0) } == selection.indices)
        let sizes = groups.map { $0.reduce(0) { $0 + $1.count } }
        #expect(sizes.allSatisfy { $0 >= 1 && $0 <= maxRows })
        #expect(sizes.dropLast().allSatisfy { $0 == maxRows })
        #expect(groups.allSatisfy { $0.allSatisfy { !$0.isEmpty } })
    }

    @Test func noRowsNoGroups() {
        var calls = 0
        RowSelection(runs: []).forEachGroup(of: Matrix<Double>(rows: 3, columns: 1), maxRows: 4) { _ in calls += 1 }
        #expect(calls == 0)
    }
}
