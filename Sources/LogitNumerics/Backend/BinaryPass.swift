/// How a backend runs the binary pass,
/// ``NumericBackend/binaryForwardBackward(_:weights:gradient:scratch:link:)``:
/// the gradient of every binary model, once per epoch or solver iteration.
///
/// The pass reads X once from memory and does 4 flops per element, so which
/// kernel wins depends on the machine: the vector width the package's Swift
/// code was compiled for (the baseline SSE2 on x86-64) against the kernels
/// OpenBLAS picked at run time (AVX-512 on a recent Xeon, or generic SSE3
/// when OpenBLAS does not know the CPU). ``BLASBackend`` measures both once
/// per process and precision (``BinaryPassCalibration``) and runs the faster;
/// the Swift backend always runs ``fusedRows``. Training on small data whose
/// rows are narrower than one vector runs neither: the trainer keeps a
/// transposed copy of the rows and runs ``transposedCopy`` on either backend.
public enum BinaryPass: String, Sendable, CaseIterable, CustomStringConvertible {
    /// The package's Swift kernel: blocks of at most 64 rows and about 16 KiB
    /// of X; each row's score, the link for the block, then each row's update
    /// while the block is in L1.
    case fusedRows = "fused-rows"
    /// Two BLAS calls per block of about 256 KiB of X: `gemv` for the block's
    /// scores, the link, then `gemv` with Xᵀ for the gradient while the block
    /// is still in L2.
    case blockedGemv = "blocked-gemv"
    /// The pass over a transposed copy of the training rows
    /// (``NumericBackend/binaryForwardBackward(transposed:weights:gradient:scratch:link:)``),
    /// a vector of rows at a time: what the trainer runs for small data whose
    /// rows are narrower than one vector (d < 8 doubles or 16 floats, and a
    /// copy of at most 4 MiB; Raisin's 900×7). The trainer chooses it, not a
    /// backend: requested of ``BLASBackend`` for row-major X it runs as
    /// ``fusedRows``.
    case transposedCopy = "transposed-copy"

    public var description: String { rawValue }
}
