/// The reference-counted memory behind one or more `Matrix` values.
///
/// A buffer either owns heap memory it allocated, or wraps memory owned by
/// someone else (a memory-mapped file, for instance) and calls a release action
/// when the last matrix referring to it goes away. Matrices only write to a
/// buffer they hold uniquely and that is writable (copy-on-write), which is why
/// sharing it between threads is safe.
@usableFromInline
final class MatrixBuffer<Scalar: LogitScalar>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Scalar>
    @usableFromInline let count: Int
    @usableFromInline let isWritable: Bool
    private let release: (@Sendable () -> Void)?
    /// Drops the resident pages of a byte range (memory-mapped files), or nil.
    let evict: (@Sendable (_ offset: Int, _ count: Int) -> Void)?

    /// Allocates `count` uninitialized elements on the heap, 64-byte aligned so
    /// the kernels' SIMD loads start on a cache line.
    @usableFromInline
    init(uninitializedCount count: Int) {
        precondition(count >= 0, "negative element count \(count)")
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(count, 1) * MemoryLayout<Scalar>.stride, alignment: 64)
        self.base = raw.bindMemory(to: Scalar.self, capacity: max(count, 1))
        self.count = count
        self.isWritable = true
        self.release = nil
        self.evict = nil
    }

    /// Wraps memory owned elsewhere; `release` runs when the buffer is freed.
    @usableFromInline
    init(wrapping base: UnsafeMutablePointer<Scalar>, count: Int, isWritable: Bool,
         release: (@Sendable () -> Void)?, evict: (@Sendable (Int, Int) -> Void)? = nil) {
        self.base = base
        self.count = count
        self.isWritable = isWritable
        self.release = release
        self.evict = evict
    }

    deinit {
        if let release {
            release()
        } else {
            UnsafeMutableRawPointer(base).deallocate()
        }
    }
}
