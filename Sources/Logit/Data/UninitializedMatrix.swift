import LogitNumerics

/// Builds matrices in fresh memory that is written once, by the caller, instead
/// of being zeroed first: `Matrix(rows:columns:)` runs generic (unspecialized)
/// code from this module and writes every element an extra time, which costs
/// more than the fill itself for the large matrices the loaders make.
enum UninitializedMatrix {
    /// A `rows × columns` matrix whose elements `fill` writes, all of them, in
    /// row-major order through the pointer it is given. The memory is 64-byte
    /// aligned, like a matrix's own, and freed with the last matrix using it.
    ///
    /// - Precondition: `rows ≥ 0`, `columns ≥ 0`, and the product fits in `Int`.
    @inline(__always)
    static func make<T: LogitScalar, E: Error>(rows: Int, columns: Int,
                                               fill: (UnsafeMutablePointer<T>) throws(E) -> Void) throws(E) -> Matrix<T> {
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(rows >= 0 && columns >= 0 && !overflow, "bad matrix shape \(rows)×\(columns)")
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<T>.stride, alignment: 64)
        let base = raw.bindMemory(to: T.self, capacity: max(count, 1))
        do {
            try fill(base)
        } catch {
            raw.deallocate()
            throw error
        }
        let address = UInt(bitPattern: raw)
        return Matrix(wrapping: base, rows: rows, columns: columns, isWritable: true, release: {
            UnsafeMutableRawPointer(bitPattern: address)?.deallocate()
        })
    }
}
