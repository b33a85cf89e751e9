import Testing
@testable import LogitImages

/// The resize against the independent NumPy reference
/// (scripts/reference/image_reference.py: dense weight matrices, Wy·P·Wxᵀ).
@Suite struct ImageResizerTests {
    /// Within 1e-6 (in 0–255 units): both compute in float64; the difference is
    /// summation order only, around 1e-13.
    @Test func matchesNumPyReference() throws {
        let cases = try ImageFixtures.resizeCases
        #expect(cases.count == 8)
        for c in cases {
            let image = DecodedImage(width: c.width, height: c.height, channels: c.channels,
                                     pixels: c.pixels.map { UInt8($0) })
            let out = ImageResizer.resize(image, width: c.targetWidth, height: c.targetHeight)
            #expect(out.count == c.expected.count)
            let worst = zip(out, c.expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-6, "\(c.width)x\(c.height) → \(c.targetWidth)x\(c.targetHeight): \(worst)")
        }
    }

    /// Area averaging of a 2×2 block is its mean; a constant image stays constant when grown.
    @Test func handComputedCases() {
        let image = DecodedImage(width: 2, height: 2, channels: 1, pixels: [0, 10, 20, 50])
        #expect(ImageResizer.resize(image, width: 1, height: 1) == [20])
        let flat = DecodedImage(width: 3, height: 3, channels: 1, pixels: [UInt8](repeating: 7, count: 9))
        #expect(ImageResizer.resize(flat, width: 7, height: 5).allSatisfy { abs($0 - 7) < 1e-12 })
    }
}
