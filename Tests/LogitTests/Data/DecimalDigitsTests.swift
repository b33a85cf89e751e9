import LogitNumerics
import Testing
import Logit

/// The eight-byte digit reader against a byte-by-byte count and value written
/// here: every byte value as the first non-digit, at every position 0…8.
@Suite struct DecimalDigitsTests {
    @Test func prefixEqualsAByteLoopForEveryTerminatorAtEveryPosition() {
        var random = SeededGenerator(seed: 3)
        for position in 0...8 {
            for terminator in 0...255 where !(48...57).contains(terminator) {
                var bytes = (0..<16).map { _ in UInt8(48 + random.next() % 10) }
                // Bytes after the terminator are arbitrary: they must not matter.
                for k in (position + 1)..<16 { bytes[k] = UInt8(truncatingIfNeeded: random.next()) }
                bytes[position] = UInt8(terminator)
                var count = 0
                var value: UInt64 = 0
                while count < 8, bytes[count] >= 48, bytes[count] <= 57 {
                    value = value * 10 + UInt64(bytes[count] - 48)
                    count += 1
                }
                let read = bytes.withUnsafeBufferPointer { _DecimalDigits.prefix($0.baseAddress!) }
                #expect(read.count == count && read.value == value,
                        "terminator \(terminator) at \(position): \(read), expected (\(count), \(value))")
            }
        }
        // Eight digits and more: the first eight, whatever follows.
        let all = Array("9876543210".utf8)
        let read = all.withUnsafeBufferPointer { _DecimalDigits.prefix($0.baseAddress!) }
        #expect(read.count == 8 && read.value == 98_765_432)
    }

    /// `append` is the prefix's digits added after the mantissa's: 12 then
    /// "345x…" gives 12345 and 3 digits; a non-digit first leaves it as it was.
    @Test func appendShiftsTheMantissaByTheDigitsRead() {
        var mantissa: UInt64 = 12
        let n = Array("345x9999".utf8).withUnsafeBufferPointer { _DecimalDigits.append($0.baseAddress!, to: &mantissa) }
        #expect(n == 3 && mantissa == 12_345)
        let none = Array("x2345678".utf8).withUnsafeBufferPointer { _DecimalDigits.append($0.baseAddress!, to: &mantissa) }
        #expect(none == 0 && mantissa == 12_345)
    }

    @Test func powersOfTen() {
        var p: UInt64 = 1
        for n in 0...8 {
            #expect(_DecimalDigits.powerOfTen(n) == p)
            p *= 10
        }
    }

    /// Clinger's fast path: exact factors give the correctly rounded product
    /// or quotient (checked against the standard library's parser of the same
    /// decimal), and anything outside them is left to the caller.
    @Test func exactDoubleEqualsTheStandardLibrarysParser() throws {
        var random = SeededGenerator(seed: 9)
        for _ in 0..<20000 {
            let mantissa = random.next() >> UInt64(11 + random.next() % 53)
            let exponent = Int(random.next() % 45) - 22
            let value = try #require(_DecimalDigits.exactDouble(mantissa: mantissa, exponent: exponent))
            let expected = try #require(Double("\(mantissa)e\(exponent)"))
            #expect(value.bitPattern == expected.bitPattern, "\(mantissa)e\(exponent)")
        }
        #expect(_DecimalDigits.exactDouble(mantissa: 1 << 53 + 1, exponent: 0) == nil)
        #expect(_DecimalDigits.exactDouble(mantissa: 1, exponent: 23) == nil)
        #expect(_DecimalDigits.exactDouble(mantissa: 1, exponent: -23) == nil)
    }
}
