import LogitNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes NumPy `.npy` files that `numpy.load` and ``NPYLoader`` read: a
/// matrix as a 2-D C-order `<f4`/`<f8` array, a vector as a 1-D array, labels
/// as a 1-D integer (or float) array.
///
/// The header is the one NumPy writes (`{'descr': …, 'fortran_order': False,
/// 'shape': …, }`, padded so the data starts on a 64-byte boundary). The
/// version is 1.0 unless the header needs more than 65535 bytes (then 2.0), or
/// as asked. The file is created or truncated.
public enum NPYWriter {
    /// Writes `matrix` as a 2-D `rows × columns` array of `<f4` (`Float`) or
    /// `<f8` (`Double`).
    ///
    /// - Throws: ``DataError`` naming `path` when it cannot be written.
    /// - Complexity: O(rows × columns), written straight from the matrix's memory.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func write<T: LogitScalar>(_ matrix: Matrix<T>, to path: String,
                                            version: NPYHeader.Version? = nil) throws(DataError) {
        let header = NPYHeader.encode(elementType: .matching(T.self), shape: [matrix.rows, matrix.columns],
                                      version: version)
        try matrix.withUnsafeBufferPointer { (values) throws(DataError) in
            try writeFile(path, header: header, values: values)
        }
    }

    /// Writes `values` as a 1-D array of `<f4` or `<f8`.
    ///
    /// - Throws: ``DataError`` naming `path` when it cannot be written.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func write<T: LogitScalar>(_ values: [T], to path: String,
                                            version: NPYHeader.Version? = nil) throws(DataError) {
        let header = NPYHeader.encode(elementType: .matching(T.self), shape: [values.count], version: version)
        try values.withUnsafeBufferPointer { (values) throws(DataError) in
            try writeFile(path, header: header, values: values)
        }
    }

    /// Writes integer labels as a 1-D array of `type` (default `<i8`, NumPy's
    /// default integer on 64-bit Linux).
    ///
    /// - Throws: ``DataError`` naming `path` when a label does not fit `type`
    ///   exactly (for example 300 as `|u1`, or 2²⁵ + 1 as `<f4`), or the file
    ///   cannot be written.
    public static func write(labels: [Int], to path: String, as type: NPYElementType = .int64,
                             version: NPYHeader.Version? = nil) throws(DataError) {
        var data = [UInt8]()
        data.reserveCapacity(labels.count * type.byteCount)
        func append<Bits: FixedWidthInteger>(_ bits: Bits) {
            withUnsafeBytes(of: bits.littleEndian) { data.append(contentsOf: $0) }
        }
        for (i, label) in labels.enumerated() {
            let fits: Bool
            switch type {
            case .int8: fits = Int8(exactly: label).map { append($0) } != nil
            case .int16: fits = Int16(exactly: label).map { append($0) } != nil
            case .int32: fits = Int32(exactly: label).map { append($0) } != nil
            case .int64: fits = Int64(exactly: label).map { append($0) } != nil
            case .uint8: fits = UInt8(exactly: label).map { append($0) } != nil
            case .uint16: fits = UInt16(exactly: label).map { append($0) } != nil
            case .uint32: fits = UInt32(exactly: label).map { append($0) } != nil
            case .uint64: fits = UInt64(exactly: label).map { append($0) } != nil
            case .float32: fits = Float(exactly: label).map { append($0.bitPattern) } != nil
            case .float64: fits = Double(exactly: label).map { append($0.bitPattern) } != nil
            }
            guard fits else {
                throw DataError("label \(label) at index \(i) does not fit exactly in \(type.descr)", file: path)
            }
        }
        let header = NPYHeader.encode(elementType: type, shape: [labels.count], version: version)
        try data.withUnsafeBytes { bytes in
            Result { () throws(DataError) in try writeFile(path, header: header, bytes: bytes) }
        }.get()
    }

    /// Writes `header` then `values` as little-endian bytes.
    private static func writeFile<T: LogitScalar>(_ path: String, header: [UInt8],
                                                  values: UnsafeBufferPointer<T>) throws(DataError) {
        #if _endian(little)
        try writeFile(path, header: header, bytes: UnsafeRawBufferPointer(values))
        #else
        var swapped = [UInt8]()
        swapped.reserveCapacity(values.count * MemoryLayout<T>.size)
        for value in values {
            if let f = value as? Float {
                withUnsafeBytes(of: f.bitPattern.littleEndian) { swapped.append(contentsOf: $0) }
            } else if let d = value as? Double {
                withUnsafeBytes(of: d.bitPattern.littleEndian) { swapped.append(contentsOf: $0) }
            }
        }
        try swapped.withUnsafeBytes { bytes in
            Result { () throws(DataError) in try writeFile(path, header: header, bytes: bytes) }
        }.get()
        #endif
    }

    /// Creates or truncates `path` and writes `header` then `bytes`.
    private static func writeFile(_ path: String, header: [UInt8], bytes: UnsafeRawBufferPointer) throws(DataError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw DataError("cannot create: \(MappedFile.systemError())", file: path) }
        var closed = false
        defer { if !closed { close(fd) } }
        func writeAll(_ chunk: UnsafeRawBufferPointer) throws(DataError) {
            var offset = 0
            while offset < chunk.count {
                let n = posixWrite(fd, chunk.baseAddress! + offset, min(chunk.count - offset, 1 << 30))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DataError("cannot write: \(MappedFile.systemError())", file: path)
                }
                offset += n
            }
        }
        try header.withUnsafeBytes { h in Result { () throws(DataError) in try writeAll(h) } }.get()
        if bytes.count > 0 { try writeAll(bytes) }
        closed = true
        guard close(fd) == 0 else { throw DataError("cannot finish writing: \(MappedFile.systemError())", file: path) }
    }
}

/// POSIX `write`, under a name that does not clash with the writer's methods.
@inline(__always)
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
