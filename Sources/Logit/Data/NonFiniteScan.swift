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
                guard hasNonFinite(buffer), let offset = buffer.firstIndex(where: { !$0.isFinite }) else { return nil }
                return (rows.lowerBound + offset / d, offset % d)
            }
        }
        return found
    }

    /// Whether `values` holds a NaN or ±∞: x − x is 0 for every finite x and
    /// NaN otherwise, and NaN survives any sum, so four vector accumulators
    /// (no dependency chain through one scalar add) read memory at full speed.
    @inline(__always)
    static func hasNonFinite<T: LogitScalar>(_ values: UnsafeBufferPointer<T>) -> Bool {
        typealias V = T.Accumulator
        let w = V.scalarCount, n = values.count
        guard let base = values.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let stride = MemoryLayout<T>.stride
        var a0 = V(), a1 = V(), a2 = V(), a3 = V()
        var i = 0
        while i + 4 * w <= n {
            let v0 = raw.loadUnaligned(fromByteOffset: i * stride, as: V.self)
            let v1 = raw.loadUnaligned(fromByteOffset: (i + w) * stride, as: V.self)
            let v2 = raw.loadUnaligned(fromByteOffset: (i + 2 * w) * stride, as: V.self)
            let v3 = raw.loadUnaligned(fromByteOffset: (i + 3 * w) * stride, as: V.self)
            a0 += v0 - v0
            a1 += v1 - v1
            a2 += v2 - v2
            a3 += v3 - v3
            i += 4 * w
        }
        var probe = ((a0 + a1) + (a2 + a3)).sum()
        while i < n {
            probe += base[i] - base[i]
            i += 1
        }
        return probe.isNaN
    }
}
