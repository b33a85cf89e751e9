#if Service
import Testing
@testable import LogitServe

/// SHA-256 against Python's hashlib (scripts/serve_sha256_golden.py, pinned in
/// scripts/requirements-serve.txt). Exact: a digest is right or wrong.
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmjklmnklmnolmnopmnopqnopq",
         "9ad289b5b8ca3b67b3e1238ea026560d218cac02ee49b871795a3311874d107e"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func digest(_ text: String, _ expected: String) {
        #expect(SHA256.hex(Array(text.utf8)) == expected)
    }

    @Test func saltedKey() {
        let bytes = Array(0..<16) + Array("lk_0123456789abcdef".utf8)
        #expect(SHA256.hex(bytes) == "2d54a75a5745a704fc08511f0ebe78a4f1d557908659bbd3a545df4ba6f64d36")
    }

    @Test func hexRoundTrip() {
        #expect(Hex.decode("00ff10Ab") == [0, 255, 16, 171])
        #expect(Hex.encode([0, 255, 16, 171]) == "00ff10ab")
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
#endif
