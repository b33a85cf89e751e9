#if OpenBLAS
/// The start-up measurement behind ``BLASBackend``'s choice of
/// ``BinaryPass``: both kernels timed on the same in-cache block of rows.
///
/// Measured once per process and precision, at the first binary pass over
/// rows of at least one vector (about 1.5 ms), with OpenBLAS set
/// to one thread meanwhile, as the training code runs the pass. The data is a
/// synthetic 512 KiB X of 512 features, two of the blocked kernel's blocks:
/// in cache, so the timing shows each kernel's speed rather than the
/// memory's, and small enough not to delay a short job. The blocked `gemv`
/// pass is chosen only when it takes at most ``margin`` of the fused kernel's
/// time: out of cache both slow towards the memory's speed and the gap
/// narrows, so a small in-cache win is not worth leaving the package's own
/// kernel for.
public struct BinaryPassCalibration: Sendable, CustomStringConvertible {
    /// The fused row kernel's time for one pass over the calibration X, in seconds (best of several).
    public let fusedRowsSeconds: Double
    /// The blocked `gemv` pass's time for the same pass, in seconds (best of several).
    public let blockedGemvSeconds: Double
    /// The kernel the BLAS backend runs for rows of at least one vector
    /// (narrower rows always run ``BinaryPass/fusedRows``, whose narrow-row
    /// path does no per-call work).
    public let choice: BinaryPass

    /// The largest ratio of blocked-`gemv` to fused time at which the blocked pass is chosen.
    public static let margin = 0.8

    /// blockedGemvSeconds ÷ fusedRowsSeconds: below 1, OpenBLAS's kernels are faster.
    public var ratio: Double { blockedGemvSeconds / fusedRowsSeconds }

    public var description: String {
        let ratioText = ratio.isFinite ? String(Int((ratio * 100).rounded())) + "%" : "n/a"
        return "\(choice) (blocked gemv took \(ratioText) of the fused kernel's time in cache)"
    }

    init(fusedRowsSeconds: Double, blockedGemvSeconds: Double) {
        self.fusedRowsSeconds = fusedRowsSeconds
        self.blockedGemvSeconds = blockedGemvSeconds
        self.choice = blockedGemvSeconds <= Self.margin * fusedRowsSeconds ? .blockedGemv : .fusedRows
    }

    /// The measurement for Float, made on first use.
    static let float = measure(Float.self)
    /// The measurement for Double, made on first use.
    static let double = measure(Double.self)

    /// The measurement for `T`.
    static func measured<T: LogitScalar>(_: T.Type) -> BinaryPassCalibration {
        T.self == Float.self ? float : double
    }

    /// Times both kernels, alternating, on a seeded 512 KiB X and keeps each one's best time.
    static func measure<T: LogitScalar>(_: T.Type) -> BinaryPassCalibration {
        let features = 512
        let rows = (512 << 10) / (features * MemoryLayout<T>.stride)
        var generator = SeededGenerator(seed: 0x5EED_B1A5)
        let x = (0..<(rows * features)).map { _ in T(generator.nextUniform(in: -1..<1)) }
        let w = (0..<features).map { _ in T(generator.nextUniform(in: -0.1..<0.1)) }
        var g = [T](repeating: 0, count: features)
        let blas = BLASBackend(uncalibratedThreads: 1)
        var scratch = [T](repeating: 0, count: blas.binaryBlockRows(features: features, stride: MemoryLayout<T>.stride,
                                                                     pass: .blockedGemv))
        // A link as cheap as the real one's arithmetic, keeping the values finite.
        let link: (Range<Int>, UnsafeMutableBufferPointer<T>) -> Void = { rows, s in
            for i in 0..<rows.count { s[i] = s[i] * T(0.001) - T(0.5) }
        }
        var best = (fused: Double.infinity, gemv: Double.infinity)
        // One thread, as training runs the pass; OpenBLAS's setting is process-wide, so it is put back.
        let threads = BLASBackend.currentThreadCount
        BLASBackend.setThreadCount(1)
        defer { BLASBackend.setThreadCount(threads) }
        let clock = ContinuousClock()
        x.withUnsafeBufferPointer { xb in
            let xm = UnsafeMatrix(baseAddress: xb.baseAddress, rows: rows, columns: features)
            w.withUnsafeBufferPointer { wb in
                g.withUnsafeMutableBufferPointer { gb in
                    scratch.withUnsafeMutableBufferPointer { sb in
                        // One untimed round warms the caches and OpenBLAS's first-call set-up.
                        // Best of 16: with best of 5, a disturbance on this shared machine
                        // once read Double's usual 55–70% as 89% and chose the fused kernel
                        // (its epoch then ran at 65% of the bandwidth instead of 103–118%).
                        for round in 0..<17 {
                            let fused = clock.measure {
                                try? SwiftKernels.binaryBlockPass(xm, weights: wb, gradient: gb, scratch: sb, link: link)
                            }
                            let gemv = clock.measure {
                                try? blas.blockedGemvPass(xm, weights: wb, gradient: gb, scratch: sb, link: link)
                            }
                            guard round >= 1 else { continue }
                            best.fused = min(best.fused, fused.seconds)
                            best.gemv = min(best.gemv, gemv.seconds)
                        }
                    }
                }
            }
        }
        return BinaryPassCalibration(fusedRowsSeconds: best.fused, blockedGemvSeconds: best.gemv)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
#endif
