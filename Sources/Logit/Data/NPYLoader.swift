import LogitNumerics

/// Reads NumPy `.npy` files (format versions 1.0, 2.0 and 3.0): a feature
/// matrix from one file, class labels from another.
///
/// Features:
/// - A 2-D array is an n×d matrix; a 1-D array of n values is n×1; an array of
///   3 or more dimensions in C order (n images of h×w or h×w×c) is n×(h·w·…),
///   each sample flattened in C order.
/// - C-order data whose element type is the precision asked for (`<f4` for
///   `Float`, `<f8` for `Double`) is memory-mapped (`PROT_READ`, `MAP_PRIVATE`)
///   and wrapped without a copy in a read-only matrix that unmaps the file when
///   the last copy of it goes away; writing to the matrix copies it first. The
///   file must not be truncated while mapped.
/// - Any other element type (the other float width, or integers such as `|u1`
///   pixels) is converted into a new matrix, each value rounded to the nearest
///   representable one.
/// - Fortran-order (column-major) 2-D data is read into a transposed copy, so
///   the matrix is always row-major with element (i, j) equal to `arr[i, j]`.
///   Fortran order with 3 or more dimensions is rejected.
///
/// Labels: a 1-D array (or n×1) of integers (`|i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8`)
/// or floats (`<f4 <f8`) holding whole numbers, turned into class indices by
/// ``LabelEncoder`` (distinct values sorted numerically, named by their decimal
/// form), as the CSV loader does.
///
/// Every malformed file (bad magic, truncated header, unsupported version or
/// element type, big-endian data, unparsable header dict, shape and data size
/// that disagree, a non-whole float label) is a ``DataError`` naming the file.
public enum NPYLoader {
    /// The header of the `.npy` file at `path`, after checking the data size.
    ///
    /// - Throws: ``DataError`` naming the file.
    public static func header(path: String) throws(DataError) -> NPYHeader {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(DataError) -> NPYHeader in
            try NPYHeader.parse(file.bytes, file: path)
        }
    }

    /// The feature matrix in the `.npy` file at `path` (see the type's
    /// documentation for shapes, memory mapping and conversion).
    ///
    /// - Parameters:
    ///   - path: the `.npy` file.
    ///   - as: the precision to load into, `Float` or `Double`.
    ///   - memoryMap: false always copies into heap memory (use it when
    ///     the file may change while the matrix is in use).
    /// - Complexity: O(1) when mapped (pages are read on first touch),
    ///   O(n × d) otherwise.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func loadMatrix<T: LogitScalar>(path: String, as _: T.Type = T.self,
                                                 memoryMap: Bool = true) throws(DataError) -> Matrix<T> {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(DataError) -> Matrix<T> in
            try matrix(in: file, as: T.self, memoryMap: memoryMap)
        }
    }

    /// The feature matrix in the bytes of a whole `.npy` file held in memory
    /// (standard input, a network body), copied out; errors name `source`
    /// (e.g. `<stdin>`). No temporary file is written.
    ///
    /// - Complexity: O(n × d).
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func loadMatrix<T: LogitScalar>(bytes: UnsafeRawBufferPointer, source: String,
                                                 as _: T.Type = T.self) throws(DataError) -> Matrix<T> {
        try matrix(bytes: bytes, path: source, file: nil, as: T.self, memoryMap: false)
    }

    /// The raw integer labels in the bytes of a whole `.npy` file held in
    /// memory; errors name `source`. See ``loadRawLabels(path:)``.
    public static func loadRawLabels(bytes: UnsafeRawBufferPointer, source: String) throws(DataError) -> [Int] {
        try rawLabels(bytes: bytes, path: source)
    }

    /// The matrix in a mapped file; the caller keeps `file` alive.
    private static func matrix<T: LogitScalar>(in file: MappedFile, as _: T.Type,
                                               memoryMap: Bool) throws(DataError) -> Matrix<T> {
        try matrix(bytes: file.bytes, path: file.path, file: file, as: T.self, memoryMap: memoryMap)
    }

    /// The matrix in `bytes`; wraps them without a copy only when they are
    /// the mapped `file` (kept alive by the caller) and `memoryMap` is true.
    private static func matrix<T: LogitScalar>(bytes: UnsafeRawBufferPointer, path: String, file: MappedFile?,
                                               as _: T.Type, memoryMap: Bool) throws(DataError) -> Matrix<T> {
        let header = try NPYHeader.parse(bytes, file: path)
        let rows: Int, columns: Int
        switch header.shape.count {
        case 0:
            throw DataError("a 0-dimensional array (a single value) is not a feature matrix", file: path)
        case 1:
            (rows, columns) = (header.shape[0], 1)
        case 2:
            (rows, columns) = (header.shape[0], header.shape[1])
        default:
            guard !header.fortranOrder else {
                throw DataError("a Fortran-order array of \(header.shape.count) dimensions is not supported; save it in C order (np.ascontiguousarray)",
                                file: path)
            }
            rows = header.shape[0]
            columns = header.shape.dropFirst().reduce(1, *)
        }
        if header.elementCount == 0 { return Matrix(rows: rows, columns: columns) }
        // With one row or one column, Fortran and C order lay the data out alike.
        let rowMajor = !header.fortranOrder || rows == 1 || columns == 1
        let data = bytes.baseAddress! + header.dataOffset
        #if _endian(little)
        if memoryMap, let file, rowMajor, header.elementType == .matching(T.self),
           header.dataOffset % MemoryLayout<T>.alignment == 0 {
            let base = UnsafeMutableRawPointer(mutating: data).bindMemory(to: T.self, capacity: header.elementCount)
            return Matrix(wrapping: base, rows: rows, columns: columns, isWritable: false, release: file.detach(),
                          evict: file.isMapped ? file.evictor(from: data) : nil)
        }
        #endif
        if rowMajor {
            return UninitializedMatrix.make(rows: rows, columns: columns) { (out: UnsafeMutablePointer<T>) in
                decode(data, header.elementType, count: header.elementCount, into: out)
            }
        }
        // Fortran order: the bytes are the C-order columns × rows transpose.
        let columnMajor = UnsafeMutablePointer<T>.allocate(capacity: header.elementCount)
        defer { columnMajor.deallocate() }
        decode(data, header.elementType, count: header.elementCount, into: columnMajor)
        return UninitializedMatrix.make(rows: rows, columns: columns) { (out: UnsafeMutablePointer<T>) in
            for j in 0..<columns {
                for i in 0..<rows { out[i * columns + j] = columnMajor[j * rows + i] }
            }
        }
    }

    /// The raw integer labels in the `.npy` file at `path`, before encoding.
    ///
    /// - Throws: ``DataError`` naming the file for a shape other than (n,) or
    ///   (n, 1), a float label that is not a whole number (or is beyond ±2⁶³), a
    ///   `<u8` label above `Int.max`, or any malformed file.
    public static func loadRawLabels(path: String) throws(DataError) -> [Int] {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(DataError) -> [Int] in try rawLabels(in: file) }
    }

    /// The raw labels in a mapped file; the caller keeps `file` alive.
    private static func rawLabels(in file: MappedFile) throws(DataError) -> [Int] {
        try rawLabels(bytes: file.bytes, path: file.path)
    }

    /// The raw labels in `bytes`, a whole `.npy` file; errors name `path`.
    private static func rawLabels(bytes: UnsafeRawBufferPointer, path: String) throws(DataError) -> [Int] {
        let header = try NPYHeader.parse(bytes, file: path)
        guard header.shape.count == 1 || (header.shape.count == 2 && header.shape[1] == 1) else {
            let shapeText = "(" + header.shape.map(String.init).joined(separator: ", ") + ")"
            throw DataError("labels must be a 1-D array (n,) or a column (n, 1), not shape \(shapeText)", file: path)
        }
        let n = header.elementCount
        guard n > 0 else { return [] }
        let data = bytes.baseAddress! + header.dataOffset
        var labels = [Int](repeating: 0, count: n)
        func integers<Bits: FixedWidthInteger>(_: Bits.Type) throws(DataError) {
            for i in 0..<n {
                let value = Bits(littleEndian: data.loadUnaligned(fromByteOffset: i * Bits.bitWidth / 8, as: Bits.self))
                guard let exact = Int(exactly: value) else {
                    throw DataError("label \(value) at index \(i) is larger than \(Int.max)", file: path)
                }
                labels[i] = exact
            }
        }
        func floats(_ value: (Int) -> Double) throws(DataError) {
            for i in 0..<n {
                let x = value(i)
                guard x.isFinite, x.rounded(.towardZero) == x, let exact = Int(exactly: x) else {
                    throw DataError("label \(x) at index \(i) is not a whole number", file: path)
                }
                labels[i] = exact
            }
        }
        switch header.elementType {
        case .int8: try integers(Int8.self)
        case .int16: try integers(Int16.self)
        case .int32: try integers(Int32.self)
        case .int64: try integers(Int64.self)
        case .uint8: try integers(UInt8.self)
        case .uint16: try integers(UInt16.self)
        case .uint32: try integers(UInt32.self)
        case .uint64: try integers(UInt64.self)
        case .float32:
            try floats { Double(Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)))) }
        case .float64:
            try floats { Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        }
        return labels
    }

    /// The labels in the `.npy` file at `path` as class indices and class names
    /// (``LabelEncoder`` order: distinct values sorted numerically).
    ///
    /// - Throws: as ``loadRawLabels(path:)``.
    public static func loadLabels(path: String) throws(DataError) -> (labels: [Int], classNames: [String]) {
        LabelEncoder.encode(integers: try loadRawLabels(path: path))
    }

    /// A data set from a feature file and a label file; feature names are
    /// `x0`, `x1`, ….
    ///
    /// - Throws: ``DataError`` naming the file when either file is malformed,
    ///   when the label count differs from the number of feature rows, or when
    ///   the labels hold fewer than two classes.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func loadDataset<T: LogitScalar>(features: String, labels: String, as _: T.Type = T.self,
                                                  memoryMap: Bool = true) throws(DataError) -> Dataset<T> {
        let matrix = try loadMatrix(path: features, as: T.self, memoryMap: memoryMap)
        let (classes, names) = try loadLabels(path: labels)
        guard classes.count == matrix.rows else {
            throw DataError("\(classes.count) labels for \(matrix.rows) feature rows (in \(features))", file: labels)
        }
        guard names.count >= 2 else {
            let only = names.first.map { " (\($0))" } ?? ""
            throw DataError("the labels hold \(names.count) class\(names.count == 1 ? "" : "es")\(only): classification needs at least two",
                            file: labels)
        }
        // Checked here, before any split or shuffle, so the message names the
        // row as the file counts it (a NaN found later would name a row of a split).
        if let (row, column) = firstNonFinite(matrix) {
            throw DataError("row \(row), column \(column) (x\(column)) is \(matrix[row, column]): features must be finite (shape \(matrix.shapeDescription), rows and columns counted from 0)",
                            file: features)
        }
        var dataset = try Dataset(features: matrix, labels: classes, classNames: names)
        dataset.featuresAreKnownFinite = true
        return dataset
    }

    /// The (row, column) of the first NaN or infinity in `matrix`, row by row.
    ///
    /// - Complexity: O(n × d), one read of the matrix in 64 MiB slices whose
    ///   pages are released after the scan when the matrix maps a file.
    @_specialize(exported: true, where T == Float)
    @_specialize(exported: true, where T == Double)
    public static func firstNonFinite<T: LogitScalar>(_ matrix: Matrix<T>) -> (row: Int, column: Int)? {
        guard matrix.columns > 0 else { return nil }
        return NonFiniteScan.first(matrix, rows: .all(matrix.rows))
    }

    /// Converts `count` little-endian elements of `type` at `data` into `out`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    private static func decode<T: LogitScalar>(_ data: UnsafeRawPointer, _ type: NPYElementType, count: Int,
                                               into out: UnsafeMutablePointer<T>) {
        @inline(__always)
        func convert<Bits: FixedWidthInteger>(_: Bits.Type, _ value: (Bits) -> T) {
            let size = Bits.bitWidth / 8
            for i in 0..<count {
                out[i] = value(Bits(littleEndian: data.loadUnaligned(fromByteOffset: i * size, as: Bits.self)))
            }
        }
        #if _endian(little)
        if type == .matching(T.self) {
            UnsafeMutableRawPointer(out).copyMemory(from: data, byteCount: count * MemoryLayout<T>.size)
            return
        }
        #endif
        switch type {
        case .float32: convert(UInt32.self) { T(Float(bitPattern: $0)) }
        case .float64: convert(UInt64.self) { T(Double(bitPattern: $0)) }
        case .int8: convert(Int8.self) { T($0) }
        case .int16: convert(Int16.self) { T($0) }
        case .int32: convert(Int32.self) { T($0) }
        case .int64: convert(Int64.self) { T($0) }
        case .uint8: convert(UInt8.self) { T($0) }
        case .uint16: convert(UInt16.self) { T($0) }
        case .uint32: convert(UInt32.self) { T($0) }
        case .uint64: convert(UInt64.self) { T($0) }
        }
    }
}
