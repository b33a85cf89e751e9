#if Service
import Testing
@testable import LogitServe

/// The hexadecimal codec of key files (salts and hashes).
@Suite struct HexTests {
    @Test func hexRoundTrip() {
        #expect(Hex.decode("00ff10Ab") == [0, 255, 16, 171])
        #expect(Hex.encode([0, 255, 16, 171]) == "00ff10ab")
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    /// The request id's form: 8 digits of the prefix, then 16 of the value, big-endian.
    @Test func prefixAndValue() {
        #expect(Hex.encode(0x01ab_cdef, 0x0123_4567_89ab_cdef) == "01abcdef0123456789abcdef")
        #expect(Hex.encode(0, 0) == String(repeating: "0", count: 24))
        #expect(Hex.encode(.max, .max) == String(repeating: "f", count: 24))
    }
}
#endif
