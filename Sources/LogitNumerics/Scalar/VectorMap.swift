/// Applies a function of one SIMD vector to a buffer a vector at a time, the
/// tail (fewer than a vector's lanes) padded with zeros: the loop behind the
/// vectorized ``VectorExponential`` and ``VectorLogarithm``.
package enum VectorMap {
    /// Replaces every lane-sized run of `values` by `kernel` of it.
    ///
    /// - Complexity: O(n), one `kernel` call per `V.scalarCount` values.
    @inlinable @inline(__always)
    package static func apply<V: SIMD>(_ values: UnsafeMutableBufferPointer<V.Scalar>, _ kernel: (V) -> V) {
        let n = values.count, w = V.scalarCount
        var i = 0
        while i + w <= n {
            let x = UnsafeRawPointer(values.baseAddress! + i).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(values.baseAddress! + i).storeBytes(of: kernel(x), as: V.self)
            i += w
        }
        if i < n {
            var x = V()
            for j in 0..<(n - i) { x[j] = values[i + j] }
            let y = kernel(x)
            for j in 0..<(n - i) { values[i + j] = y[j] }
        }
    }
}
