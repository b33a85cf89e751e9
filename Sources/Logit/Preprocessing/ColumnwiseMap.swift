import LogitNumerics

/// Applies a per-column map f(value, column) to every element of a matrix:
/// the one loop behind the scalers' `transform`, `transformInPlace` and
/// `inverseTransform`. The map works in `Double`, as the scalers' statistics do.
enum ColumnwiseMap {
    /// A new matrix with f applied to every element of `x`, written straight
    /// into uninitialized memory (one pass over `x`, no copy first).
    @inline(__always)
    static func mapped<T: LogitScalar>(_ x: Matrix<T>, _ f: (Double, Int) -> Double) -> Matrix<T> {
        let n = x.rows, d = x.columns
        return UninitializedMatrix.make(rows: n, columns: d) { (out: UnsafeMutablePointer<T>) in
            x.withUnsafeBufferPointer { source in
                for i in 0..<n {
                    for j in 0..<d { out[i * d + j] = T(f(Double(source[i * d + j]), j)) }
                }
            }
        }
    }

    /// Applies f to every element of `x` in place (copying first only if its
    /// memory is shared or read-only).
    @inline(__always)
    static func mapInPlace<T: LogitScalar>(_ x: inout Matrix<T>, _ f: (Double, Int) -> Double) {
        let d = x.columns
        x.withUnsafeMutableBufferPointer { values in
            for i in 0..<(values.count / max(d, 1)) {
                for j in 0..<d { values[i * d + j] = T(f(Double(values[i * d + j]), j)) }
            }
        }
    }
}
