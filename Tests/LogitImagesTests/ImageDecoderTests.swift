import Foundation
import Testing
@testable import LogitImages

/// Decoded pixels against Pillow's (scripts/reference/make_image_fixtures.py).
@Suite struct ImageDecoderTests {
    static let names = ["png_gray.png", "png_gray_alpha.png", "png_rgb.png", "png_rgba.png", "png_palette.png",
                        "png_palette_transparent.png", "png_bilevel.png", "png_gray16.png", "png_rgb16.png",
                        "png_wide.png", "gif_single.gif", "gif_interlaced.gif", "gif_animated.gif", "bmp_rgb24.bmp",
                        "bmp_rgb24_odd.bmp", "bmp_rgba32.bmp", "bmp_palette8.bmp", "bmp_gray8.bmp", "bmp_topdown.bmp"]
    static let jpegNames = ["jpeg_baseline.jpg", "jpeg_progressive.jpg", "jpeg_gray.jpg", "jpeg_exif2.jpg", "jpeg_exif3.jpg", "jpeg_exif4.jpg", "jpeg_exif7.jpg",
                            "jpeg_exif5.jpg", "jpeg_exif6.jpg", "jpeg_exif8.jpg"]

    /// PNG, GIF and BMP are lossless: every value equals Pillow's exactly
    /// (16-bit PNG values reduced to their high byte on both sides).
    @Test(arguments: names) func losslessEqualsPillow(name: String) throws {
        let expected = try #require(try ImageFixtures.expected[name])
        let image = try ImageDecoder().decode(path: ImageFixtures.good(name))
        #expect(image.width == expected.width)
        #expect(image.height == expected.height)
        #expect(image.channels == expected.channels)
        #expect(image.pixels.map(Int.init) == expected.pixels)
    }

    /// JPEG within 1 grey level of Pillow's: both use libjpeg-turbo's default
    /// integer IDCT and fancy upsampling, but Pillow bundles its own build;
    /// the tolerance covers IDCT and colour-conversion rounding differences.
    /// Exif orientations 2–8 are compared with ImageOps.exif_transpose.
    @Test(arguments: jpegNames) func jpegWithinOneLevelOfPillow(name: String) throws {
        let expected = try #require(try ImageFixtures.expected[name])
        let image = try ImageDecoder().decode(path: ImageFixtures.good(name))
        #expect(image.width == expected.width)
        #expect(image.height == expected.height)
        #expect(image.channels == expected.channels)
        let worst = zip(image.pixels, expected.pixels).map { abs(Int($0) - $1) }.max() ?? 0
        #expect(worst <= 1, "largest difference \(worst) grey levels")
    }

    /// Colour to grey equals Pillow's convert("L") exactly (integer luma).
    @Test(arguments: names.filter { !$0.contains("gray") && !$0.contains("bilevel") }) func grayEqualsPillow(name: String) throws {
        let expected = try #require(try ImageFixtures.expected[name])
        let gray = try #require(expected.gray)
        let image = try ImageDecoder().decode(path: ImageFixtures.good(name)).gray()
        #expect(image.channels == 1)
        #expect(image.pixels.map(Int.init) == gray)
    }

    /// Colour JPEG decoded straight to its luma channel (the grey fast path)
    /// is within 1 level of Pillow's RGB decode + convert("L"): both are the
    /// same luma up to the rounding of the YCbCr → RGB → L round trip.
    @Test(arguments: jpegNames.filter { $0 != "jpeg_gray.jpg" }) func jpegLumaWithinOneLevelOfPillowGray(name: String) throws {
        let expected = try #require(try ImageFixtures.expected[name])
        let gray = try #require(expected.gray)
        let image = try ImageDecoder(jpegLuma: true).decode(path: ImageFixtures.good(name))
        #expect(image.channels == 1)
        #expect(image.width == expected.width && image.height == expected.height)
        let worst = zip(image.pixels, gray).map { abs(Int($0) - $1) }.max() ?? 0
        #expect(worst <= 1, "largest difference \(worst) grey levels")
    }

    /// Every bad file is refused with its path and the reason.
    @Test func badFilesAreRefusedWithPathAndReason() throws {
        let reasons = try ImageFixtures.badReasons
        #expect(reasons.count == 11)
        for (name, reason) in reasons {
            let path = ImageFixtures.bad(name)
            do {
                _ = try ImageDecoder().decode(path: path)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.path == path)
                #expect(error.description.hasPrefix(path + ": "))
                #expect(error.reason.contains(reason), "\(name): \(error.reason)")
            }
        }
    }

    @Test func tinyMessageMatchesTheIssue() {
        #expect(throws: ImageError(path: "tiny_5x5.png", reason: "5×5 pixels, below the 10×10 minimum")) {
            try ImageDecoder().decode(bytes: Array(FileManager.default.contents(atPath: ImageFixtures.bad("tiny_5x5.png"))!),
                                      path: "tiny_5x5.png")
        }
    }

    /// Limits are configurable: the 5×5 file passes a 5-pixel minimum, and a
    /// 13×17 file fails a 12-pixel maximum.
    @Test func limitsAreConfigurable() throws {
        let small = try ImageDecoder(limits: ImageLimits(minSide: 5)).decode(path: ImageFixtures.bad("tiny_5x5.png"))
        #expect(small.width == 5)
        #expect(throws: ImageError.self) {
            try ImageDecoder(limits: ImageLimits(maxSide: 12)).decode(path: ImageFixtures.good("png_rgb.png"))
        }
        #expect(throws: ImageError.self) {
            try ImageDecoder(limits: ImageLimits(maxFileBytes: 100)).decode(path: ImageFixtures.good("png_rgb.png"))
        }
    }

    /// A 60 MB file (sparse, made here, not committed) is refused from its size
    /// before it is read.
    @Test func sixtyMegabyteFileIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("logit-60mb-\(getpid()).png").path
        defer { unlink(path) }
        let png = try Data(contentsOf: URL(fileURLWithPath: ImageFixtures.good("png_rgb.png")))
        #expect(FileManager.default.createFile(atPath: path, contents: png))
        #expect(truncate(path, 60 * 1024 * 1024) == 0)
        #expect(throws: ImageError(path: path, reason: "60 MB file, above the 50 MB limit")) {
            try ImageDecoder().decode(path: path)
        }
    }

    @Test func missingFileAndFolderAreNamed() {
        #expect(throws: ImageError(path: "/nonexistent/x.png", reason: "no such file")) {
            try ImageDecoder().decode(path: "/nonexistent/x.png")
        }
        #expect(throws: ImageError(path: ImageFixtures.root.path, reason: "is a folder, not an image file")) {
            try ImageDecoder().decode(path: ImageFixtures.root.path)
        }
    }

    /// An unreadable file (mode 000). Root reads any file, so the test is
    /// skipped when running as root.
    @Test(.enabled(if: getuid() != 0, "root can read a mode-000 file")) func unreadableFileIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("logit-unreadable-\(getpid()).png").path
        defer { unlink(path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x89, 0x50])))
        #expect(chmod(path, 0) == 0)
        #expect(throws: ImageError(path: path, reason: "permission denied")) { try ImageDecoder().decode(path: path) }
    }
}
