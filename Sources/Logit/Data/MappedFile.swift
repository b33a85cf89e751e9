#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole contents of a file, read-only: memory-mapped (`PROT_READ`,
/// `MAP_PRIVATE`) when the file is a regular, non-empty file, read into heap
/// memory otherwise (a pipe, `/dev/stdin`, a file in `/proc`).
///
/// The loaders parse straight from these bytes. The NPY loader can hand the
/// memory to a `Matrix` with ``detach()``, which transfers the duty of
/// unmapping (or freeing) it to the matrix.
///
/// A mapped file that another process truncates while it is mapped makes reads
/// past the new end fault (SIGBUS): that is the price of zero-copy loading.
final class MappedFile: @unchecked Sendable {
    /// The path, as given, for error messages.
    let path: String
    /// The first byte (nil when the file is empty).
    let base: UnsafeRawPointer?
    /// The size in bytes.
    let size: Int
    /// Whether `base` is a memory mapping (true) or a heap copy (false).
    let isMapped: Bool
    /// Whether `deinit` still has to unmap or free the memory.
    private var ownsMemory = true

    /// Opens, sizes and maps (or reads) `path`.
    ///
    /// - Throws: ``DataError`` naming the file and the system's reason when it
    ///   cannot be opened, is a directory, or cannot be read or mapped.
    init(path: String) throws(DataError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError("cannot open: \(MappedFile.systemError())", file: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DataError("cannot read file status: \(MappedFile.systemError())", file: path)
        }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw DataError("is a directory, not a file", file: path) }
        if kind == S_IFREG && info.st_size > 0 {
            let size = Int(info.st_size)
            let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
            if let address, address != MAP_FAILED {
                self.base = UnsafeRawPointer(address)
                self.size = size
                self.isMapped = true
                return
            }
            // Some file systems cannot be mapped: fall through and read instead.
        }
        let (bytes, count) = try MappedFile.readAll(fd, path: path)
        self.base = bytes.map { UnsafeRawPointer($0) }
        self.size = count
        self.isMapped = false
    }

    /// The bytes of the file.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: size) }

    /// Gives up ownership of the memory: the returned closure unmaps (or frees)
    /// it and must run exactly once, when no one uses the memory any more.
    func detach() -> @Sendable () -> Void {
        ownsMemory = false
        let address = base.map { UInt(bitPattern: $0) } ?? 0
        let size = self.size, mapped = isMapped
        return {
            guard let pointer = UnsafeMutableRawPointer(bitPattern: address) else { return }
            if mapped { _ = munmap(pointer, size) } else { free(pointer) }
        }
    }

    /// Drops the resident pages of a byte range that starts `offset` bytes
    /// after `start` (inside this mapping): `madvise(MADV_DONTNEED)` on the
    /// whole pages the range covers. The mapping is private and never written,
    /// so the pages come back unchanged from the page cache when touched again.
    func evictor(from start: UnsafeRawPointer) -> @Sendable (Int, Int) -> Void {
        let origin = UInt(bitPattern: start)
        let mappingStart = base.map { UInt(bitPattern: $0) } ?? 0
        let mappingEnd = mappingStart + UInt(size)
        let page = UInt(max(sysconf(Int32(_SC_PAGESIZE)), 4096))
        return { offset, count in
            guard count > 0 else { return }
            // Only whole pages inside the range: a page shared with rows still in use stays.
            let lower = (origin + UInt(offset) + page - 1) / page * page
            let upper = min((origin + UInt(offset) + UInt(count)) / page * page, mappingEnd)
            guard lower >= mappingStart, upper > lower,
                  let pointer = UnsafeMutableRawPointer(bitPattern: lower) else { return }
            _ = madvise(pointer, Int(upper - lower), MADV_DONTNEED)
        }
    }

    deinit {
        guard ownsMemory, let base else { return }
        if isMapped { _ = munmap(UnsafeMutableRawPointer(mutating: base), size) } else { free(UnsafeMutableRawPointer(mutating: base)) }
    }

    /// Reads `fd` to its end into `malloc`ed memory (nil when empty).
    private static func readAll(_ fd: Int32, path: String) throws(DataError) -> (UnsafeMutableRawPointer?, Int) {
        var capacity = 1 << 16, count = 0
        guard var buffer = malloc(capacity) else { throw DataError("out of memory reading the file", file: path) }
        while true {
            if count == capacity {
                capacity *= 2
                guard let grown = realloc(buffer, capacity) else {
                    free(buffer)
                    throw DataError("out of memory reading the file", file: path)
                }
                buffer = grown
            }
            let n = read(fd, buffer + count, capacity - count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = systemError()
                free(buffer)
                throw DataError("cannot read: \(reason)", file: path)
            }
            count += n
        }
        if count == 0 { free(buffer); return (nil, 0) }
        return (buffer, count)
    }

    /// The text of the current `errno`.
    static func systemError() -> String {
        let code = errno
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
