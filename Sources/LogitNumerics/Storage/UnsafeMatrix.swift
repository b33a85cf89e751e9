/// A non-owning, read-only view of a row-major matrix in contiguous memory:
/// element (i, j) is at `baseAddress[i * columns + j]`.
///
/// This is what the backends' primitives take: it costs nothing to make or pass,
/// never retains, and a row range of it is again an `UnsafeMatrix`. Obtain one
/// from ``Matrix/withUnsafeMatrix(_:)``; it is valid only inside that closure.
public struct UnsafeMatrix<Scalar: LogitScalar> {
    /// The first element, or `nil` for an empty matrix.
    public let baseAddress: UnsafePointer<Scalar>?
    /// Number of rows.
    public let rows: Int
    /// Number of columns (also the distance between consecutive rows).
    public let columns: Int

    /// Wraps `rows × columns` elements starting at `baseAddress`.
    ///
    /// - Precondition: `rows` and `columns` are not negative, and `baseAddress`
    ///   is not `nil` unless the matrix is empty.
    @inlinable
    public init(baseAddress: UnsafePointer<Scalar>?, rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "negative matrix shape \(rows)×\(columns)")
        precondition(baseAddress != nil || rows * columns == 0,
                     "a \(rows)×\(columns) matrix needs memory")
        self.baseAddress = baseAddress
        self.rows = rows
        self.columns = columns
    }

    /// The number of elements, `rows × columns`.
    @inlinable public var count: Int { rows * columns }

    /// The shape as text, `"rows×columns"`, for error messages.
    @inlinable public var shapeDescription: String { "\(rows)×\(columns)" }

    /// All elements as one buffer, in row-major order.
    @inlinable
    public var elements: UnsafeBufferPointer<Scalar> {
        UnsafeBufferPointer(start: baseAddress, count: count)
    }

    /// Row `i` as a buffer of `columns` elements.
    ///
    /// - Precondition: `0 ≤ i < rows`.
    @inlinable
    public func row(_ i: Int) -> UnsafeBufferPointer<Scalar> {
        precondition(i >= 0 && i < rows, "row \(i) out of range for a \(shapeDescription) matrix")
        return UnsafeBufferPointer(start: baseAddress! + i * columns, count: columns)
    }

    /// The rows in `range`, without copying.
    ///
    /// - Precondition: `range` lies within `0..<rows`.
    @inlinable
    public func rows(_ range: Range<Int>) -> UnsafeMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows,
                     "rows \(range) out of range for a \(shapeDescription) matrix")
        return UnsafeMatrix(baseAddress: range.isEmpty ? baseAddress : baseAddress.map { $0 + range.lowerBound * columns },
                            rows: range.count, columns: columns)
    }

    /// Element (i, j), unchecked beyond the precondition on the row.
    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                     "index (\(i), \(j)) out of range for a \(shapeDescription) matrix")
        return baseAddress![i * columns + j]
    }
}

/// A non-owning, writable view of a row-major matrix in contiguous memory.
///
/// The output operand of the backends' primitives. Obtain one from
/// ``Matrix/withUnsafeMutableMatrix(_:)``; it is valid only inside that closure.
public struct UnsafeMutableMatrix<Scalar: LogitScalar> {
    /// The first element, or `nil` for an empty matrix.
    public let baseAddress: UnsafeMutablePointer<Scalar>?
    /// Number of rows.
    public let rows: Int
    /// Number of columns (also the distance between consecutive rows).
    public let columns: Int

    /// Wraps `rows × columns` elements starting at `baseAddress`.
    ///
    /// - Precondition: `rows` and `columns` are not negative, and `baseAddress`
    ///   is not `nil` unless the matrix is empty.
    @inlinable
    public init(baseAddress: UnsafeMutablePointer<Scalar>?, rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "negative matrix shape \(rows)×\(columns)")
        precondition(baseAddress != nil || rows * columns == 0,
                     "a \(rows)×\(columns) matrix needs memory")
        self.baseAddress = baseAddress
        self.rows = rows
        self.columns = columns
    }

    /// Wraps a buffer as a `rows × columns` matrix.
    ///
    /// - Precondition: `buffer.count == rows * columns`.
    @inlinable
    public init(_ buffer: UnsafeMutableBufferPointer<Scalar>, rows: Int, columns: Int) {
        precondition(buffer.count == rows * columns,
                     "a buffer of \(buffer.count) elements is not a \(rows)×\(columns) matrix")
        self.init(baseAddress: buffer.baseAddress, rows: rows, columns: columns)
    }

    /// The number of elements, `rows × columns`.
    @inlinable public var count: Int { rows * columns }

    /// The shape as text, `"rows×columns"`, for error messages.
    @inlinable public var shapeDescription: String { "\(rows)×\(columns)" }

    /// All elements as one buffer, in row-major order.
    @inlinable
    public var elements: UnsafeMutableBufferPointer<Scalar> {
        UnsafeMutableBufferPointer(start: baseAddress, count: count)
    }

    /// The same memory, read-only.
    @inlinable
    public var readOnly: UnsafeMatrix<Scalar> {
        UnsafeMatrix(baseAddress: baseAddress.map { UnsafePointer($0) }, rows: rows, columns: columns)
    }

    /// Row `i` as a buffer of `columns` elements.
    ///
    /// - Precondition: `0 ≤ i < rows`.
    @inlinable
    public func row(_ i: Int) -> UnsafeMutableBufferPointer<Scalar> {
        precondition(i >= 0 && i < rows, "row \(i) out of range for a \(shapeDescription) matrix")
        return UnsafeMutableBufferPointer(start: baseAddress! + i * columns, count: columns)
    }

    /// The rows in `range`, without copying.
    ///
    /// - Precondition: `range` lies within `0..<rows`.
    @inlinable
    public func rows(_ range: Range<Int>) -> UnsafeMutableMatrix {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows,
                     "rows \(range) out of range for a \(shapeDescription) matrix")
        return UnsafeMutableMatrix(baseAddress: range.isEmpty ? baseAddress : baseAddress.map { $0 + range.lowerBound * columns },
                                   rows: range.count, columns: columns)
    }

    /// Element (i, j).
    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                         "index (\(i), \(j)) out of range for a \(shapeDescription) matrix")
            return baseAddress![i * columns + j]
        }
        nonmutating set {
            precondition(i >= 0 && i < rows && j >= 0 && j < columns,
                         "index (\(i), \(j)) out of range for a \(shapeDescription) matrix")
            baseAddress![i * columns + j] = newValue
        }
    }
}
