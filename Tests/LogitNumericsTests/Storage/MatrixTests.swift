import LogitNumerics
import Testing

@Suite("Matrix storage")
struct MatrixTests {
    @Test func rowMajorLayoutAndShapeChecks() throws {
        let m = try Matrix<Float>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        #expect(m[1, 0] == 4 && m.row(1) == [4, 5, 6] && m.column(2) == [3, 6])
        #expect(m.transposed() == (try Matrix([[1, 4], [2, 5], [3, 6]])))
        #expect(throws: NumericError.shapeMismatch(
            operation: "Matrix(rows:columns:elements:)",
            message: "5 elements do not make a 2×3 matrix (expected 6)")) {
            _ = try Matrix<Float>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5])
        }
        #expect(throws: NumericError.shapeMismatch(operation: "Matrix(_:)", message: "row 1 has 1 elements, row 0 has 2")) {
            _ = try Matrix<Double>([[1, 2], [3]])
        }
        #expect(Matrix<Double>(rows: 0, columns: 7).count == 0)
    }

    @Test func rowViewsShareMemoryAndCopyOnWrite() throws {
        var m = Matrix<Double>(rows: 6, columns: 2) { i, j in Double(10 * i + j) }
        var block = m.rows(2..<4)
        #expect(block.rows == 2 && block[0, 1] == 21 && block[1, 0] == 30)
        block.withUnsafeBufferPointer { view in
            m.withUnsafeBufferPointer { whole in
                #expect(view.baseAddress == whole.baseAddress! + 4, "a row view must not copy")
            }
        }
        block[0, 0] = -1
        #expect(m[2, 0] == 20, "writing to a view must not change the matrix it came from")
        m[5, 1] = 99
        #expect(block[1, 1] == 31 && block[0, 0] == -1)
    }

    @Test func wrappedMemoryIsReleasedOnceAndCopiedBeforeWrites() throws {
        final class Flag: @unchecked Sendable { var released = 0 }
        let flag = Flag()
        let raw = UnsafeMutablePointer<Float>.allocate(capacity: 4)
        raw.initialize(from: [1, 2, 3, 4], count: 4)
        let address = UInt(bitPattern: raw)
        do {
            var wrapped = Matrix(wrapping: raw, rows: 2, columns: 2, isWritable: false) {
                flag.released += 1
                UnsafeMutablePointer<Float>(bitPattern: address)!.deallocate()
            }
            let alias = wrapped
            wrapped[0, 0] = 7
            #expect(raw[0] == 1, "read-only memory must be copied, not written")
            #expect(alias[0, 0] == 1 && wrapped[0, 0] == 7)
        }
        #expect(flag.released == 1)
    }
}
