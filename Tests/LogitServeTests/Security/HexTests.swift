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
}
#endif
