import Dispatch

/// Measures the machine's memory read bandwidth in this run: a plain streaming
/// read (a sum) over a buffer far larger than the last-level cache, on one
/// thread and on several. Epoch throughputs are reported as fractions of it.
enum ReadBandwidth {
    /// GB/s (10⁹ bytes), median of `repeats` passes over `bytes` bytes.
    static func measure(bytes: Int, threads: Int, repeats: Int) -> Double {
        let count = bytes / MemoryLayout<Float>.stride / 64 * 64
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { buffer.deallocate() }
        // Touch every page so the pass measures memory, not page faults.
        buffer.initialize(repeating: 1, count: count)
        let address = UInt(bitPattern: buffer)
        let samples = Samples(warmup: 1, repeats: repeats) {
            let chunk = count / threads / 64 * 64
            let sums = UnsafeMutableBufferPointer<Float>.allocate(capacity: threads)
            defer { sums.deallocate() }
            let sumsAddress = UInt(bitPattern: sums.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let base = UnsafePointer<Float>(bitPattern: address)!
                let lower = t * chunk, upper = t == threads - 1 ? count : lower + chunk
                UnsafeMutablePointer<Float>(bitPattern: sumsAddress)![t] = sum(base + lower, upper - lower)
            }
            if sums.reduce(0, +) == -1 { print("") }  // keeps the sums alive
        }
        return Double(count * MemoryLayout<Float>.stride) / (samples.median * 1e6)
    }

    /// Four independent SIMD accumulators so the adds are never the bottleneck.
    @inline(never)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i + 64 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            a1 += raw.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
            a2 += raw.loadUnaligned(fromByteOffset: (i + 32) * 4, as: SIMD16<Float>.self)
            a3 += raw.loadUnaligned(fromByteOffset: (i + 48) * 4, as: SIMD16<Float>.self)
            i += 64
        }
        return (a0 + a1 + a2 + a3).sum()
    }
}
