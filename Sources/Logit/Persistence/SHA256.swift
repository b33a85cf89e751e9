/// SHA-256 (FIPS 180-4) of a byte buffer, for the package's own modules: the
/// image feature cache's content key, the service's salted API-key hashes and
/// model versions. Written here because Foundation on Linux has no digest and
/// the project takes no cryptography dependency; `package`, not public API.
/// Cost: O(n), about 64 rounds per 64 bytes; no copy of the input.
package enum SHA256 {
    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// The digest of `bytes` as 64 lowercase hexadecimal digits.
    package static func hex(_ bytes: UnsafeRawBufferPointer) -> String {
        let words = digest(bytes)
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { text in
            for (i, word) in words.enumerated() {
                for nibble in 0..<8 {
                    text[8 * i + nibble] = digits[Int((word >> UInt32(28 - 4 * nibble)) & 0xF)]
                }
            }
            return 64
        }
    }

    /// The digest of `bytes` as hexadecimal.
    package static func hex(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { hex($0) } }

    /// The 32-byte digest of `bytes` (big-endian words, as hashlib's `digest()`).
    package static func hash(_ bytes: [UInt8]) -> [UInt8] {
        let words = bytes.withUnsafeBytes { digest($0) }
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            for i in 0..<32 { out[i] = UInt8(truncatingIfNeeded: words[i / 4] >> UInt32(24 - 8 * (i % 4))) }
            count = 32
        }
    }

    /// The eight 32-bit words of the digest of `bytes`.
    ///
    /// Allocates only the result: the message schedule and the padded tail
    /// live on the stack, and whole blocks are read in place (the service
    /// hashes an API key per request, the image cache whole files).
    package static func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt32] {
        var h = State()
        let n = bytes.count
        let fullBlocks = n / 64
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                for b in 0..<fullBlocks {
                    h.compress(UnsafeRawBufferPointer(rebasing: bytes[(b * 64)..<(b * 64 + 64)]), schedule: w, k: k)
                }
                // Padding: 0x80, zeros, then the bit length big-endian, in one or two blocks.
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
                    let rest = n - fullBlocks * 64
                    tail.initialize(repeating: 0)
                    for i in 0..<rest { tail[i] = bytes[fullBlocks * 64 + i] }
                    tail[rest] = 0x80
                    let end = rest + 9 <= 64 ? 64 : 128
                    let bitLength = UInt64(n) &* 8
                    for i in 0..<8 { tail[end - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
                    let raw = UnsafeRawBufferPointer(tail)
                    for start in stride(from: 0, to: end, by: 64) {
                        h.compress(UnsafeRawBufferPointer(rebasing: raw[start..<(start + 64)]), schedule: w, k: k)
                    }
                }
            }
        }
        return [h.a, h.b, h.c, h.d, h.e, h.f, h.g, h.h]
    }

    /// The eight working words between blocks.
    private struct State {
        var a: UInt32 = 0x6a09e667, b: UInt32 = 0xbb67ae85, c: UInt32 = 0x3c6ef372, d: UInt32 = 0xa54ff53a
        var e: UInt32 = 0x510e527f, f: UInt32 = 0x9b05688c, g: UInt32 = 0x1f83d9ab, h: UInt32 = 0x5be0cd19

        /// Folds one 64-byte block into the state (FIPS 180-4 § 6.2.2).
        mutating func compress(_ block: UnsafeRawBufferPointer, schedule w: UnsafeMutableBufferPointer<UInt32>,
                               k: UnsafeBufferPointer<UInt32>) {
            for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
            for i in 16..<64 {
                let s0 = SHA256.rotr(w[i - 15], 7) ^ SHA256.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = SHA256.rotr(w[i - 2], 17) ^ SHA256.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var a = self.a, b = self.b, c = self.c, d = self.d, e = self.e, f = self.f, g = self.g, h = self.h
            for i in 0..<64 {
                let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                h = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ s0 &+ maj
            }
            self.a &+= a; self.b &+= b; self.c &+= c; self.d &+= d
            self.e &+= e; self.f &+= f; self.g &+= g; self.h &+= h
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
