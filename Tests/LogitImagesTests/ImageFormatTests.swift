import Testing
@testable import LogitImages

@Suite struct ImageFormatTests {
    @Test func detectsSignatures() {
        let cases: [([UInt8], ImageFormat?)] = [
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], .png),
            ([0xFF, 0xD8, 0xFF, 0xE0], .jpeg),
            (Array("GIF89a".utf8), .gif),
            (Array("BM....".utf8), .bmp),
            (Array("hello".utf8), nil),
            ([], nil),
        ]
        for (bytes, expected) in cases {
            #expect(bytes.withUnsafeBytes { ImageFormat.detect($0) } == expected)
        }
    }
}
