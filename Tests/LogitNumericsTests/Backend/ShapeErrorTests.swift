import LogitNumerics
import Testing

/// Every operation rejects mismatched operands before touching memory, with a
/// message that names the shapes, identically on both backends.
@Suite("Shape errors")
struct ShapeErrorTests {
    @Test(arguments: BackendKind.available)
    func mismatchedOperandsThrowNamingShapes(kind: BackendKind) throws {
        let b = try kind.makeBackend(threads: 1)
        let a = Matrix<Double>(rows: 3, columns: 4)
        var y = [Double](repeating: 0, count: 3)

        let gemvError = #expect(throws: NumericError.self) {
            try b.gemv(.noTranspose, a, [1, 2, 3, 4, 5], &y)
        }
        #expect(gemvError?.description == "gemv(noTranspose): op(A) is 3×4 (A is 3×4) but x has 5 elements (expected 4)")

        var wrongY = [Double](repeating: 0, count: 3)
        let transError = #expect(throws: NumericError.self) {
            try b.gemv(.transpose, a, [1, 2, 3], &wrongY)
        }
        #expect(transError?.description.contains("op(A) is 4×3") == true)
        #expect(transError?.description.contains("y has 3 elements (expected 4)") == true)

        #expect(throws: NumericError.shapeMismatch(operation: "dot", message: "x has 2 elements but y has 3")) {
            _ = try b.dot([1.0, 2], [1, 2, 3])
        }
        #expect(throws: NumericError.shapeMismatch(operation: "axpy", message: "x has 1 elements but y has 3")) {
            try b.axpy(1.0, [1], &y)
        }

        var c = Matrix<Double>(rows: 3, columns: 3)
        let gemmError = #expect(throws: NumericError.self) {
            try b.gemm(.noTranspose, .noTranspose, a, Matrix<Double>(rows: 5, columns: 3), &c)
        }
        #expect(gemmError?.description.contains("op(A) is 3×4 (A is 3×4), op(B) is 5×3") == true)

        let syrkError = #expect(throws: NumericError.self) { try b.syrk(.transpose, a, &c) }
        #expect(syrkError?.description == "syrk(transpose): op(A) is 4×3 (A is 3×4) so C must be 4×4, but C is 3×3")

        var nonSquare = Matrix<Double>(rows: 2, columns: 3)
        var rhs = Matrix<Double>(rows: 2, columns: 1)
        #expect(throws: NumericError.shapeMismatch(operation: "posv", message: "A must be square but is 2×3")) {
            try b.posv(&nonSquare, &rhs)
        }
        var square = Matrix<Double>(rows: 3, columns: 3)
        #expect(throws: NumericError.shapeMismatch(operation: "posv", message: "A is 3×3 but B has 2 rows (expected 3)")) {
            try b.posv(&square, &rhs)
        }
        // The failed calls must not have written anything.
        #expect(y == [0, 0, 0] && c == Matrix(rows: 3, columns: 3))
    }

    @Test(arguments: BackendKind.available)
    func forwardBackwardChecksScratchAndShapes(kind: BackendKind) throws {
        let b = try kind.makeBackend(threads: 1)
        let x = Matrix<Float>(rows: 10, columns: 4), w = Matrix<Float>(rows: 2, columns: 4)
        var g = Matrix<Float>(rows: 2, columns: 3)
        var scratch = [Float](repeating: 0, count: 100)
        let error = #expect(throws: NumericError.self) {
            try x.withUnsafeMatrix { xm in
                try w.withUnsafeMatrix { wm in
                    try g.withUnsafeMutableMatrix { gm in
                        try scratch.withUnsafeMutableBufferPointer { sb in
                            try b.forwardBackward(xm, weights: wm, gradient: gm, scratch: sb) { _, _ in }
                        }
                    }
                }
            }
        }
        #expect(error?.description == "forwardBackward: W is 2×4 but G is 2×3 (expected the same shape)")
        var small = [Float]()
        g = Matrix(rows: 2, columns: 4)
        let scratchError = #expect(throws: NumericError.self) {
            try x.withUnsafeMatrix { xm in
                try w.withUnsafeMatrix { wm in
                    try g.withUnsafeMutableMatrix { gm in
                        try small.withUnsafeMutableBufferPointer { sb in
                            try b.forwardBackward(xm, weights: wm, gradient: gm, scratch: sb) { _, _ in }
                        }
                    }
                }
            }
        }
        #expect(scratchError?.description.hasPrefix("forwardBackward: scratch has 0 elements") == true)
    }

    #if OpenBLAS
    /// A dimension past Int32.max must be refused before CBLAS sees it. The view
    /// claims 2³¹ columns over a tiny buffer: reading it would crash, so the test
    /// passing proves the check comes first.
    @Test func blasRefusesSizesBeyondInt32() throws {
        let b = try BLASBackend(threads: 1)
        var one: Float = 1
        let huge = Int(Int32.max) + 1
        withUnsafeMutablePointer(to: &one) { p in
            let a = UnsafeMatrix(baseAddress: UnsafePointer(p), rows: 1, columns: huge)
            let x = UnsafeBufferPointer(start: UnsafePointer(p), count: huge)
            let y = UnsafeMutableBufferPointer(start: p, count: 1)
            #expect(throws: NumericError.dimensionTooLarge(operation: "gemv(noTranspose)", dimension: "columns of A", value: huge)) {
                try b.gemv(.noTranspose, alpha: 1, a, x, beta: 0, y)
            }
            #expect(throws: NumericError.dimensionTooLarge(operation: "dot", dimension: "n", value: huge)) {
                _ = try b.dot(x, x)
            }
        }
    }
    #endif
}
