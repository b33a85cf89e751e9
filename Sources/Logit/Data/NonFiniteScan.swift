import LogitNumerics

/// Finds the first NaN or ±∞ of a feature matrix: the one scan behind the
/// loaders' and the trainer's validation.
enum NonFiniteScan {
    /// The first (row, column) of the selected rows of `x` holding NaN or ±∞,
    /// scanning in memory order in slices of about 64 MiB, each released after
    /// the scan when X is a file mapping (so validating X does not pull all of
    /// it into RAM). Rows are rows of `x`.
    ///
    /// - Complexity: one read of the selected rows; one branch-free sum per
    ///   slice (x − x is 0 for finite x and NaN otherwise), a second look only
    ///   at a slice that holds a non-finite value.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func first<T: LogitScalar>(_ x: Matrix<T>, rows selection: RowSelection) -> (row: Int, column: Int)? {
        let d = max(x.columns, 1)
        let slice = RowSelection.sliceRows(features: d, of: T.self)
        var found: (row: Int, column: Int)?
        selection.forEachSlice(of: x, maxRows: slice) { rows in
            guard found == nil else { return }
            found = x.rows(rows).withUnsafeBufferPointer { buffer in
                var probe: T = 0
                for value in buffer { probe += value - value }
                guard probe.isNaN, let offset = buffer.firstIndex(where: { !$0.isFinite }) else { return nil }
                return (rows.lowerBound + offset / d, offset % d)
            }
        }
        return found
    }
}
