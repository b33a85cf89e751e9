/// A dense, row-major matrix of `Float` or `Double` with value semantics.
///
/// Rows are contiguous: element (i, j) is at offset `i * columns + j`. Copies
/// share memory until one of them is written to (copy-on-write), and
/// ``rows(_:)`` returns a view of a row range that shares memory too, which is
/// how the training loop walks a large X in blocks without copying it.
///
/// A vector is a matrix with one row, or a plain `[Scalar]`: the backends take
/// either through their safe overloads.
public struct Matrix<Scalar: LogitScalar>: Sendable {
    @usableFromInline var buffer: MatrixBuffer<Scalar>
    /// Offset of element (0, 0) in `buffer`, in elements.
    @usableFromInline var offset: Int
    /// Number of rows.
    public private(set) var rows: Int
    /// Number of columns.
    public private(set) var columns: Int

    @usableFromInline
    init(buffer: MatrixBuffer<Scalar>, offset: Int, rows: Int, columns: Int) {
        self.buffer = buffer
        self.offset = offset
        self.rows = rows
        self.columns = columns
    }

    /// A `rows × columns` matrix with every element equal to `value`.
    ///
    /// - Precondition: `rows ≥ 0`, `columns ≥ 0`.
    /// - Complexity: O(rows × columns).
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "negative matrix shape \(rows)×\(columns)")
        let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "matrix shape \(rows)×\(columns) overflows Int")
        let buffer = MatrixBuffer<Scalar>(uninitializedCount: count)
        buffer.base.initialize(repeating: value, count: count)
        self.init(buffer: buffer, offset: 0, rows: rows, columns: columns)
    }

    /// A `rows × columns` matrix holding `elements` in row-major order.
    ///
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when
    ///   `elements.count != rows × columns`.
    /// - Complexity: O(rows × columns).
    public init<C: Collection>(rows: Int, columns: Int, elements: C) throws(NumericError)
    where C.Element == Scalar {
        guard rows >= 0, columns >= 0 else {
            throw .shapeMismatch(operation: "Matrix(rows:columns:elements:)",
                                 message: "negative shape \(rows)×\(columns)")
        }
        guard elements.count == rows * columns else {
            throw .shapeMismatch(
                operation: "Matrix(rows:columns:elements:)",
                message: "\(elements.count) elements do not make a \(rows)×\(columns) matrix (expected \(rows * columns))")
        }
        self.init(rows: rows, columns: columns)
        _ = UnsafeMutableBufferPointer(start: buffer.base, count: rows * columns).initialize(from: elements)
    }

    /// A matrix from an array of rows, all of the same length.
    ///
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` naming the
    ///   first row whose length differs from the first row's.
    public init(_ rowArrays: [[Scalar]]) throws(NumericError) {
        let columns = rowArrays.first?.count ?? 0
        for (i, row) in rowArrays.enumerated() where row.count != columns {
            throw .shapeMismatch(operation: "Matrix(_:)",
                                 message: "row \(i) has \(row.count) elements, row 0 has \(columns)")
        }
        try self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.joined())
    }

    /// A `rows × columns` matrix whose element (i, j) is `element(i, j)`.
    ///
    /// - Complexity: O(rows × columns) calls of `element`.
    @inlinable
    public init(rows: Int, columns: Int, element: (Int, Int) throws -> Scalar) rethrows {
        self.init(rows: rows, columns: columns)
        let base = buffer.base
        for i in 0..<rows {
            for j in 0..<columns { base[i * columns + j] = try element(i, j) }
        }
    }

    /// Wraps memory owned elsewhere (for example a memory-mapped file) without
    /// copying it. `release` runs once, when no matrix refers to the memory any
    /// more. A matrix made read-only copies itself before the first write.
    ///
    /// - Precondition: `base` holds at least `rows × columns` initialized elements.
    ///
    /// `evict`, when given, is how ``releaseResidentPages(rows:)`` lets go of
    /// memory the owner can bring back on demand: for a file mapping, an
    /// `madvise(MADV_DONTNEED)` of the byte range (offset and count in bytes from
    /// `base`), after which the pages are read again from the page cache.
    public init(wrapping base: UnsafeMutablePointer<Scalar>, rows: Int, columns: Int,
                isWritable: Bool, release: (@Sendable () -> Void)?,
                evict: (@Sendable (_ offset: Int, _ count: Int) -> Void)? = nil) {
        precondition(rows >= 0 && columns >= 0, "negative matrix shape \(rows)×\(columns)")
        let buffer = MatrixBuffer(wrapping: base, count: rows * columns, isWritable: isWritable,
                                  release: release, evict: evict)
        self.init(buffer: buffer, offset: 0, rows: rows, columns: columns)
    }

    /// Whether ``releaseResidentPages(rows:)`` does anything: the matrix wraps
    /// memory (a file mapping) whose pages can be dropped and read back.
    public var canReleaseResidentPages: Bool { buffer.evict != nil }

    /// Tells the owner of wrapped memory that the rows in `range` are not needed
    /// in RAM for now (a training pass has finished with them), so a matrix
    /// larger than memory streams through without the process's resident size
    /// growing by its size. The contents do not change. Does nothing for heap
    /// memory.
    public func releaseResidentPages(rows range: Range<Int>) {
        guard let evict = buffer.evict, !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= rows,
                     "rows \(range) out of range for a \(rows)×\(columns) matrix")
        let stride = MemoryLayout<Scalar>.stride
        evict((offset + range.lowerBound * columns) * stride, range.count * columns * stride)
    }

    /// The number of elements, `rows × columns`.
    @inlinable public var count: Int { rows * columns }

    /// The shape as text, `"rows×columns"`, for error messages.
    @inlinable
    public var shapeDescription: String { "\(rows)×\(columns)" }

    /// Element (i, j).
    ///
    /// - Precondition: `0 ≤ i < rows` and `0 ≤ j < columns`.
    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                         "index (\(i), \(j)) out of range for a \(rows)×\(columns) matrix")
            return buffer.base[offset + i * columns + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                         "index (\(i), \(j)) out of range for a \(rows)×\(columns) matrix")
            makeUniqueAndWritable()
            buffer.base[offset + i * columns + j] = newValue
        }
    }

    /// The rows in `range` as a matrix that shares this matrix's memory: no copy
    /// is made until one of the two is written to.
    ///
    /// - Precondition: `range` lies within `0..<rows`.
    /// - Complexity: O(1).
    @inlinable
    public func rows(_ range: Range<Int>) -> Matrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows,
                     "rows \(range) out of range for a \(rows)×\(columns) matrix")
        return Matrix(buffer: buffer, offset: offset + range.lowerBound * columns,
                      rows: range.count, columns: columns)
    }

    /// Row `i` as an array.
    ///
    /// - Complexity: O(columns).
    @inlinable
    public func row(_ i: Int) -> [Scalar] {
        precondition(i >= 0 && i < rows, "row \(i) out of range for a \(rows)×\(columns) matrix")
        return Array(UnsafeBufferPointer(start: buffer.base + offset + i * columns, count: columns))
    }

    /// Column `j` as an array.
    ///
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Scalar] {
        precondition(j >= 0 && j < columns, "column \(j) out of range for a \(rows)×\(columns) matrix")
        return (0..<rows).map { buffer.base[offset + $0 * columns + j] }
    }

    /// The elements in row-major order.
    @inlinable
    public var elements: [Scalar] {
        Array(UnsafeBufferPointer(start: buffer.base + offset, count: count))
    }

    /// The transpose, as a new `columns × rows` matrix.
    ///
    /// - Complexity: O(rows × columns).
    @inlinable
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let source = buffer.base + offset
        let target = result.buffer.base
        for i in 0..<rows {
            for j in 0..<columns { target[j * rows + i] = source[i * columns + j] }
        }
        result.offset = 0
        return result
    }

    /// The same matrix reinterpreted as `rows × columns` with the same elements
    /// in the same order.
    ///
    /// - Throws: ``NumericError/shapeMismatch(operation:message:)`` when the
    ///   element count differs.
    public func reshaped(rows newRows: Int, columns newColumns: Int) throws(NumericError) -> Matrix {
        guard newRows >= 0, newColumns >= 0, newRows * newColumns == count else {
            throw .shapeMismatch(operation: "reshaped",
                                 message: "cannot reshape \(shapeDescription) to \(newRows)×\(newColumns)")
        }
        return Matrix(buffer: buffer, offset: offset, rows: newRows, columns: newColumns)
    }

    /// Calls `body` with a read-only view of the elements.
    @inlinable
    public func withUnsafeMatrix<R, E: Error>(_ body: (UnsafeMatrix<Scalar>) throws(E) -> R) throws(E) -> R {
        let view = UnsafeMatrix(baseAddress: UnsafePointer(buffer.base + offset), rows: rows, columns: columns)
        return try withExtendedLifetime(buffer) { () throws(E) -> R in try body(view) }
    }

    /// Calls `body` with the elements in row-major order.
    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Scalar>) throws(E) -> R) throws(E) -> R {
        try withUnsafeMatrix { (m) throws(E) -> R in try body(m.elements) }
    }

    /// Calls `body` with a writable view of the elements, copying them first if
    /// the memory is shared with another matrix or is read-only.
    @inlinable
    public mutating func withUnsafeMutableMatrix<R, E: Error>(
        _ body: (UnsafeMutableMatrix<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        makeUniqueAndWritable()
        let view = UnsafeMutableMatrix(baseAddress: buffer.base + offset, rows: rows, columns: columns)
        return try withExtendedLifetime(buffer) { () throws(E) -> R in try body(view) }
    }

    /// Calls `body` with the elements in row-major order, writable (see
    /// ``withUnsafeMutableMatrix(_:)``).
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
        _ body: (UnsafeMutableBufferPointer<Scalar>) throws(E) -> R
    ) throws(E) -> R {
        try withUnsafeMutableMatrix { (m) throws(E) -> R in try body(m.elements) }
    }

    /// Copies the elements into a fresh buffer owned by this matrix alone when
    /// they are shared, a view into a larger buffer, or read-only.
    @usableFromInline
    mutating func makeUniqueAndWritable() {
        if isKnownUniquelyReferenced(&buffer), buffer.isWritable { return }
        let fresh = MatrixBuffer<Scalar>(uninitializedCount: count)
        fresh.base.initialize(from: buffer.base + offset, count: count)
        buffer = fresh
        offset = 0
    }
}

extension Matrix: Equatable {
    /// Two matrices are equal when they have the same shape and exactly equal
    /// elements. (Approximate comparison is for tests, never for `==`.)
    public static func == (lhs: Matrix, rhs: Matrix) -> Bool {
        guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
        return lhs.withUnsafeBufferPointer { l in
            rhs.withUnsafeBufferPointer { r in l.elementsEqual(r) }
        }
    }
}

extension Matrix: CustomStringConvertible {
    /// The shape and, for small matrices, the rows.
    public var description: String {
        guard count <= 100 else { return "Matrix<\(Scalar.self)>(\(shapeDescription))" }
        let lines = (0..<rows).map { i in row(i).map { "\($0)" }.joined(separator: ", ") }
        return "Matrix<\(Scalar.self)>(\(shapeDescription)) [\n  " + lines.joined(separator: "\n  ") + "\n]"
    }
}
