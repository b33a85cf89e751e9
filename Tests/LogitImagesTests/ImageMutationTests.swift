import Foundation
import LogitNumerics
import Testing
@testable import LogitImages

/// Seeded mutations of every good fixture (bit flips, overwritten runs,
/// truncation, inserted bytes): each decode either succeeds or throws an
/// ImageError naming the file, never crashes the process (libpng's and
/// libjpeg's longjmp stay inside the C shims) and never exceeds the limits.
@Suite struct ImageMutationTests {
    static let names = ImageDecoderTests.names + ImageDecoderTests.jpegNames

    @Test(arguments: names) func mutantsAreDecodedOrRefused(name: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: ImageFixtures.good(name))))
        var random = SeededGenerator(seed: UInt64(original.count))  // the file size: fixed per fixture, unlike hashValue
        let decoder = ImageDecoder(limits: ImageLimits(maxFileBytes: 1 << 20, minSide: 1, maxSide: 2000))
        var refused = 0
        for round in 0..<150 {
            var bytes = original
            switch round % 4 {
            case 0:
                for _ in 0..<(1 + random.nextIndex(below: 8)) {
                    let at = random.nextIndex(below: bytes.count)
                    bytes[at] ^= UInt8(1 << random.nextIndex(below: 8))
                }
            case 1:
                let at = random.nextIndex(below: bytes.count)
                for i in at..<min(bytes.count, at + 1 + random.nextIndex(below: 16)) { bytes[i] = UInt8(random.nextIndex(below: 256)) }
            case 2:
                bytes.removeLast(1 + random.nextIndex(below: bytes.count - 1))
            default:
                let at = random.nextIndex(below: bytes.count)
                bytes.insert(contentsOf: (0..<(1 + random.nextIndex(below: 32))).map { _ in UInt8(random.nextIndex(below: 256)) }, at: at)
            }
            do {
                let image = try decoder.decode(bytes: bytes, path: "mutant-\(round)-\(name)")
                #expect(image.width <= 2000 && image.height <= 2000)
                #expect(image.pixels.count == image.width * image.height * image.channels)
            } catch {
                refused += 1
                #expect(error.path == "mutant-\(round)-\(name)")
                #expect(!error.reason.isEmpty)
            }
        }
        // Truncation alone refuses a quarter of the mutants or more for every format.
        #expect(refused >= 20, "\(name): only \(refused) of 150 mutants refused")
    }
}
