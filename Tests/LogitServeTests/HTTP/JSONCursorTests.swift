#if Service
import Foundation
import LogitNumerics
import Testing
@testable import LogitServe

/// The response writer's numbers: the bytes written straight into the
/// response's memory are the standard library's shortest round-trip text
/// (`description`), and read back they give the same Double. Each is written
/// into exactly the space the cursor promises a number needs.
@Suite struct JSONCursorTests {
    /// What one write puts into `capacity` bytes.
    static func text(capacity: Int, _ write: (inout JSONCursor) -> Void) -> String {
        var bytes = [UInt8](repeating: 0, count: capacity)
        let count = bytes.withUnsafeMutableBytes { memory in
            var cursor = JSONCursor(memory)
            write(&cursor)
            return cursor.count
        }
        return String(decoding: bytes[..<count], as: UTF8.self)
    }

    @Test func doublesAsTheStandardLibraryWritesThem() {
        var random = SeededGenerator(seed: 9)
        var values: [Double] = [0, -0.0, 1, 0.5, 1e-7, 1e16, 1e22, 123456789.125, .ulpOfOne, .leastNonzeroMagnitude,
                                .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.1 + 0.2]
        for _ in 0..<5000 {
            values.append(Double(bitPattern: random.next()))
            values.append(random.nextUnitInterval())
        }
        for value in values where value.isFinite {
            let text = Self.text(capacity: JSONCursor.doubleBytes) { $0.write(value) }
            #expect(text == value.description)
            // Round trip through the standard library's correctly rounded parser (Foundation's
            // JSONSerialization goes through Decimal and is not exact in the last bit).
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(text)")
        }
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(Self.text(capacity: JSONCursor.doubleBytes) { $0.write(value) } == "null")
        }
    }

    @Test func wholeNumbers() {
        var random = SeededGenerator(seed: 10)
        for value in [0, 9, 10, 99, 100, UInt64.max, UInt64.max - 1] + (0..<1000).map({ _ in random.next() >> (random.next() % 64) }) {
            #expect(Self.text(capacity: JSONCursor.wholeNumberBytes) { $0.write(value) } == String(value))
        }
    }
}
#endif
