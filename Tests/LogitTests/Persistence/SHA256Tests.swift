import Testing
@testable import Logit

/// SHA-256 against FIPS 180-4's published example digests and against
/// Python's hashlib (scripts/serve_sha256_golden.py). Exact: a digest is right
/// or wrong.
@Suite struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmjklmnklmnolmnopmnopqnopq",
         "9ad289b5b8ca3b67b3e1238ea026560d218cac02ee49b871795a3311874d107e"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func hashlibVectors(_ text: String, _ expected: String) {
        #expect(SHA256.hex(Array(text.utf8)) == expected)
    }

    /// The API-key file's salted hash: salt bytes then the key's text; `hash`
    /// gives the digest's bytes, the same digest as `hex`.
    @Test func saltedKeyBytes() {
        let bytes = Array(0..<16) + Array("lk_0123456789abcdef".utf8)
        #expect(SHA256.hex(bytes) == "2d54a75a5745a704fc08511f0ebe78a4f1d557908659bbd3a545df4ba6f64d36")
        let digits: [String] = SHA256.hash(bytes).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        #expect(digits.joined() == "2d54a75a5745a704fc08511f0ebe78a4f1d557908659bbd3a545df4ba6f64d36")
    }
}
